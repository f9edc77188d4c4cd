package dev.atrium.keys;

import dev.atrium.platform.db.Handle;
import java.util.List;
import java.util.Optional;

/** SQL for the key_packages and last_resort_key_packages tables. */
final class KeyPackageStore {
  void insert(Handle handle, String id, String deviceId, KeyPackage keyPackage, long nowMillis) {
    handle.update(
        "INSERT INTO key_packages (id, device_id, ciphersuite, data, created_at) VALUES (?, ?, ?, ?, ?)",
        id,
        deviceId,
        keyPackage.ciphersuite(),
        keyPackage.data(),
        nowMillis);
  }

  /** Ids of the device's oldest key packages for the ciphersuite. */
  List<String> oldestIds(Handle handle, String deviceId, int ciphersuite, int rowsMax) {
    return handle.queryList(
        """
        SELECT id FROM key_packages
         WHERE device_id = ? AND ciphersuite = ?
         ORDER BY created_at, id
         LIMIT ?
        """,
        row -> row.getString("id"),
        rowsMax,
        deviceId,
        ciphersuite,
        rowsMax);
  }

  /**
   * Deletes one key package and returns its data; empty when it is gone already. On PostgreSQL a
   * concurrent claim of the same row waits for the first to commit and then deletes nothing, so a
   * key package is handed out at most once.
   */
  Optional<String> take(Handle handle, String id) {
    return handle.queryOne(
        "DELETE FROM key_packages WHERE id = ? RETURNING data", row -> row.getString("data"), id);
  }

  /** Sets the device's last-resort key package, replacing the one before. */
  void putLastResort(Handle handle, String deviceId, KeyPackage keyPackage, long nowMillis) {
    handle.update(
        """
        INSERT INTO last_resort_key_packages (device_id, ciphersuite, data, created_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (device_id) DO UPDATE
           SET ciphersuite = excluded.ciphersuite, data = excluded.data, created_at = excluded.created_at
        """,
        deviceId,
        keyPackage.ciphersuite(),
        keyPackage.data(),
        nowMillis);
  }

  Optional<KeyPackage> findLastResort(Handle handle, String deviceId) {
    return handle.queryOne(
        "SELECT ciphersuite, data FROM last_resort_key_packages WHERE device_id = ?",
        row -> new KeyPackage(row.getInt("ciphersuite"), row.getString("data")),
        deviceId);
  }
}
