package dev.atrium.platform.limits;

import dev.atrium.platform.config.ConfigTree;

/**
 * How long the server keeps relayed data (envelopes, attachments) that nobody has fetched, and how
 * often it sweeps what expired.
 */
public record RetentionSettings(long ttlMillis, long sweepIntervalMillis) {
  public RetentionSettings {
    if (ttlMillis < 60_000) {
      throw new IllegalArgumentException("The retention TTL must be at least one minute");
    }
    if (sweepIntervalMillis < 1_000) {
      throw new IllegalArgumentException("The sweep interval must be at least one second");
    }
  }

  /** Reads the {@code retention.*} settings, shared by the features that keep relayed data. */
  public static RetentionSettings read(ConfigTree config) {
    return new RetentionSettings(
        config.integer("retention.ttlDays", "ATRIUM_RETENTION_TTL_DAYS", 30, 1, 3650) * 86_400_000L,
        config.integer(
                "retention.sweepIntervalSeconds",
                "ATRIUM_RETENTION_SWEEP_INTERVAL_SECONDS",
                300,
                1,
                86_400)
            * 1000L);
  }
}
