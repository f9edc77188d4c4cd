package dev.atrium.testing;

import dev.atrium.app.Atrium;
import dev.atrium.app.AtriumConfig;
import dev.atrium.app.Wiring;
import dev.atrium.platform.db.PostgresUrl;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.openapi.OpenApiDocument;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.Models.Registration;
import dev.atrium.sdk.Models.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real Atrium node on a random loopback port, for integration tests. It runs on SQLite in a
 * temporary directory, or on PostgreSQL in a schema of its own when ATRIUM_TEST_DATABASE_URL is set
 * (as `./atrium test` does for its second pass), and removes its data when closed.
 */
public final class TestServer implements AutoCloseable {
  public static final String PASSWORD = "correct horse battery";
  private static final AtomicInteger USER_SEQUENCE = new AtomicInteger();

  private final Atrium atrium;
  private final Path dataDir;
  private final String postgresUrl;
  private final String schema;
  private final Map<String, String> environment;
  private final boolean ownsData;
  private final Builder builder;
  private boolean stopped;

  private TestServer(
      Atrium atrium,
      Path dataDir,
      String postgresUrl,
      String schema,
      Map<String, String> environment,
      boolean ownsData,
      Builder builder) {
    this.atrium = atrium;
    this.dataDir = dataDir;
    this.postgresUrl = postgresUrl;
    this.schema = schema;
    this.environment = environment;
    this.ownsData = ownsData;
    this.builder = builder;
  }

