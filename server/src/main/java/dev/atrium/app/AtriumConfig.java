package dev.atrium.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.atrium.contacts.ContactsSettings;
import dev.atrium.identity.IdentitySettings;
import dev.atrium.platform.cluster.ClusterSettings;
import dev.atrium.identity.RegistrationMode;
import dev.atrium.messaging.MessagingSettings;
import dev.atrium.media.AttachmentSettings;
import dev.atrium.keys.KeysSettings;
import dev.atrium.platform.db.DatabaseSettings;
import dev.atrium.platform.db.PostgresUrl;
import dev.atrium.platform.http.HttpSettings;
import dev.atrium.platform.limits.RateLimiter;
import dev.atrium.platform.limits.RateRule;
import dev.atrium.platform.limits.RetentionSettings;
import dev.atrium.platform.security.PasswordHasher;
import dev.atrium.wallet.WalletSettings;
import dev.atrium.wallet.merchants.MerchantSettings;
import dev.atrium.wallet.sepa.Bic;
import dev.atrium.wallet.sepa.Iban;
import dev.atrium.wallet.sepa.SepaSettings;
import dev.atrium.wallet.ledger.LedgerSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * The validated configuration of one server process: defaults, then the YAML file named by
 * {@code --config} or {@code ATRIUM_CONFIG}, then environment variables, which win. See
 * config/atrium.example.yml for every setting.
 */
