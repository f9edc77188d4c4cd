package dev.atrium.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Who may create an account, as the operator decides. */
public enum RegistrationMode {
  OPEN("open"),
  INVITE_ONLY("invite-only"),
  CLOSED("closed");

  private final String configName;

  RegistrationMode(String configName) {
    this.configName = configName;
  }

  @JsonValue
  public String configName() {
    return configName;
  }

  public static Optional<RegistrationMode> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String normalised = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return Arrays.stream(values()).filter(m -> m.configName.equals(normalised)).findFirst();
  }

  @Override
  public String toString() {
    return configName;
  }
}
