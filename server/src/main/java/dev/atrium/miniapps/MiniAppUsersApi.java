package dev.atrium.miniapps;

import dev.atrium.miniapps.MiniAppUsersStore.Access;
import dev.atrium.miniapps.MiniAppUsersStore.Grant;
import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of login codes, consents, the access log and storage. */
final class MiniAppUsersApi {
  private MiniAppUsersApi() {}

  record LoginCodeResponse(
      @Required @Description("Give it to the mini-program; single use.") String code,
      @Required Instant expiresAt) {}

  record ExchangeRequest(@Required String code) {}

  record ExchangeResponse(
      @Required @Description("The user's pseudonymous id for this mini-program.") String openId,
      @Required @Description("Scopes the user granted to this mini-program.")
          List<String> grantedScopes) {}

  record ConsentRequest(@Required @Description("profile or location.") String scope) {}

  record GrantResponse(@Required String scope, @Required Instant grantedAt) {
    static GrantResponse of(Grant grant) {
      return new GrantResponse(grant.scope(), Instant.ofEpochMilli(grant.grantedAt()));
    }

    static List<GrantResponse> of(List<Grant> grants) {
      return grants.stream().map(GrantResponse::of).toList();
    }
  }

  record ConsentList(@Required List<GrantResponse> grants) {}

  record UsedAppResponse(
      @Required String appId,
      @Required String name,
      String icon,
      @Required @Description("Whether it is approved and can be opened.") boolean live,
      @Required List<GrantResponse> grants,
      @Required Instant firstUsedAt,
      @Required Instant lastUsedAt) {
    static UsedAppResponse of(MiniAppUsers.UsedApp used) {
      return new UsedAppResponse(
          used.app().appId(),
          used.app().name(),
          used.app().icon(),
          used.app().isLive(),
          GrantResponse.of(used.grants()),
          Instant.ofEpochMilli(used.firstLoginAt()),
          Instant.ofEpochMilli(used.lastSeenAt()));
    }
  }

  record UsedAppList(@Required List<UsedAppResponse> items) {}

  record AccessResponse(
      @Required String id,
      @Required @Description("profile or location.") String kind,
      @Required Instant at) {
    static AccessResponse of(Access access) {
      return new AccessResponse(access.id(), access.kind(), Instant.ofEpochMilli(access.at()));
    }
  }

  record AccessLog(@Required List<AccessResponse> items) {}

  record AccessRequest(
      @Required @Description("location (the only kind logged this way).") String kind) {}

  record ProfileResponse(@Required String openId, @Required String displayName) {}

  record StorageKeys(@Required List<String> keys) {}

  record StorageItem(@Required String key, @Required String value) {}

  record StorageValue(
      @Required
          @Description(
              "A string of at most 4096 UTF-8 bytes (miniapps.users.storageValueBytesMax).")
          String value) {}
}
