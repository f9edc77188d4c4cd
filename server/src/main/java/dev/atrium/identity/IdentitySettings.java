package dev.atrium.identity;

/**
 * Operator settings of the identity feature.
 *
 * @param registrationModeDefault used until an operator sets a mode with {@code atrium admin}
 * @param deviceLinkTtlMillis how long a QR device link waits for approval and collection
 */
public record IdentitySettings(RegistrationMode registrationModeDefault, int devicesPerAccountMax,
    long deviceLinkTtlMillis) {
  public IdentitySettings {
    if (devicesPerAccountMax < 1 || devicesPerAccountMax > 1000) {
      throw new IllegalArgumentException("devicesPerAccountMax must be between 1 and 1000");
    }
    if (deviceLinkTtlMillis < 10_000 || deviceLinkTtlMillis > 3_600_000) {
      throw new IllegalArgumentException("deviceLinkTtlMillis must be between 10 s and 1 h");
    }
  }
}
