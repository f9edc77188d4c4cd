package dev.atrium.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.atrium.platform.cluster.ClusterSettings;
import dev.atrium.platform.config.ConfigException;
import dev.atrium.platform.config.ConfigTree;
import dev.atrium.platform.db.DatabaseSettings;
import dev.atrium.platform.db.PostgresUrl;
import dev.atrium.platform.http.HttpSettings;
import dev.atrium.platform.limits.RateLimiter;
import dev.atrium.platform.limits.RateRule;
import dev.atrium.platform.limits.RetentionSettings;
import dev.atrium.platform.security.PasswordHasher;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The validated configuration of one server process: defaults, then the YAML file named by {@code
 * --config} or {@code ATRIUM_CONFIG}, then environment variables, which win. See
 * config/atrium.example.yml for every setting.
 *
 * <p>The platform's settings are read here; each feature reads its own from {@link #tree} (with
 * {@code XSettings.read}). Loading reads every feature's settings once too, through {@link
 * NodeFeatures#checkSettings}, so that a mistake in any of them stops the process before it opens
 * the database.
 *
 * @param tree every setting, for the features to read theirs from
 */
public record AtriumConfig(
    HttpSettings http,
    DatabaseSettings database,
    Map<RateLimiter, RateRule> rateLimits,
    int rateLimitKeysMax,
    PasswordHasher.Parameters passwordHashing,
    int concurrentPasswordHashesMax,
    RetentionSettings retention,
    URI publicBaseUrl,
    ClusterSettings cluster,
    ConfigTree tree) {

  static final String VERSION = "0.1.0";

  /** Loads from the given file (may be null) and the environment, failing with a clear message. */
  public static AtriumConfig load(Path file, Map<String, String> environment) {
    JsonNode root = MissingNode.getInstance();
    Path configFile =
        file != null
            ? file
            : environment.containsKey("ATRIUM_CONFIG")
                ? Path.of(environment.get("ATRIUM_CONFIG"))
                : null;
    if (configFile != null) {
      root = readYaml(configFile);
    }
    ConfigTree tree = new ConfigTree(root, environment);
    AtriumConfig config = fromTree(tree);
    NodeFeatures.checkSettings(tree);
    return config;
  }

  private static JsonNode readYaml(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Configuration file " + file + " does not exist");
    }
    try {
      JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      return tree == null ? MissingNode.getInstance() : tree;
    } catch (IOException e) {
      throw new ConfigException(
          "Configuration file " + file + " is not valid YAML: " + e.getMessage());
    }
  }

  private static AtriumConfig fromTree(ConfigTree s) {
    HttpSettings http =
        new HttpSettings(
            s.text("server.host", "ATRIUM_HOST", "127.0.0.1"),
            s.integer("server.port", "ATRIUM_PORT", 8080, 0, 65_535),
            s.integer(
                "limits.requestBodyBytesMax",
                "ATRIUM_REQUEST_BODY_BYTES_MAX",
                1_048_576,
                1024,
                64 * 1_048_576),
            s.integer("server.shutdownGraceSeconds", "ATRIUM_SHUTDOWN_GRACE_SECONDS", 10, 0, 300)
                * 1000L,
            s.bool("server.trustForwardedFor", "ATRIUM_TRUST_FORWARDED_FOR", false),
            VERSION,
            s.integer(
                "limits.webSocketFrameBytesMax",
                "ATRIUM_WEBSOCKET_FRAME_BYTES_MAX",
                1_048_576,
                4096,
                16 * 1_048_576),
            s.integer(
                    "server.webSocketIdleTimeoutSeconds",
                    "ATRIUM_WEBSOCKET_IDLE_TIMEOUT_SECONDS",
                    90,
                    5,
                    3600)
                * 1000L);
    String databaseUrl = s.text("storage.databaseUrl", "ATRIUM_DATABASE_URL", "");
    if (!databaseUrl.isBlank()) {
      try {
        PostgresUrl.parse(databaseUrl);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("storage.databaseUrl / ATRIUM_DATABASE_URL: " + e.getMessage());
      }
    }
    DatabaseSettings database =
        new DatabaseSettings(
            databaseUrl,
            Path.of(s.text("storage.dataDir", "ATRIUM_DATA_DIR", "./data")),
            s.integer(
                "storage.poolConnectionsMax",
                "ATRIUM_DB_POOL_CONNECTIONS_MAX",
                databaseUrl.isBlank() ? 8 : 16,
                1,
                200),
            s.integer(
                "storage.writeLockWaitMillisMax",
                "ATRIUM_DB_WRITE_LOCK_WAIT_MILLIS_MAX",
                10_000,
                100,
                120_000),
            schema(s.text("storage.databaseSchema", "ATRIUM_DATABASE_SCHEMA", "")));
    Map<RateLimiter, RateRule> rateLimits = new EnumMap<>(RateLimiter.class);
    for (RateLimiter limiter : RateLimiter.values()) {
      String rule = s.text("rateLimits." + limiter.configName(), null, null);
      if (rule != null) {
        try {
          rateLimits.put(limiter, RateRule.parse(rule));
        } catch (IllegalArgumentException e) {
          throw new ConfigException("rateLimits." + limiter.configName() + ": " + e.getMessage());
        }
      }
    }
    PasswordHasher.Parameters hashing =
        new PasswordHasher.Parameters(
            s.integer(
                "security.argon2.memoryKibibytes",
                null,
                PasswordHasher.OWASP.memoryKibibytes(),
                8_192,
                1_048_576),
            s.integer("security.argon2.iterations", null, PasswordHasher.OWASP.iterations(), 1, 20),
            s.integer(
                "security.argon2.parallelism", null, PasswordHasher.OWASP.parallelism(), 1, 16));
    return new AtriumConfig(
        http,
        database,
        rateLimits,
        s.integer("limits.rateLimitKeysMax", null, 100_000, 100, 10_000_000),
        hashing,
        s.integer(
            "security.concurrentPasswordHashesMax",
            null,
            Math.max(2, Runtime.getRuntime().availableProcessors() * 2),
            1,
            256),
        RetentionSettings.read(s),
        publicBaseUrl(s.text("server.publicBaseUrl", "ATRIUM_PUBLIC_BASE_URL", "")),
        cluster(s),
        s);
  }

  private static ClusterSettings cluster(ConfigTree s) {
    String redisUrl = s.text("cluster.redisUrl", "ATRIUM_REDIS_URL", "").trim();
    if (!redisUrl.isEmpty()
        && !redisUrl.startsWith("redis://")
        && !redisUrl.startsWith("rediss://")) {
      throw new ConfigException(
          "cluster.redisUrl / ATRIUM_REDIS_URL must look like redis://host:port, not '"
              + redisUrl
              + "'");
    }
    String channel = s.text("cluster.channel", "ATRIUM_CLUSTER_CHANNEL", "atrium");
    if (channel.isBlank() || channel.length() > 200) {
      throw new ConfigException("cluster.channel must be 1-200 characters");
    }
    return new ClusterSettings(
        redisUrl, channel, s.integer("cluster.pendingPublishesMax", null, 10_000, 16, 1_000_000));
  }

  /**
   * The address people reach the server at, as an origin without a trailing slash; null when unset.
   */
  private static URI publicBaseUrl(String text) {
    if (text.isBlank()) {
      return null;
    }
    String trimmed = text.trim().replaceAll("/+$", "");
    String problem =
        "server.publicBaseUrl / ATRIUM_PUBLIC_BASE_URL must be an http(s) URL such as "
            + "https://chat.example.org, not '"
            + text
            + "'";
    try {
      URI uri = new URI(trimmed);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || uri.getRawUserInfo() != null) {
        throw new ConfigException(problem);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(problem);
    }
  }

  private static String schema(String text) {
    if (text.isBlank()) {
      return null;
    }
    if (!text.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new ConfigException(
          "storage.databaseSchema must be a lower-case SQL identifier, not '" + text + "'");
    }
    return text;
  }
}
