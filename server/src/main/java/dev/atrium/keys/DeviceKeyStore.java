package dev.atrium.keys;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;
import java.util.Optional;

/** SQL for the device_identity_keys table. */
final class DeviceKeyStore {
  private static final String COLUMNS =
      "device_id, account_id, ciphersuite, signature_public_key, key_package_count, created_at";
  private static final RowMapper<DeviceKey> DEVICE_KEY =
      row ->
          new DeviceKey(
              row.getString("device_id"),
              row.getString("account_id"),
              row.getInt("ciphersuite"),
              row.getString("signature_public_key"),
              row.getInt("key_package_count"),
              row.getLong("created_at"));

  /** Stores the key unless the device has one; the caller compares what is stored afterwards. */
  void insertIfAbsent(Handle handle, DeviceKey key) {
    handle.update(
        """
        INSERT INTO device_identity_keys (device_id, account_id, ciphersuite, signature_public_key,
                                          key_package_count, created_at)
        VALUES (?, ?, ?, ?, 0, ?)
        ON CONFLICT (device_id) DO NOTHING
        """,
        key.deviceId(),
        key.accountId(),
        key.ciphersuite(),
        key.signaturePublicKey(),
        key.createdAtMillis());
  }

  Optional<DeviceKey> find(Handle handle, String deviceId) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM device_identity_keys WHERE device_id = ?",
        DEVICE_KEY,
        deviceId);
  }

  /** The account's devices that registered a key, oldest first. */
  List<DeviceKey> listByAccount(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + """
         FROM device_identity_keys
        WHERE account_id = ?
        ORDER BY created_at, device_id
        LIMIT ?
        """,
        DEVICE_KEY,
        rowsMax,
        accountId,
        rowsMax);
  }

  /**
   * Makes room for {@code count} more key packages: one conditional UPDATE, so two concurrent
   * uploads cannot both take the last places, on either engine. False when they do not fit.
   */
  boolean reserveKeyPackages(Handle handle, String deviceId, int count, int storedMax) {
    return handle.update(
            """
        UPDATE device_identity_keys SET key_package_count = key_package_count + ?
         WHERE device_id = ? AND key_package_count + ? <= ?
        """,
            count,
            deviceId,
            count,
            storedMax)
        == 1;
  }

  void releaseKeyPackage(Handle handle, String deviceId) {
    handle.update(
        "UPDATE device_identity_keys SET key_package_count = key_package_count - 1 WHERE device_id = ?",
        deviceId);
  }

  /** Removes the account's keys; its key packages go with them (ON DELETE CASCADE). */
  void deleteAllOf(Handle handle, String accountId) {
    handle.update("DELETE FROM device_identity_keys WHERE account_id = ?", accountId);
  }
}
