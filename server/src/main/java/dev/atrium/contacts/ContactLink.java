package dev.atrium.contacts;

/**
 * An account's current contact link ("my code"); whoever has the token can send a friend request.
 */
record ContactLink(String accountId, String token, long createdAtMillis) {}
