package dev.atrium.identity;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.Optional;

/** SQL for the device_links table; codes and poll secrets are stored only as hashes. */
final class DeviceLinkStore {
  /** Expired links removed per sweep, so a sweep is one bounded statement. */
  private static final int SWEEP_ROWS_MAX = 500;

  private static final String COLUMNS =
      "code_hash, device_name, status, account_id, created_at, expires_at";
  private static final RowMapper<DeviceLink> LINK =
      row ->
          new DeviceLink(
              row.getString("code_hash"),
              row.getString("device_name"),
              DeviceLink.Status.valueOf(row.getString("status")),
              row.getString("account_id"),
              row.getLong("created_at"),
              row.getLong("expires_at"));

  void insert(Handle handle, DeviceLink link, String pollSecretHash) {
    handle.update(
        """
        INSERT INTO device_links (code_hash, poll_secret_hash, device_name, status, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?)
        """,
        link.codeHash(),
        pollSecretHash,
        link.deviceName(),
        link.status().name(),
        link.createdAtMillis(),
        link.expiresAtMillis());
  }

  Optional<DeviceLink> findByCodeHash(Handle handle, String codeHash) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM device_links WHERE code_hash = ?", LINK, codeHash);
  }

  Optional<DeviceLink> findByPollSecretHash(Handle handle, String pollSecretHash) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM device_links WHERE poll_secret_hash = ?",
        LINK,
        pollSecretHash);
  }

  /**
   * Moves a pending, unexpired link to its answer; false when it was answered or expired meanwhile.
   */
  boolean answer(
      Handle handle,
      String codeHash,
      DeviceLink.Status answer,
      String accountId,
      String deviceId,
      long nowMillis) {
    return handle.update(
            """
        UPDATE device_links SET status = ?, account_id = ?, approved_by_device_id = ?
         WHERE code_hash = ? AND status = 'PENDING' AND expires_at > ?
        """,
            answer.name(),
            accountId,
            deviceId,
            codeHash,
            nowMillis)
        == 1;
  }

  /** Removes a link; false when another request removed it first (so a session is issued once). */
  boolean delete(Handle handle, String codeHash) {
    return handle.update("DELETE FROM device_links WHERE code_hash = ?", codeHash) == 1;
  }

  void deleteExpired(Handle handle, long nowMillis) {
    handle.update(
        """
        DELETE FROM device_links WHERE code_hash IN
          (SELECT code_hash FROM device_links WHERE expires_at <= ? LIMIT ?)
        """,
        nowMillis,
        SWEEP_ROWS_MAX);
  }
}
