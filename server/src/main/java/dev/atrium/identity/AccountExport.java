package dev.atrium.identity;

import dev.atrium.platform.openapi.Description;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the server holds about an account, as the account holder downloads it. Later features
 * add their own sections; secrets (password and token hashes) are never included.
 */
public record AccountExport(
    int formatVersion,
    Instant exportedAt,
    ExportedAccount account,
    List<ExportedDevice> devices,
    @Description("One section per feature that holds data about the account, e.g. contacts.")
        Map<String, Object> sections) {

  /** The account's own data. */
  public record ExportedAccount(
      String id,
      String username,
      String displayName,
      String language,
      String status,
      Instant createdAt,
      Instant updatedAt,
      boolean registeredWithInvite) {}

  /** A device that currently holds a session. */
  public record ExportedDevice(String id, String name, Instant createdAt, Instant lastSeenAt) {}

  static AccountExport of(Account account, List<Device> devices, boolean invited, long nowMillis) {
    return new AccountExport(
        1,
        Instant.ofEpochMilli(nowMillis),
        new ExportedAccount(
            account.id(),
            account.username(),
            account.displayName(),
            account.language().code(),
            account.status().name().toLowerCase(Locale.ROOT),
            Instant.ofEpochMilli(account.createdAtMillis()),
            Instant.ofEpochMilli(account.updatedAtMillis()),
            invited),
        devices.stream()
            .map(
                d ->
                    new ExportedDevice(
                        d.id(),
                        d.name(),
                        Instant.ofEpochMilli(d.createdAtMillis()),
                        Instant.ofEpochMilli(d.lastSeenAtMillis())))
            .toList(),
        new LinkedHashMap<>());
  }
}
