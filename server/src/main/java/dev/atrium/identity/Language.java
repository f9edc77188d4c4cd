package dev.atrium.identity;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The languages the product is translated into. */
public enum Language {
  EN("en"),
  DE("de"),
  FR("fr"),
  ZH("zh");

  private final String code;

  Language(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public static Optional<Language> fromCode(String code) {
    return Arrays.stream(values()).filter(l -> l.code.equals(code)).findFirst();
  }

  @Override
  public String toString() {
    return code;
  }
}
