package dev.atrium.bench;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.DatabaseSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A fresh, migrated database for one in-process benchmark: SQLite in a new temporary folder, or a
 * new schema in PostgreSQL. Both are removed afterwards, so runs never see each other's data.
 */
final class BenchDatabase {
  interface Body {
    /**
     * Returns the benchmark's exit code; {@code description} names the engine and its durability.
     */
    int run(Database database, String description) throws Exception;
  }

  private BenchDatabase() {}

  /** {@code databaseUrl} empty means SQLite; {@code name} tags the folder and schema. */
  static int with(String databaseUrl, String name, Body body) throws Exception {
    boolean postgres = !databaseUrl.isBlank();
    Path dataDir = Files.createTempDirectory("atrium-bench-" + name + "-");
    String schema = "bench_" + name + "_" + Long.toHexString(System.nanoTime());
    PostgresSchemas schemas = postgres ? new PostgresSchemas(databaseUrl) : null;
    try {
      if (postgres) {
        schemas.create(schema);
      }
      DatabaseSettings settings =
          new DatabaseSettings(
              postgres ? databaseUrl : "",
              dataDir,
              postgres ? 16 : 8,
              10_000,
              postgres ? schema : null);
      String description =
          postgres
              ? "PostgreSQL " + schemas.serverVersion() + " (" + schemas.durability() + ")"
              : "SQLite (WAL, synchronous=FULL) in " + dataDir;
      try (Database database = Database.open(settings, null)) {
        database.migrate();
        return body.run(database, description);
      }
    } finally {
      if (postgres) {
        schemas.drop(schema);
      }
      BenchServer.deleteTree(dataDir);
    }
  }
}
