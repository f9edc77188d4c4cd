package dev.atrium.identity;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;

/** The JSON shapes of the identity endpoints. */
final class IdentityApi {
  private IdentityApi() {}

  record RegisterRequest(
      @Required @Description("3-32 characters: a-z, 0-9, underscore, dot; case-insensitive.") String username,
      @Required @Description("At least 10 characters.") String password,
      @Required String displayName,
      @Description("en, de, fr or zh; en when absent.") String language,
      @Description("Required when the server is invite-only.") String inviteCode,
      @Description("A name for this device, shown in the device list.") String deviceName) {}

  record LoginRequest(@Required String username, @Required String password, String deviceName) {}

  record SessionResponse(
      @Required @Description("Bearer token of the new device; shown only once.") String token,
      @Required DeviceResponse device,
      @Required ProfileResponse account) {}

  record ProfileResponse(
      @Required String id,
      @Required String username,
      @Required String displayName,
      @Required String language,
      @Required Instant createdAt) {
    static ProfileResponse of(Account account) {
      return new ProfileResponse(account.id(), account.username(), account.displayName(),
          account.language().code(), Instant.ofEpochMilli(account.createdAtMillis()));
    }
  }

  record UpdateProfileRequest(String displayName, String language) {}

  record PublicProfileResponse(@Required String id, @Required String username, @Required String displayName) {
    static PublicProfileResponse of(Account account) {
      return new PublicProfileResponse(account.id(), account.username(), account.displayName());
    }
  }

  record DeviceResponse(
      @Required String id,
      @Required String name,
      @Required Instant createdAt,
      @Required Instant lastSeenAt,
      @Required @Description("True for the device making this request.") boolean current) {
    static DeviceResponse of(Device device, String currentDeviceId) {
      return new DeviceResponse(device.id(), device.name(), Instant.ofEpochMilli(device.createdAtMillis()),
          Instant.ofEpochMilli(device.lastSeenAtMillis()), device.id().equals(currentDeviceId));
    }
  }

  record ChangePasswordRequest(@Required String currentPassword, @Required String newPassword) {}

  record DeleteAccountRequest(@Required @Description("The account's password, to confirm.") String password) {}
}
