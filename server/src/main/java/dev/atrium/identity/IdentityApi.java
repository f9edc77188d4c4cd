package dev.atrium.identity;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;

/** The JSON shapes of the identity endpoints. */
final class IdentityApi {
  private IdentityApi() {}

  record RegisterRequest(
      @Required @Description("3-32 characters: a-z, 0-9, underscore, dot; case-insensitive.")
          String username,
      @Required @Description("At least 10 characters.") String password,
      @Required String displayName,
      @Description("en, de, fr or zh; en when absent.") String language,
      @Description("Required when the server is invite-only.") String inviteCode,
      @Description("A name for this device, shown in the device list.") String deviceName) {}

  record RegistrationResponse(
      @Required
          @Description(
              "Who may create an account: open, invite-only (an invite code is needed) or closed.")
          String mode) {}

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
      return new ProfileResponse(
          account.id(),
          account.username(),
          account.displayName(),
          account.language().code(),
          Instant.ofEpochMilli(account.createdAtMillis()));
    }
  }

  record UpdateProfileRequest(String displayName, String language) {}

  record PublicProfileResponse(
      @Required String id, @Required String username, @Required String displayName) {
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
      return new DeviceResponse(
          device.id(),
          device.name(),
          Instant.ofEpochMilli(device.createdAtMillis()),
          Instant.ofEpochMilli(device.lastSeenAtMillis()),
          device.id().equals(currentDeviceId));
    }
  }

  record ChangePasswordRequest(@Required String currentPassword, @Required String newPassword) {}

  record DeleteAccountRequest(
      @Required @Description("The account's password, to confirm.") String password) {}

  record CreateDeviceLinkRequest(
      @Description("A name for the new device, shown to the approving device.")
          String deviceName) {}

  record DeviceLinkResponse(
      @Required @Description("The code the QR code carries; the approving device sends it.")
          String code,
      @Required @Description("<server>/link/<code>: what the QR code encodes, to scan or paste.")
          String url,
      @Required
          @Description("Only this browser holds it; it collects the session with it. Shown once.")
          String pollSecret,
      @Required @Description("The QR code of url, as image/svg+xml.") String qrSvg,
      @Required Instant expiresAt) {}

  record DeviceLinkCodeRequest(
      @Required @Description("The code from the scanned QR code or pasted link.") String code) {}

  record PollDeviceLinkRequest(@Required String pollSecret) {}

  record DeviceLinkStatusResponse(
      @Required @Description("pending, approved, declined or expired.") String status,
      @Required Instant expiresAt,
      @Description("The new device's session; present once, in the answer that reports approval.")
          SessionResponse session) {}

  record PendingDeviceLinkResponse(
      @Required @Description("The name the new browser gave itself.") String deviceName,
      @Required Instant createdAt,
      @Required Instant expiresAt) {}
}
