package dev.atrium.contacts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Which way a pending request goes, seen from the caller. */
enum Direction {
  INCOMING("incoming"),
  OUTGOING("outgoing");

  private final String code;

  Direction(String code) {
    this.code = code;
  }

  @JsonValue
  String code() {
    return code;
  }

  static Optional<Direction> parse(String text) {
    return Arrays.stream(values()).filter(d -> d.code.equals(text)).findFirst();
  }

  @Override
  public String toString() {
    return code;
  }
}
