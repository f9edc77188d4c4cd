package dev.atrium.platform.db;

import java.nio.file.Path;

/**
 * Where the database is and how to reach it.
 *
 * @param url empty for SQLite in {@code dataDir}; otherwise a {@code postgresql://} or {@code
 *     jdbc:postgresql:} URL
 * @param schema a PostgreSQL schema to use instead of {@code public} (tests isolate themselves this
 *     way); null for the default
 */
public record DatabaseSettings(
    String url, Path dataDir, int poolConnectionsMax, long writeLockWaitMillisMax, String schema) {

  public boolean isPostgresql() {
    return url != null && !url.isBlank();
  }
}
