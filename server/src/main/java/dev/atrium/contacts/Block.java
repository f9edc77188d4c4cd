package dev.atrium.contacts;

/**
 * {@code blockerAccountId} blocked {@code blockedAccountId}: no requests and no messages between
 * them.
 */
record Block(String blockerAccountId, String blockedAccountId, long createdAtMillis) {}
