package dev.atrium.platform.limits;

/**
 * Always-on assertions (Java's assert is off by default): a broken invariant is a bug, fail loudly.
 */
public final class Invariants {
  private Invariants() {}

  public static void check(boolean condition, String why) {
    if (!condition) {
      throw new IllegalStateException("Invariant broken: " + why);
    }
  }
}
