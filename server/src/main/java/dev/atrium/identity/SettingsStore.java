package dev.atrium.identity;

import dev.atrium.platform.db.Handle;
import java.util.Optional;

/** SQL for operator settings that must be shared by every node and the admin command. */
final class SettingsStore {
  static final String REGISTRATION_MODE = "registration_mode";

  Optional<String> get(Handle handle, String name) {
    return handle.queryOne(
        "SELECT value FROM settings WHERE name = ?", row -> row.getString(1), name);
  }

  void put(Handle handle, String name, String value, long nowMillis) {
    handle.update(
        """
        INSERT INTO settings (name, value, updated_at) VALUES (?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
        """,
        name,
        value,
        nowMillis);
  }

  void remove(Handle handle, String name) {
    handle.update("DELETE FROM settings WHERE name = ?", name);
  }
}
