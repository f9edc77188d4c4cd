package dev.atrium.notifications;

import dev.atrium.platform.config.ConfigException;
import dev.atrium.platform.config.ConfigTree;

/**
 * Operator settings of Web Push.
 *
 * @param enabled whether devices may subscribe and the server sends wake-ups at all
 * @param subject the contact push services see in every VAPID token (RFC 8292 section 2.1): a
 *     {@code mailto:} or {@code https:} URI of the operator
 * @param allowLocalEndpoints accept {@code http:} endpoints and endpoints on loopback or private
 *     addresses; off by default so a subscription cannot make the server call into its own network,
 *     on for tests and for a push service run inside the operator's network
 * @param ttlSeconds how long a push service keeps a wake-up for a device that is offline
 * @param wakeIntervalMillis a device is woken at most once per interval: a wake-up carries no
 *     content, so one is enough for any number of messages that arrive meanwhile
 * @param queueMax devices waiting to be woken; beyond it wake-ups are dropped and counted
 * @param sendTimeoutMillis the whole exchange with a push service, connection included
 */
public record PushSettings(
    boolean enabled,
    String subject,
    boolean allowLocalEndpoints,
    int ttlSeconds,
    long wakeIntervalMillis,
    int queueMax,
    long sendTimeoutMillis) {

  public PushSettings {
    if (!subject.startsWith("mailto:") && !subject.startsWith("https://")) {
      throw new ConfigException("push.subject must start with mailto: or https:// (RFC 8292)");
    }
  }

  /** Reads the {@code push.*} settings. */
  public static PushSettings read(ConfigTree config) {
    return new PushSettings(
        config.bool("push.enabled", "ATRIUM_PUSH_ENABLED", true),
        config.text("push.subject", "ATRIUM_PUSH_SUBJECT", "mailto:postmaster@localhost"),
        config.bool("push.allowLocalEndpoints", "ATRIUM_PUSH_ALLOW_LOCAL_ENDPOINTS", false),
        config.integer("push.ttlSeconds", "ATRIUM_PUSH_TTL_SECONDS", 86_400, 0, 2_419_200),
        config.longInteger(
            "push.wakeIntervalMillis", "ATRIUM_PUSH_WAKE_INTERVAL_MILLIS", 15_000, 0, 3_600_000),
        config.integer("push.queueMax", "ATRIUM_PUSH_QUEUE_MAX", 10_000, 1, 1_000_000),
        config.longInteger(
            "push.sendTimeoutMillis", "ATRIUM_PUSH_SEND_TIMEOUT_MILLIS", 10_000, 100, 120_000));
  }
}
