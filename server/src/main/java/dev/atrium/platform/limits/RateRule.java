package dev.atrium.platform.limits;

import java.util.Locale;

/**
 * At most {@code permits} actions per {@code windowSeconds}, refilled smoothly (a token bucket).
 * Written in configuration as {@code "30/60s"}, {@code "10/1h"} or {@code "5/1m"}.
 */
public record RateRule(int permits, long windowSeconds) {
  public RateRule {
    if (permits < 1) {
      throw new IllegalArgumentException("A rate rule needs at least 1 permit");
    }
    if (windowSeconds < 1) {
      throw new IllegalArgumentException("A rate rule needs a window of at least 1 second");
    }
  }

  public static RateRule parse(String text) {
    String[] parts = text.trim().split("/", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "Rate rule '" + text + "' must look like 30/60s, 10/1h or 5/1m");
    }
    try {
      int permits = Integer.parseInt(parts[0].trim());
      String window = parts[1].trim().toLowerCase(Locale.ROOT);
      long multiplier =
          switch (window.charAt(window.length() - 1)) {
            case 's' -> 1;
            case 'm' -> 60;
            case 'h' -> 3600;
            case 'd' -> 86_400;
            default ->
                throw new IllegalArgumentException(
                    "Rate rule '" + text + "' needs a unit: s, m, h or d");
          };
      String amount = window.substring(0, window.length() - 1);
      long windowSeconds = (amount.isEmpty() ? 1 : Long.parseLong(amount)) * multiplier;
      return new RateRule(permits, windowSeconds);
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException(
          "Rate rule '" + text + "' must look like 30/60s, 10/1h or 5/1m");
    }
  }
}
