package dev.atrium.identity;

/**
 * Operator settings of the identity feature.
 *
 * @param registrationModeDefault used until an operator sets a mode with {@code atrium admin}
 */
public record IdentitySettings(RegistrationMode registrationModeDefault, int devicesPerAccountMax) {
  public IdentitySettings {
    if (devicesPerAccountMax < 1 || devicesPerAccountMax > 1000) {
      throw new IllegalArgumentException("devicesPerAccountMax must be between 1 and 1000");
    }
  }
}
