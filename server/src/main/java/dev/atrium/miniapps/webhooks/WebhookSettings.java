package dev.atrium.miniapps.webhooks;

import dev.atrium.platform.config.ConfigException;
import dev.atrium.platform.config.ConfigTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Operator settings of mini-program webhooks ({@code miniapps.webhooks.*}).
 *
 * @param allowPrivateNetworks accept webhook URLs on loopback, private and other non-public
 *     addresses, and plain {@code http:}; off by default so a provider cannot make the server call
 *     into the operator's network (SSRF); on for development and tests
 * @param retryDelaysMillis the wait before each retry, in order; the last repeats until the retry
 *     window ends. Each wait is jittered by plus or minus 20 percent
 * @param retryWindowSeconds how long after an event was created (or replayed) it is retried; after
 *     that it is marked failed
 * @param pollIntervalMillis how often the dispatcher looks for due retries; new events on this node
 *     wake it at once
 * @param claimBatchMax events one claim takes
 * @param concurrencyMax requests in flight at once on this node
 * @param pendingPerAppMax pending events per app; beyond it the oldest pending one is marked failed
 *     (it stays in the delivery log and can be replayed), so a provider that is down for long
 *     cannot grow the table without bound, and the change that caused an event is never refused
 * @param connectTimeoutMillis connecting to the provider
 * @param requestTimeoutMillis from sending the request to the response's headers
 * @param responseBytesMax how much of a response body is read (and thrown away)
 * @param leaseMillis how long a claimed event is reserved for the node that claimed it; longer than
 *     one request can take, so a live node never loses its claim
 * @param retentionDays delivered and failed events are kept this long for the delivery log
 * @param secretRotationGraceSeconds after a rotation, the previous secret keeps signing this long
 */
public record WebhookSettings(
    boolean allowPrivateNetworks,
    List<Long> retryDelaysMillis,
    long retryWindowSeconds,
    long pollIntervalMillis,
    int claimBatchMax,
    int concurrencyMax,
    int pendingPerAppMax,
    long connectTimeoutMillis,
    long requestTimeoutMillis,
    int responseBytesMax,
    long leaseMillis,
    int retentionDays,
    long secretRotationGraceSeconds) {

  /** 10 s, 30 s, 1 min, 5 min, 15 min, 30 min, 1 h, 2 h, then every 4 h until 24 h are over. */
  static final String DEFAULT_RETRY_DELAYS_MILLIS =
      "10000,30000,60000,300000,900000,1800000,3600000,7200000,14400000";

  public WebhookSettings {
    retryDelaysMillis = List.copyOf(retryDelaysMillis);
    if (retryDelaysMillis.isEmpty()) {
      throw new ConfigException("miniapps.webhooks.retryDelaysMillis needs at least one delay");
    }
    if (leaseMillis < connectTimeoutMillis + requestTimeoutMillis) {
      throw new ConfigException(
          "miniapps.webhooks.leaseMillis must be at least the connect and request timeouts together");
    }
  }

  /** Reads the {@code miniapps.webhooks.*} settings. */
  public static WebhookSettings read(ConfigTree config) {
    String prefix = "miniapps.webhooks.";
    String variable = "ATRIUM_MINIAPPS_WEBHOOKS_";
    return new WebhookSettings(
        config.bool(prefix + "allowPrivateNetworks", variable + "ALLOW_PRIVATE_NETWORKS", false),
        delays(
            config.text(
                prefix + "retryDelaysMillis",
                variable + "RETRY_DELAYS_MILLIS",
                DEFAULT_RETRY_DELAYS_MILLIS)),
        config.longInteger(
            prefix + "retryWindowSeconds", variable + "RETRY_WINDOW_SECONDS", 86_400, 1, 604_800),
        config.longInteger(
            prefix + "pollIntervalMillis", variable + "POLL_INTERVAL_MILLIS", 1_000, 10, 60_000),
        config.integer(prefix + "claimBatchMax", variable + "CLAIM_BATCH_MAX", 50, 1, 1_000),
        config.integer(prefix + "concurrencyMax", variable + "CONCURRENCY_MAX", 16, 1, 256),
        config.integer(
            prefix + "pendingPerAppMax", variable + "PENDING_PER_APP_MAX", 10_000, 1, 1_000_000),
        config.longInteger(
            prefix + "connectTimeoutMillis",
            variable + "CONNECT_TIMEOUT_MILLIS",
            5_000,
            100,
            60_000),
        config.longInteger(
            prefix + "requestTimeoutMillis",
            variable + "REQUEST_TIMEOUT_MILLIS",
            5_000,
            100,
            60_000),
        config.integer(
            prefix + "responseBytesMax", variable + "RESPONSE_BYTES_MAX", 4_096, 0, 1_048_576),
        config.longInteger(
            prefix + "leaseMillis", variable + "LEASE_MILLIS", 60_000, 1_000, 3_600_000),
        config.integer(prefix + "retentionDays", variable + "RETENTION_DAYS", 30, 1, 3_650),
        config.longInteger(
            prefix + "secretRotationGraceSeconds",
            variable + "SECRET_ROTATION_GRACE_SECONDS",
            86_400,
            0,
            2_592_000));
  }

  private static List<Long> delays(String text) {
    List<Long> delays = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      try {
        long delay = Long.parseLong(part.trim());
        if (delay < 1 || delay > 86_400_000L) {
          throw new NumberFormatException();
        }
        delays.add(delay);
      } catch (NumberFormatException e) {
        throw new ConfigException(
            "miniapps.webhooks.retryDelaysMillis must list milliseconds between 1 and 86400000,"
                + " separated by commas, not '"
                + text
                + "'");
      }
      if (delays.size() > 100) {
        throw new ConfigException("miniapps.webhooks.retryDelaysMillis lists at most 100 delays");
      }
    }
    return delays;
  }
}