public record AtriumConfig(
    HttpSettings http,
    DatabaseSettings database,
    IdentitySettings identity,
    Map<RateLimiter, RateRule> rateLimits,
    int rateLimitKeysMax,
    PasswordHasher.Parameters passwordHashing,
    int concurrentPasswordHashesMax,
    RetentionSettings retention,
    MessagingSettings messaging,
    AttachmentSettings media,
    URI publicBaseUrl,
    ContactsSettings contacts,
    KeysSettings keys,
    ClusterSettings cluster,
    WalletSettings wallet,
    SepaSettings sepa,
    MerchantSettings merchants) {

  static final String VERSION = "0.1.0";

  /** Loads from the given file (may be null) and the environment, failing with a clear message. */
  public static AtriumConfig load(Path file, Map<String, String> environment) {
    JsonNode root = MissingNode.getInstance();
    Path configFile = file != null ? file
        : environment.containsKey("ATRIUM_CONFIG") ? Path.of(environment.get("ATRIUM_CONFIG")) : null;
    if (configFile != null) {
      root = readYaml(configFile);
    }
    return fromTree(new Settings(root, environment));
  }

  private static JsonNode readYaml(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException("Configuration file " + file + " does not exist");
    }
    try {
      JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      return tree == null ? MissingNode.getInstance() : tree;
    } catch (IOException e) {
      throw new ConfigException("Configuration file " + file + " is not valid YAML: " + e.getMessage());
    }
  }

  private static AtriumConfig fromTree(Settings s) {
    HttpSettings http = new HttpSettings(
        s.text("server.host", "ATRIUM_HOST", "127.0.0.1"),
        s.integer("server.port", "ATRIUM_PORT", 8080, 0, 65_535),
        s.integer("limits.requestBodyBytesMax", "ATRIUM_REQUEST_BODY_BYTES_MAX", 1_048_576, 1024, 64 * 1_048_576),
        s.integer("server.shutdownGraceSeconds", "ATRIUM_SHUTDOWN_GRACE_SECONDS", 10, 0, 300) * 1000L,
        s.bool("server.trustForwardedFor", "ATRIUM_TRUST_FORWARDED_FOR", false),
        VERSION,
        s.integer("limits.webSocketFrameBytesMax", "ATRIUM_WEBSOCKET_FRAME_BYTES_MAX", 1_048_576, 4096, 16 * 1_048_576),
        s.integer("server.webSocketIdleTimeoutSeconds", "ATRIUM_WEBSOCKET_IDLE_TIMEOUT_SECONDS", 90, 5, 3600) * 1000L);
    String databaseUrl = s.text("storage.databaseUrl", "ATRIUM_DATABASE_URL", "");
    if (!databaseUrl.isBlank()) {
      try {
        PostgresUrl.parse(databaseUrl);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("storage.databaseUrl / ATRIUM_DATABASE_URL: " + e.getMessage());
      }
    }
    DatabaseSettings database = new DatabaseSettings(
        databaseUrl,
        Path.of(s.text("storage.dataDir", "ATRIUM_DATA_DIR", "./data")),
        s.integer("storage.poolConnectionsMax", "ATRIUM_DB_POOL_CONNECTIONS_MAX", databaseUrl.isBlank() ? 8 : 16, 1, 200),
        s.integer("storage.writeLockWaitMillisMax", "ATRIUM_DB_WRITE_LOCK_WAIT_MILLIS_MAX", 10_000, 100, 120_000),
        schema(s.text("storage.databaseSchema", "ATRIUM_DATABASE_SCHEMA", "")));
    String modeText = s.text("identity.registrationMode", "ATRIUM_REGISTRATION_MODE", "open");
    RegistrationMode mode = RegistrationMode.parse(modeText).orElseThrow(() ->
        new ConfigException("identity.registrationMode must be open, invite-only or closed, not '" + modeText + "'"));
    IdentitySettings identity = new IdentitySettings(mode,
        s.integer("identity.devicesPerAccountMax", "ATRIUM_DEVICES_PER_ACCOUNT_MAX", 10, 1, 1000),
        s.integer("identity.deviceLinkTtlSeconds", null, 120, 10, 3600) * 1000L);
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
    PasswordHasher.Parameters hashing = new PasswordHasher.Parameters(
        s.integer("security.argon2.memoryKibibytes", null, PasswordHasher.OWASP.memoryKibibytes(), 8_192, 1_048_576),
        s.integer("security.argon2.iterations", null, PasswordHasher.OWASP.iterations(), 1, 20),
        s.integer("security.argon2.parallelism", null, PasswordHasher.OWASP.parallelism(), 1, 16));
    RetentionSettings retention = new RetentionSettings(
        s.integer("retention.ttlDays", "ATRIUM_RETENTION_TTL_DAYS", 30, 1, 3650) * 86_400_000L,
        s.integer("retention.sweepIntervalSeconds", "ATRIUM_RETENTION_SWEEP_INTERVAL_SECONDS", 300, 1, 86_400) * 1000L);
    MessagingSettings messaging = new MessagingSettings(
        s.integer("messaging.ciphertextBytesMax", "ATRIUM_CIPHERTEXT_BYTES_MAX", 65_536, 1024, 1_048_576),
        s.integer("messaging.welcomeBytesMax", "ATRIUM_WELCOME_BYTES_MAX", 524_288, 1024, 4 * 1_048_576),
        s.integer("messaging.groupMembersMax", "ATRIUM_GROUP_MEMBERS_MAX", 1000, 2, 100_000),
        s.integer("messaging.outboundQueueEventsMax", null, 1024, 16, 1_000_000),
        s.integer("messaging.outboundQueueBytesMax", null, 4 * 1_048_576, 65_536, 1 << 30),
        s.integer("messaging.writerQueueMax", null, 100_000, 100, 10_000_000),
        s.integer("messaging.writerBatchMax", null, 2000, 1, 100_000),
        s.integer("messaging.deliveryPageEnvelopesMax", null, 500, 10, 10_000),
        retention.ttlMillis(),
        retention.sweepIntervalMillis());
    return new AtriumConfig(http, database, identity, rateLimits,
        s.integer("limits.rateLimitKeysMax", null, 100_000, 100, 10_000_000), hashing,
        s.integer("security.concurrentPasswordHashesMax", null,
            Math.max(2, Runtime.getRuntime().availableProcessors() * 2), 1, 256),
        retention, messaging,
        new AttachmentSettings(
            s.longInteger("media.attachmentBytesMax", "ATRIUM_ATTACHMENT_BYTES_MAX", 104_857_600L, 1024, 1L << 40),
            s.longInteger("media.storedBytesPerAccountMax", "ATRIUM_ATTACHMENT_STORED_BYTES_PER_ACCOUNT_MAX",
                2_147_483_648L, 1024, 1L << 50)),
        publicBaseUrl(s.text("server.publicBaseUrl", "ATRIUM_PUBLIC_BASE_URL", "")),
        new ContactsSettings(
            s.integer("contacts.pendingOutgoingRequestsMax", null, 200, 1, 10_000)),
        keys(s),
        cluster(s),
        wallet(s),
        sepa(s),
        merchants(s));
  }

  private static MerchantSettings merchants(Settings s) {
    try {
      return new MerchantSettings(
          s.text("wallet.merchants.countryCode", "ATRIUM_MERCHANT_COUNTRY_CODE", "DE"),
          s.integer("wallet.merchants.orderTtlSeconds", null, 900, 30, 86_400));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  private static SepaSettings sepa(Settings s) {
    try {
      String iban = s.text("wallet.sepa.operatorIban", "ATRIUM_SEPA_OPERATOR_IBAN", "");
      String bic = s.text("wallet.sepa.operatorBic", "ATRIUM_SEPA_OPERATOR_BIC", "");
      String token = s.text("admin.tokenSha256", "ATRIUM_ADMIN_TOKEN_SHA256", "");
      return new SepaSettings(
          s.text("wallet.sepa.operatorName", "ATRIUM_SEPA_OPERATOR_NAME", "Atrium"),
          iban.isBlank() ? null : Iban.parse(iban, "wallet.sepa.operatorIban"),
          bic.isBlank() ? null : Bic.parse(bic, "wallet.sepa.operatorBic"),
          s.longInteger("wallet.sepa.statementBytesMax", null, 16_777_216L, 1024, 1L << 30),
          s.integer("wallet.sepa.statementEntriesMax", null, 10_000, 1, 1_000_000),
          token.isBlank() ? null : token.trim().toLowerCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException | dev.atrium.platform.errors.OperatingError e) {
      throw new ConfigException("wallet.sepa / admin: " + e.getMessage());
    }
  }

  private static ClusterSettings cluster(Settings s) {
    String redisUrl = s.text("cluster.redisUrl", "ATRIUM_REDIS_URL", "").trim();
    if (!redisUrl.isEmpty() && !redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://")) {
      throw new ConfigException("cluster.redisUrl / ATRIUM_REDIS_URL must look like redis://host:port, not '"
          + redisUrl + "'");
    }
    String channel = s.text("cluster.channel", "ATRIUM_CLUSTER_CHANNEL", "atrium");
    if (channel.isBlank() || channel.length() > 200) {
      throw new ConfigException("cluster.channel must be 1-200 characters");
    }
    return new ClusterSettings(redisUrl, channel, s.integer("cluster.pendingPublishesMax", null, 10_000, 16, 1_000_000));
  }

  private static WalletSettings wallet(Settings s) {
    return new WalletSettings(new LedgerSettings(
        s.integer("wallet.writerQueueMax", null, 100_000, 100, 10_000_000),
        s.integer("wallet.writerBatchMax", null, 2000, 1, 100_000),
        s.integer("wallet.writeWaitMillisMax", null, 30_000, 100, 600_000)),
        s.bool("wallet.sandboxTopUpEnabled", "ATRIUM_WALLET_SANDBOX_TOP_UP_ENABLED", false),
        s.longInteger("wallet.sandboxTopUpCentsMax", null, 100_000, 1, 1_000_000_000L),
        s.longInteger("wallet.paymentCentsMax", "ATRIUM_WALLET_PAYMENT_CENTS_MAX", 100_000, 1, 1_000_000_000_000L),
        s.longInteger("wallet.dailyOutgoingCentsMax", "ATRIUM_WALLET_DAILY_OUTGOING_CENTS_MAX", 500_000, 1,
            1_000_000_000_000L),
        s.integer("wallet.chatPaymentTtlHours", null, 24, 1, 720) * 3_600_000L,
        s.integer("wallet.redPacketSharesMax", null, 100, 1, 10_000),
        s.integer("wallet.sweepIntervalSeconds", null, 60, 1, 86_400) * 1000L,
        s.integer("wallet.idempotencyKeyTtlHours", null, 48, 24, 8760) * 3_600_000L);
  }

  private static KeysSettings keys(Settings s) {
    int storedMax = s.integer("keys.keyPackagesPerDeviceMax", null, 200, 1, 10_000);
    int uploadMax = s.integer("keys.keyPackagesPerUploadMax", null, Math.min(100, storedMax), 1, 10_000);
    if (uploadMax > storedMax) {
      throw new ConfigException("keys.keyPackagesPerUploadMax must not exceed keys.keyPackagesPerDeviceMax");
    }
    return new KeysSettings(s.integer("keys.keyPackageBytesMax", null, 16_384, 256, 1_048_576), storedMax, uploadMax);
  }

  /** The address people reach the server at, as an origin without a trailing slash; null when unset. */
  private static URI publicBaseUrl(String text) {
    if (text.isBlank()) {
      return null;
    }
    String trimmed = text.trim().replaceAll("/+$", "");
    String problem = "server.publicBaseUrl / ATRIUM_PUBLIC_BASE_URL must be an http(s) URL such as "
        + "https://chat.example.org, not '" + text + "'";
    try {
      URI uri = new URI(trimmed);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
          || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
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
      throw new ConfigException("storage.databaseSchema must be a lower-case SQL identifier, not '" + text + "'");
    }
    return text;
  }

  /** A problem in the configuration, reported to the operator before anything starts. */
  public static final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
      super(message);
    }
  }

  /** Reads one setting from the environment first, then the YAML tree, then the default. */
  private record Settings(JsonNode root, Map<String, String> environment) {
    String text(String path, String variable, String defaultValue) {
      if (variable != null && environment.containsKey(variable)) {
        return environment.get(variable);
      }
      JsonNode node = root;
      for (String part : path.split("\\.")) {
        node = node.path(part);
      }
      return node.isMissingNode() || node.isNull() ? defaultValue : node.asText();
    }

    int integer(String path, String variable, int defaultValue, int min, int max) {
      return (int) longInteger(path, variable, defaultValue, min, max);
    }

    long longInteger(String path, String variable, long defaultValue, long min, long max) {
      String text = text(path, variable, null);
      if (text == null) {
        return defaultValue;
      }
      try {
        long value = Long.parseLong(text.trim());
        if (value < min || value > max) {
          throw new ConfigException(name(path, variable) + " must be between " + min + " and " + max + ", not " + value);
        }
        return value;
      } catch (NumberFormatException e) {
        throw new ConfigException(name(path, variable) + " must be a whole number, not '" + text + "'");
      }
    }

    boolean bool(String path, String variable, boolean defaultValue) {
      String text = text(path, variable, null);
      if (text == null) {
        return defaultValue;
      }
      return switch (text.trim().toLowerCase()) {
        case "true", "yes", "1" -> true;
        case "false", "no", "0" -> false;
        default -> throw new ConfigException(name(path, variable) + " must be true or false, not '" + text + "'");
      };
    }

    private static String name(String path, String variable) {
      return variable == null ? path : path + " / " + variable;
    }
  }
}
