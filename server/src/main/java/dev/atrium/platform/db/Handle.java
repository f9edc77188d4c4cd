package dev.atrium.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection lent to one callback: parameterised statements only, and every list query names its
 * row limit. Not thread-safe; valid only inside the callback that received it.
 */
public final class Handle {
  private static final Logger LOG = LoggerFactory.getLogger(Handle.class);

  private final Connection connection;
  private final Database.Dialect dialect;
  private List<Runnable> afterCommit = List.of();

  Handle(Connection connection, Database.Dialect dialect) {
    this.connection = connection;
    this.dialect = dialect;
  }

  public Database.Dialect dialect() {
    return dialect;
  }

  /**
   * Runs {@code action} once the work of this handle is durable: after the commit of {@link
   * Database#inTransaction}, or when {@link Database#read} returns. Nothing runs when the
   * transaction rolls back. For telling a worker on this node that there is new work (an outbox),
   * which would find nothing if told before the commit. A failing action is logged, never thrown:
   * the data is committed already.
   */
  public void afterCommit(Runnable action) {
    if (afterCommit.isEmpty()) {
      afterCommit = new ArrayList<>();
    }
    afterCommit.add(action);
  }

  void runAfterCommit() {
    for (Runnable action : afterCommit) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.error("event=after_commit_failed", e);
      }
    }
  }

  /** "?, ?, ?" for an IN list of {@code count} parameters. */
  public static String placeholders(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("An IN list needs at least one parameter");
    }
    return "?" + ", ?".repeat(count - 1);
  }

  /**
   * A text array parameter for {@code = ANY(?)} (PostgreSQL only): one statement text whatever the
   * number of values, so the server can reuse its plan.
   */
  public TextArray textArray(java.util.Collection<String> values) {
    if (dialect != Database.Dialect.POSTGRESQL) {
      throw new UnsupportedOperationException(
          "Array parameters need PostgreSQL; use an IN list on SQLite");
    }
    return new TextArray(values.toArray(String[]::new));
  }

  /** A bigint array parameter, as {@link #textArray} (PostgreSQL only). */
  public LongArray longArray(java.util.Collection<Long> values) {
    if (dialect != Database.Dialect.POSTGRESQL) {
      throw new UnsupportedOperationException(
          "Array parameters need PostgreSQL; use an IN list on SQLite");
    }
    return new LongArray(values.toArray(Long[]::new));
  }

  /** A text array bound with {@link java.sql.Connection#createArrayOf}. */
  public record TextArray(String[] values) {}

  /** A bigint array bound with {@link java.sql.Connection#createArrayOf}. */
  public record LongArray(Long[] values) {}

  /** Runs an INSERT, UPDATE or DELETE and returns the number of rows it touched. */
  public int update(String sql, Object... arguments) {
    try (PreparedStatement statement = prepare(sql, arguments)) {
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw translate(e, sql);
    }
  }

  /**
   * Runs one statement for many argument rows in a single JDBC batch; returns rows touched per row.
   */
  public int[] batch(String sql, List<Object[]> rows) {
    if (rows.isEmpty()) {
      return new int[0];
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (Object[] arguments : rows) {
        for (int i = 0; i < arguments.length; i++) {
          bind(connection, statement, i + 1, arguments[i]);
        }
        statement.addBatch();
      }
      return statement.executeBatch();
    } catch (SQLException e) {
      throw translate(e, sql);
    }
  }

  /**
   * Runs {@code work} inside a savepoint of the current transaction: when it throws, only its own
   * statements are rolled back (PostgreSQL would otherwise refuse every later statement of the
   * transaction) and the exception is rethrown.
   */
  public <T> T inSavepoint(HandleCallback<T> work) {
    Savepoint savepoint;
    try {
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw translate(e, "SAVEPOINT");
    }
    try {
      T result = work.apply(this);
      connection.releaseSavepoint(savepoint);
      return result;
    } catch (Throwable e) {
      try {
        connection.rollback(savepoint);
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e instanceof Error error) {
        throw error;
      }
      if (e instanceof SQLException sql) {
        throw translate(sql, "savepoint work");
      }
      throw new DataAccessException("Savepoint work failed", e);
    }
  }

  public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... arguments) {
    List<T> rows = queryList(sql, mapper, 2, arguments);
    if (rows.size() > 1) {
      throw new IllegalStateException("Expected at most one row from: " + sql);
    }
    return rows.stream().findFirst();
  }

  /** Reads at most {@code rowsMax} rows; callers put a matching LIMIT in the SQL. */
  public <T> List<T> queryList(String sql, RowMapper<T> mapper, int rowsMax, Object... arguments) {
    try (PreparedStatement statement = prepare(sql, arguments)) {
      statement.setMaxRows(rowsMax);
      try (ResultSet resultSet = statement.executeQuery()) {
        List<T> rows = new ArrayList<>();
        while (resultSet.next() && rows.size() < rowsMax) {
          rows.add(mapper.map(resultSet));
        }
        return rows;
      }
    } catch (SQLException e) {
      throw translate(e, sql);
    }
  }

  public long queryLong(String sql, Object... arguments) {
    return queryOne(sql, row -> row.getLong(1), arguments)
        .orElseThrow(() -> new IllegalStateException("No row from: " + sql));
  }

  private PreparedStatement prepare(String sql, Object... arguments) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < arguments.length; i++) {
        bind(connection, statement, i + 1, arguments[i]);
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  private static void bind(
      Connection connection, PreparedStatement statement, int index, Object value)
      throws SQLException {
    switch (value) {
      case TextArray array ->
          statement.setArray(index, connection.createArrayOf("text", array.values()));
      case LongArray array ->
          statement.setArray(index, connection.createArrayOf("bigint", array.values()));
      case null -> statement.setNull(index, Types.NULL);
      case String text -> statement.setString(index, text);
      case Long number -> statement.setLong(index, number);
      case Integer number -> statement.setInt(index, number);
      case Boolean flag -> statement.setBoolean(index, flag);
      case byte[] bytes -> statement.setBytes(index, bytes);
      case Enum<?> constant -> statement.setString(index, constant.name());
      default ->
          throw new IllegalArgumentException("Unsupported parameter type " + value.getClass());
    }
  }

  static DataAccessException translate(SQLException e, String sql) {
    if (Database.isUniqueViolation(e)) {
      return new UniqueViolation(e);
    }
    return new DataAccessException("Statement failed: " + sql, e);
  }
}
