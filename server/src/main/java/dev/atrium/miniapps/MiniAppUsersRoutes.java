package dev.atrium.miniapps;

import static dev.atrium.platform.http.Requests.body;

import dev.atrium.miniapps.MiniAppUsersApi.AccessLog;
import dev.atrium.miniapps.MiniAppUsersApi.AccessRequest;
import dev.atrium.miniapps.MiniAppUsersApi.AccessResponse;
import dev.atrium.miniapps.MiniAppUsersApi.ConsentList;
import dev.atrium.miniapps.MiniAppUsersApi.ConsentRequest;
import dev.atrium.miniapps.MiniAppUsersApi.ExchangeRequest;
import dev.atrium.miniapps.MiniAppUsersApi.ExchangeResponse;
import dev.atrium.miniapps.MiniAppUsersApi.GrantResponse;
import dev.atrium.miniapps.MiniAppUsersApi.LoginCodeResponse;
import dev.atrium.miniapps.MiniAppUsersApi.ProfileResponse;
import dev.atrium.miniapps.MiniAppUsersApi.UsedAppList;
import dev.atrium.miniapps.MiniAppUsersApi.UsedAppResponse;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import java.time.Instant;

/**
 * HTTP for mini-program users: login codes and their exchange, consents, the profile read, the
 * access log. Users call with their device token (the host client acts for the mini-program),
 * provider servers with the app's credentials. Storage is in {@link MiniAppStorageRoutes}.
 */
final class MiniAppUsersRoutes implements RouteModule {
  static final String TAG = "miniapps";
  static final String PROVIDER_TAG = "miniapp-provider";
  private static final String APP = "/api/v1/miniapps/{appId}";
  private static final String ME = "/api/v1/me/miniapps";
  private static final int LOG_ROWS_DEFAULT = 50;
  private final MiniAppUsers users;
  private final MiniAppProviderAuth providerAuth;

  MiniAppUsersRoutes(MiniAppUsers users, MiniAppProviderAuth providerAuth) {
    this.users = users;
    this.providerAuth = providerAuth;
  }

  @Override
  public void register(Api api) {
    registerLogin(api);
    registerConsent(api);
    registerAccess(api);
  }

  private void registerLogin(Api api) {
    api.authenticated(
        Operation.post(APP + "/login", "createMiniAppLoginCode")
            .tag(TAG)
            .summary(
                "A one-time login code for an approved mini-program, valid 5 minutes; the "
                    + "mini-program's server exchanges it for the user's openId.")
            .response(201, LoginCodeResponse.class)
            .errors(404, 429),
        (ctx, caller) -> {
          MiniAppUsers.LoginCode code =
              users.newLoginCode(caller.accountId(), ctx.pathParam("appId"));
          ctx.status(201)
              .json(
                  new LoginCodeResponse(code.code(), Instant.ofEpochMilli(code.expiresAtMillis())));
        });
    api.open(
        Operation.post("/api/v1/provider/login-codes/exchange", "exchangeMiniAppLoginCode")
            .tag(PROVIDER_TAG)
            .summary(
                "App credentials. Exchanges a login code for the user's pseudonymous id; 400 "
                    + "invalid_login_code for any code that is unknown, expired, used or another "
                    + "app's.")
            .request(ExchangeRequest.class)
            .response(200, ExchangeResponse.class)
            .errors(400, 401, 403),
        ctx -> {
          MiniApp app = providerAuth.require(ctx);
          MiniAppUsers.Exchanged exchanged =
              users.exchange(app, body(ctx, ExchangeRequest.class).code());
          ctx.json(new ExchangeResponse(exchanged.openId(), exchanged.grantedScopes()));
        });
  }

