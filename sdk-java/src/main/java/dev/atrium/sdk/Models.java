package dev.atrium.sdk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON shapes of Atrium's API, as the SDK reads and writes them. */
public final class Models {
  private Models() {}

  /** What a new account is made of; language, inviteCode and deviceName may be null. */
  public record Registration(
      String username,
      String password,
      String displayName,
      String language,
      String inviteCode,
      String deviceName) {
    public static Registration of(String username, String password, String displayName) {
      return new Registration(username, password, displayName, null, null, null);
    }

    public Registration withInviteCode(String code) {
      return new Registration(username, password, displayName, language, code, deviceName);
    }

    public Registration withLanguage(String code) {
      return new Registration(username, password, displayName, code, inviteCode, deviceName);
    }

    public Registration withDeviceName(String name) {
      return new Registration(username, password, displayName, language, inviteCode, name);
    }
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Session(String token, Device device, Profile account) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Profile(
      String id, String username, String displayName, String language, Instant createdAt) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record PublicProfile(String id, String username, String displayName) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Device(
      String id, String name, Instant createdAt, Instant lastSeenAt, boolean current) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record AccountExport(
      int formatVersion,
      Instant exportedAt,
      ExportedAccount account,
      List<ExportedDevice> devices,
      Map<String, JsonNode> sections) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ExportedAccount(
      String id,
      String username,
      String displayName,
      String language,
      String status,
      Instant createdAt,
      Instant updatedAt,
      boolean registeredWithInvite) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  public record ExportedDevice(String id, String name, Instant createdAt, Instant lastSeenAt) {}

  /**
   * A new browser's request to be logged in by QR code; {@code pollSecret} collects the session.
   */
  public record DeviceLink(
      String code, String url, String pollSecret, String qrSvg, Instant expiresAt) {}

  /**
   * Where a device link stands: pending, approved (with the session, once), declined or expired.
   */
  public record DeviceLinkStatus(String status, Instant expiresAt, Session session) {}

  /** What a scanned device link asks, as the approving device sees it. */
  public record PendingDeviceLink(String deviceName, Instant createdAt, Instant expiresAt) {}

  record Login(String username, String password, String deviceName) {}

  record DeviceLinkRequest(String deviceName) {}

  record DeviceLinkCode(String code) {}

  record DeviceLinkPoll(String pollSecret) {}

  record ProfileChange(String displayName, String language) {}

  record PasswordChange(String currentPassword, String newPassword) {}

  record PasswordConfirmation(String password) {}
}
