package dev.atrium.notifications;

/** A chat an account muted; {@code untilMillis} null means until unmuted. */
record Mute(String accountId, String conversationId, Long untilMillis) {
  boolean isActiveAt(long nowMillis) {
    return untilMillis == null || untilMillis > nowMillis;
  }
}