  private void registerConsent(Api api) {
    api.authenticated(
        Operation.post(APP + "/consents", "grantMiniAppConsent")
            .tag(TAG)
            .summary("Grant a scope the mini-program requested (profile or location).")
            .request(ConsentRequest.class)
            .response(200, ConsentList.class)
            .errors(400, 404),
        (ctx, caller) ->
            ctx.json(
                new ConsentList(
                    GrantResponse.of(
                        users.grant(
                            caller.accountId(),
                            ctx.pathParam("appId"),
                            body(ctx, ConsentRequest.class).scope())))));
    api.authenticated(
        Operation.delete(ME + "/{appId}/consents/{scope}", "revokeMiniAppConsent")
            .tag(TAG)
            .summary(
                "Revoke one scope: access stops at once and the mini-program gets a "
                    + "consent.revoked webhook.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          users.revoke(caller.accountId(), ctx.pathParam("appId"), ctx.pathParam("scope"));
          ctx.status(204);
        });
    api.authenticated(
        Operation.delete(ME + "/{appId}", "revokeAllMiniAppConsents")
            .tag(TAG)
            .summary("Revoke every scope granted to the mini-program (consent.revoked webhook).")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          users.revoke(caller.accountId(), ctx.pathParam("appId"), null);
          ctx.status(204);
        });
    api.authenticated(
        Operation.get(ME, "listMyMiniAppUsage")
            .tag(TAG)
            .summary(
                "The mini-programs the caller used, most recent first (at most "
                    + MiniAppUsers.LIST_ROWS_MAX
                    + "), with what was granted and when.")
            .response(200, UsedAppList.class),
        (ctx, caller) ->
            ctx.json(
                new UsedAppList(
                    users.usedApps(caller.accountId()).stream()
                        .map(UsedAppResponse::of)
                        .toList())));
  }

  private void registerAccess(Api api) {
    api.authenticated(
        Operation.get(APP + "/profile", "getMiniAppProfile")
            .tag(TAG)
            .summary(
                "The profile a mini-program may read with a profile grant (403 consent_required "
                    + "otherwise); the read is logged.")
            .response(200, ProfileResponse.class)
            .errors(403, 404),
        (ctx, caller) -> {
          MiniAppUsers.Profile profile = users.profile(caller.accountId(), ctx.pathParam("appId"));
          ctx.json(new ProfileResponse(profile.openId(), profile.displayName()));
        });
    api.authenticated(
        Operation.post(APP + "/access-log", "logMiniAppAccess")
            .tag(TAG)
            .summary(
                "Records a location read the host client served to the mini-program; needs a "
                    + "location grant (403 consent_required otherwise).")
            .request(AccessRequest.class)
            .noContent()
            .errors(400, 403, 404, 422),
        (ctx, caller) -> {
          if (!"location".equals(body(ctx, AccessRequest.class).kind())) {
            throw RequestError.validation("kind", "Only 'location' is logged this way.");
          }
          users.logLocation(caller.accountId(), ctx.pathParam("appId"));
          ctx.status(204);
        });
    api.authenticated(
        Operation.get(ME + "/{appId}/access-log", "getMiniAppAccessLog")
            .tag(TAG)
            .queryInteger("limit", 1, MiniAppUsers.LIST_ROWS_MAX, "At most this many; default 50.")
            .queryInteger(
                "before",
                0,
                Long.MAX_VALUE,
                "Epoch milliseconds: only entries before it (the last entry's time, for the next "
                    + "page).")
            .summary("What the mini-program read of the caller's data, newest first.")
            .response(200, AccessLog.class)
            .errors(400, 404),
        (ctx, caller) -> {
          int limit =
              Requests.queryInt(ctx, "limit", LOG_ROWS_DEFAULT, 1, MiniAppUsers.LIST_ROWS_MAX);
          long before = before(ctx.queryParam("before"));
          ctx.json(
              new AccessLog(
                  users
                      .accessLog(caller.accountId(), ctx.pathParam("appId"), before, limit)
                      .stream()
                      .map(AccessResponse::of)
                      .toList()));
        });
  }

  private static long before(String text) {
    if (text == null || text.isEmpty()) {
      return Long.MAX_VALUE;
    }
    try {
      long value = Long.parseLong(text);
      if (value < 0) {
        throw RequestError.invalidParameter("before", "Epoch milliseconds, not negative.");
      }
      return value;
    } catch (NumberFormatException e) {
      throw RequestError.invalidParameter("before", "Epoch milliseconds.");
    }
  }
}
