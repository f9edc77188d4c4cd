package dev.atrium.identity;

import dev.atrium.platform.config.ConfigException;
import dev.atrium.platform.config.ConfigTree;

/**
 * Operator settings of the identity feature.
 *
 * @param registrationModeDefault used until an operator sets a mode with {@code atrium admin}
 * @param deviceLinkTtlMillis how long a QR device link waits for approval and collection
 */
public record IdentitySettings(
    RegistrationMode registrationModeDefault, int devicesPerAccountMax, long deviceLinkTtlMillis) {
  public IdentitySettings {
    if (devicesPerAccountMax < 1 || devicesPerAccountMax > 1000) {
      throw new IllegalArgumentException("devicesPerAccountMax must be between 1 and 1000");
    }
    if (deviceLinkTtlMillis < 10_000 || deviceLinkTtlMillis > 3_600_000) {
      throw new IllegalArgumentException("deviceLinkTtlMillis must be between 10 s and 1 h");
    }
  }

  /** Reads the {@code identity.*} settings. */
  public static IdentitySettings read(ConfigTree config) {
    String modeText = config.text("identity.registrationMode", "ATRIUM_REGISTRATION_MODE", "open");
    RegistrationMode mode =
        RegistrationMode.parse(modeText)
            .orElseThrow(
                () ->
                    new ConfigException(
                        "identity.registrationMode must be open, invite-only or closed, not '"
                            + modeText
                            + "'"));
    return new IdentitySettings(
        mode,
        config.integer(
            "identity.devicesPerAccountMax", "ATRIUM_DEVICES_PER_ACCOUNT_MAX", 10, 1, 1000),
        config.integer("identity.deviceLinkTtlSeconds", null, 120, 10, 3600) * 1000L);
  }
}
