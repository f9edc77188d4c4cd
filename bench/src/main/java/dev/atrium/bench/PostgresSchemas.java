package dev.atrium.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Throw-away PostgreSQL schemas for benchmark runs: each gets an empty schema, and the server is
 * pointed at it with pgjdbc's {@code currentSchema} URL option, so it migrates from scratch as on a
 * first start, and nothing is left behind in the database.
 */
final class PostgresSchemas {
  private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final String serverUrl;
  private final String jdbcUrl;
  private final Properties credentials = new Properties();

  /**
   * {@code url}: {@code postgresql://user:password@host:port/database[?options]}, as the server
   * takes it.
   */
  PostgresSchemas(String url) {
    this.serverUrl = url.trim();
    URI uri;
    try {
      uri = new URI(serverUrl);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid URL: " + e.getReason());
    }
    if ((!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("expected postgresql://user:password@host:port/database");
    }
    String database =
        uri.getPath() == null || uri.getPath().length() <= 1
            ? "postgres"
            : uri.getPath().substring(1);
    jdbcUrl =
        "jdbc:postgresql://"
            + uri.getHost()
            + ":"
            + (uri.getPort() < 0 ? 5432 : uri.getPort())
            + "/"
            + database
            + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      credentials.setProperty("user", URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
      if (parts.length > 1) {
        credentials.setProperty("password", URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
      }
    }
    credentials.setProperty("connectTimeout", "10");
  }

  /**
   * Creates an empty schema and returns the server URL that makes it the server's current schema.
   */
  String create(String schema) throws SQLException {
    execute("CREATE SCHEMA " + checked(schema));
    return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
  }

  void drop(String schema) throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + checked(schema) + " CASCADE");
  }

  /** The PostgreSQL server version, to describe the conditions. */
  String serverVersion() throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, credentials)) {
      return connection.getMetaData().getDatabaseProductVersion();
    }
  }

  /** The server's durability settings, to describe the conditions. */
  String durability() throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, credentials);
        Statement statement = connection.createStatement()) {
      StringBuilder text = new StringBuilder();
      for (String setting : new String[] {"synchronous_commit", "fsync", "wal_sync_method"}) {
        try (var rows = statement.executeQuery("SHOW " + setting)) {
          rows.next();
          text.append(text.isEmpty() ? "" : ", ")
              .append(setting)
              .append('=')
              .append(rows.getString(1));
        }
      }
      return text.toString();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(jdbcUrl, credentials);
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(30);
      statement.execute(sql);
    }
  }

  private static String checked(String schema) {
    if (!SCHEMA_NAME.matcher(schema).matches()) {
      throw new IllegalArgumentException("unsafe schema name: " + schema);
    }
    return schema;
  }
}
