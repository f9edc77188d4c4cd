package dev.atrium.platform.limits;

/**
 * How long the server keeps relayed data (envelopes, attachments) that nobody has fetched, and
 * how often it sweeps what expired.
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
}
