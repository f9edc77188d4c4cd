package dev.atrium.identity;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;
import java.util.Optional;

/** SQL for the devices table. */
final class DeviceStore {
  private static final String COLUMNS = "id, account_id, name, created_at, last_seen_at";
  private static final RowMapper<Device> DEVICE =
      row ->
          new Device(
              row.getString("id"),
              row.getString("account_id"),
              row.getString("name"),
              row.getLong("created_at"),
              row.getLong("last_seen_at"));

  /** The device a token belongs to, with whether its account may act. */
  record TokenOwner(Device device, AccountStatus accountStatus) {}

  void insert(Handle handle, Device device, String tokenHash) {
    handle.update(
        "INSERT INTO devices (id, account_id, name, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)",
        device.id(),
        device.accountId(),
        device.name(),
        tokenHash,
        device.createdAtMillis(),
        device.lastSeenAtMillis());
  }

  Optional<TokenOwner> findByTokenHash(Handle handle, String tokenHash) {
    return handle.queryOne(
        """
        SELECT d.id, d.account_id, d.name, d.created_at, d.last_seen_at, a.status
          FROM devices d JOIN accounts a ON a.id = d.account_id
         WHERE d.token_hash = ?
        """,
        row -> new TokenOwner(DEVICE.map(row), AccountStatus.valueOf(row.getString("status"))),
        tokenHash);
  }

  List<Device> listByAccount(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        "SELECT " + COLUMNS + " FROM devices WHERE account_id = ? ORDER BY created_at, id LIMIT ?",
        DEVICE,
        rowsMax,
        accountId,
        rowsMax);
  }

  /** Owners of the given devices that exist and whose account is active. */
  java.util.Map<String, String> owners(Handle handle, java.util.Collection<String> deviceIds) {
    java.util.Map<String, String> owners = new java.util.HashMap<>();
    for (String deviceId : deviceIds) {
      handle
          .queryOne(
              """
          SELECT d.account_id FROM devices d JOIN accounts a ON a.id = d.account_id
           WHERE d.id = ? AND a.status = 'ACTIVE'
          """,
              row -> row.getString(1),
              deviceId)
          .ifPresent(accountId -> owners.put(deviceId, accountId));
    }
    return owners;
  }

  boolean delete(Handle handle, String accountId, String deviceId) {
    return handle.update("DELETE FROM devices WHERE id = ? AND account_id = ?", deviceId, accountId)
        == 1;
  }

  void touch(Handle handle, String deviceId, long nowMillis) {
    handle.update("UPDATE devices SET last_seen_at = ? WHERE id = ?", nowMillis, deviceId);
  }
}
