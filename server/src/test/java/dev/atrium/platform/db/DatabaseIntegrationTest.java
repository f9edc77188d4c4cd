package dev.atrium.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.atrium.testing.TestServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The storage settings that durability and integrity rest on are really in force. */
class DatabaseIntegrationTest {
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void sqlite_runsInWalModeWithFullSynchronousCommitsAndForeignKeys() {
    assumeTrue(server.atrium().database().dialect() == Database.Dialect.SQLITE);
    Database database = server.atrium().database();

    // Several reads, so several pooled connections are checked, not just the first.
    for (int i = 0; i < 3; i++) {
      String journalMode =
          database.read(
              h -> h.queryOne("PRAGMA journal_mode", row -> row.getString(1)).orElseThrow());
      long synchronous = database.read(h -> h.queryLong("PRAGMA synchronous"));
      long foreignKeys = database.read(h -> h.queryLong("PRAGMA foreign_keys"));
      long busyTimeout = database.read(h -> h.queryLong("PRAGMA busy_timeout"));
      assertThat(journalMode).isEqualTo("wal");
      assertThat(synchronous).as("2 = FULL").isEqualTo(2);
      assertThat(foreignKeys).isEqualTo(1);
      assertThat(busyTimeout).isPositive();
    }
  }

  @Test
  void postgresql_commitsSynchronously() {
    assumeTrue(server.atrium().database().dialect() == Database.Dialect.POSTGRESQL);

    String synchronousCommit =
        server
            .atrium()
            .database()
            .read(
                h -> h.queryOne("SHOW synchronous_commit", row -> row.getString(1)).orElseThrow());
    assertThat(synchronousCommit).isIn("on", "remote_apply", "remote_write");
  }

  @Test
  void failedTransaction_rollsBackEverything_andUniqueViolationsAreRecognised() {
    Database database = server.atrium().database();
    database.inTransaction(
        h -> h.update("INSERT INTO settings (name, value, updated_at) VALUES ('test.a', 'x', 0)"));

    assertThatThrownBy(
            () ->
                database.inTransaction(
                    h -> {
                      h.update(
                          "INSERT INTO settings (name, value, updated_at) VALUES ('test.b', 'y', 0)");
                      return h.update(
                          "INSERT INTO settings (name, value, updated_at) VALUES ('test.a', 'z', 0)");
                    }))
        .isInstanceOf(UniqueViolation.class);

    long rolledBack =
        database.read(h -> h.queryLong("SELECT COUNT(*) FROM settings WHERE name = 'test.b'"));
    String kept =
        database.read(
            h ->
                h.queryOne(
                        "SELECT value FROM settings WHERE name = 'test.a'", row -> row.getString(1))
                    .orElseThrow());
    assertThat(rolledBack).isZero();
    assertThat(kept).isEqualTo("x");
  }

  @Test
  void afterCommit_runsOnceTheTransactionCommitted_andNeverAfterARollback() {
    Database database = server.atrium().database();
    List<Long> seen = new ArrayList<>();

    database.inTransaction(
        h -> {
          h.update("INSERT INTO settings (name, value, updated_at) VALUES ('test.c', 'x', 0)");
          // Runs after the commit: another connection sees the row.
          h.afterCommit(
              () ->
                  seen.add(
                      database.read(
                          r ->
                              r.queryLong("SELECT COUNT(*) FROM settings WHERE name = 'test.c'"))));
          assertThat(seen).isEmpty();
          return null;
        });
    assertThatThrownBy(
            () ->
                database.inTransaction(
                    h -> {
                      h.afterCommit(() -> seen.add(-1L));
                      throw new IllegalStateException("rolled back");
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(seen).containsExactly(1L);
  }
}
