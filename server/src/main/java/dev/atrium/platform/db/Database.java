package dev.atrium.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.atrium.platform.errors.RequestError;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.postgresql.util.PSQLState;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The relational store: SQLite (WAL, synchronous=FULL) by default, PostgreSQL when configured,
 * behind one pool and the same SQL. Work happens in callbacks so no connection escapes.
 *
 * <p>SQLite allows one writer at a time. Writers in this process queue on a Java lock rather than
 * in SQLite's busy handler: a virtual thread blocked inside a native call pins its carrier, and two
 * such waiters on a 2-core machine would starve the thread holding the write lock. Thread-safe.
 */
public final class Database implements AutoCloseable {
  /** The SQL engines Atrium runs on; SQL differs between them only where a store says so. */
  public enum Dialect {
    SQLITE,
    POSTGRESQL
  }

  private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final ReentrantLock sqliteWriteLock = new ReentrantLock(true);
  private final long writeLockWaitMillisMax;
  private final String schema;

  private Database(
      HikariDataSource dataSource, Dialect dialect, long writeLockWaitMillisMax, String schema) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.writeLockWaitMillisMax = writeLockWaitMillisMax;
    this.schema = schema;
  }

  public static Database open(DatabaseSettings settings, MeterRegistry metrics) {
    HikariConfig pool = new HikariConfig();
    pool.setPoolName("atrium-db");
    pool.setMaximumPoolSize(settings.poolConnectionsMax());
    pool.setConnectionTimeout(10_000);
    pool.setValidationTimeout(3_000);
    if (metrics != null) {
      pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
    }
    Dialect dialect;
    if (settings.isPostgresql()) {
      PostgresUrl url = PostgresUrl.parse(settings.url());
      pool.setJdbcUrl(url.jdbcUrl());
      pool.setUsername(url.user());
      pool.setPassword(url.password());
      if (settings.schema() != null) {
        pool.setSchema(settings.schema());
      }
      dialect = Dialect.POSTGRESQL;
    } else {
      pool.setDataSource(sqliteDataSource(settings));
      dialect = Dialect.SQLITE;
    }
    return new Database(
        new HikariDataSource(pool), dialect, settings.writeLockWaitMillisMax(), settings.schema());
  }

  private static SQLiteDataSource sqliteDataSource(DatabaseSettings settings) {
    try {
      Files.createDirectories(settings.dataDir());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create the data directory " + settings.dataDir(), e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    // FULL makes a commit durable once it returns, also in WAL mode; NORMAL could lose it on power
    // loss.
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.enforceForeignKeys(true);
    config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + settings.dataDir().resolve("atrium.db").toAbsolutePath());
    return dataSource;
  }

  /** Applies the Flyway migrations in db/migration; the same files serve both engines. */
  public void migrate() {
    var flyway =
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .failOnMissingLocations(true);
    if (schema != null) {
      flyway.schemas(schema).createSchemas(true);
    }
    flyway.load().migrate();
  }

  public Dialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code work} in one transaction that commits when it returns and rolls back when it
   * throws. A commit returns only once the data is durable.
   */
  public <T> T inTransaction(HandleCallback<T> work) {
    if (dialect == Dialect.SQLITE) {
      acquireSqliteWriteLock();
      try {
        return transaction(work);
      } finally {
        sqliteWriteLock.unlock();
      }
    }
    return transaction(work);
  }

  /** Runs read-only work in autocommit mode; in WAL mode it never waits for writers. */
  public <T> T read(HandleCallback<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      Handle handle = new Handle(connection, dialect);
      T result = work.apply(handle);
      handle.runAfterCommit();
      return result;
    } catch (SQLException e) {
      throw Handle.translate(e, "read");
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new DataAccessException("Read failed", e);
    }
  }

  public boolean isHealthy() {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(2);
    } catch (SQLException e) {
      return false;
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private void acquireSqliteWriteLock() {
    try {
      if (!sqliteWriteLock.tryLock(writeLockWaitMillisMax, TimeUnit.MILLISECONDS)) {
        throw RequestError.overloaded(1);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RequestError.overloaded(1);
    }
  }

  private <T> T transaction(HandleCallback<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Handle handle = new Handle(connection, dialect);
        T result = work.apply(handle);
        connection.commit();
        handle.runAfterCommit();
        return result;
      } catch (Throwable e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw Handle.translate(e, "transaction");
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new DataAccessException("Transaction failed", e);
    }
  }

  private static void rollbackQuietly(Connection connection, Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  static boolean isUniqueViolation(SQLException e) {
    if (PSQLState.UNIQUE_VIOLATION.getState().equals(e.getSQLState())) {
      return true;
    }
    if (e instanceof SQLiteException sqlite) {
      SQLiteErrorCode code = sqlite.getResultCode();
      return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
          || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }
    return false;
  }
}