  public static TestServer start() {
    return builder().start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The database under test: "postgresql" when the suite runs on PostgreSQL, else "sqlite". */
  public static String databaseKind() {
    return postgresUrlFromEnvironment() == null ? "sqlite" : "postgresql";
  }

  static String postgresUrlFromEnvironment() {
    String url = System.getenv("ATRIUM_TEST_DATABASE_URL");
    return url == null || url.isBlank() ? null : url;
  }

  /**
   * Configures a test node; settings use the names of the environment variables and config keys.
   */
  public static final class Builder {
    private final Map<String, String> environment = new HashMap<>();
    private final List<RouteModule> extraRoutes = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private TestServer sharedWith;
    private boolean takesOverData;

    private Builder() {
      // Tests register many accounts from one address; the rate-limit tests lower these again.
      environment.put("rateLimits.registrationPerIp", "100000/1h");
      environment.put("rateLimits.registrationPerUsername", "100000/1h");
      environment.put("rateLimits.loginPerIp", "100000/1h");
      environment.put("rateLimits.loginPerUsername", "100000/1h");
      environment.put("rateLimits.lookupPerAccount", "100000/1h");
    }

    public Builder set(String name, String value) {
      environment.put(name, value);
      return this;
    }

    public Builder route(RouteModule module) {
      extraRoutes.add(module);
      return this;
    }

    public Builder clock(Clock value) {
      clock = value;
      return this;
    }

    /** A second node on the first one's database, as in a cluster; the first node owns the data. */
    public Builder sharingDatabaseOf(TestServer first) {
      sharedWith = first;
      return this;
    }

    public TestServer start() {
      try {
        Path dataDir =
            sharedWith != null ? sharedWith.dataDir : Files.createTempDirectory("atrium-test-");
        String postgresUrl = postgresUrlFromEnvironment();
        String schema =
            sharedWith != null
                ? sharedWith.schema
                : postgresUrl == null
                    ? null
                    : "t_"
                        + Long.toHexString(System.nanoTime()).toLowerCase(Locale.ROOT)
                        + USER_SEQUENCE.incrementAndGet();
        Map<String, String> env = new HashMap<>();
        env.put("ATRIUM_PORT", "0");
        env.put("ATRIUM_HOST", "127.0.0.1");
        env.put("ATRIUM_DATA_DIR", dataDir.toString());
        if (postgresUrl != null) {
          env.put("ATRIUM_DATABASE_URL", postgresUrl);
          env.put("ATRIUM_DATABASE_SCHEMA", schema);
        }
        env.putAll(environment);
        Path yaml = writeYaml(dataDir, env);
        Map<String, String> variables = new HashMap<>();
        env.forEach(
            (key, value) -> {
              if (key.startsWith("ATRIUM_")) {
                variables.put(key, value);
              }
            });
        AtriumConfig config = AtriumConfig.load(yaml, variables);
        Atrium atrium = Wiring.start(config, clock, extraRoutes);
        return new TestServer(
            atrium,
            dataDir,
            postgresUrl,
            schema,
            variables,
            sharedWith == null || (takesOverData && sharedWith.ownsData),
            this);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Dotted settings ("rateLimits.loginPerIp") go to a YAML file, as an operator would write them.
     */
    private static Path writeYaml(Path dataDir, Map<String, String> settings) throws IOException {
      Map<String, Map<String, String>> sections = new HashMap<>();
      settings.forEach(
          (key, value) -> {
            if (!key.startsWith("ATRIUM_")) {
              String[] parts = key.split("\\.", 2);
              sections.computeIfAbsent(parts[0], k -> new HashMap<>()).put(parts[1], value);
            }
          });
      StringBuilder yaml = new StringBuilder();
      sections.forEach(
          (section, values) -> {
            yaml.append(section).append(":\n");
            values.forEach(
                (key, value) ->
                    yaml.append("  ").append(key).append(": \"").append(value).append("\"\n"));
          });
      Path file = Files.createTempFile(dataDir, "test-config-", ".yml");
      Files.writeString(file, yaml.toString());
      return file;
    }
  }

  public Atrium atrium() {
    return atrium;
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + atrium.port());
  }

  public AtriumClient client() {
    return AtriumClient.connect(uri());
  }

  /** Environment variables that point an admin command at this node's data. */
  public Map<String, String> environment() {
    return environment;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Registers a fresh user with a unique username and returns its first device's session. */
  public Session newUser(String prefix) {
    String username = (prefix + "_" + USER_SEQUENCE.incrementAndGet()).toLowerCase(Locale.ROOT);
    return client().register(Registration.of(username, PASSWORD, "User " + username));
  }

  public AtriumClient newUserClient(String prefix) {
    return client().as(newUser(prefix));
  }

  /**
   * Stops this node as a process would stop (its data stays) and starts a new node with the same
   * settings on the same data, which then owns it: for what must survive a restart.
   */
  public TestServer restart() {
    stopAndCheck();
    builder.sharedWith = this;
    builder.takesOverData = true;
    try {
      return builder.start();
    } finally {
      builder.sharedWith = null;
      builder.takesOverData = false;
    }
  }

  /**
   * Stops the node and removes its data, then fails if the node answered anything its OpenAPI
   * document does not describe (see {@link DocumentedAnswers}).
   */
  @Override
  public void close() {
    if (stopped) {
      return; // restarted: the new node owns the data
    }
    List<String> drifts = stopAndCollectDrifts();
    if (ownsData) {
      if (postgresUrl != null) {
        dropSchema();
      }
      deleteRecursively(dataDir);
    }
    failOnDrifts(drifts);
  }

  private void stopAndCheck() {
    failOnDrifts(stopAndCollectDrifts());
  }

  private List<String> stopAndCollectDrifts() {
    stopped = true;
    atrium.close();
    // Read after the graceful stop, so that requests still in flight are counted too.
    return DocumentedAnswers.undocumented(
        DocumentedAnswers.recorded(atrium.metrics()),
        OpenApiDocument.build(atrium.operations(), "test"));
  }

  private static void failOnDrifts(List<String> drifts) {
    if (!drifts.isEmpty()) {
      DocumentedAnswers.remember(drifts);
      throw new AssertionError(
          "The server answered what its OpenAPI document does not list "
              + "(declare it on the route's Operation):\n  "
              + String.join("\n  ", drifts));
    }
  }

  private void dropSchema() {
    PostgresUrl url = PostgresUrl.parse(postgresUrl);
    try (Connection connection =
            DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not drop test schema " + schema, e);
    }
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A leftover temporary directory is harmless.
    }
  }
}
