package dev.atrium.identity;

/** One logged-in device of an account; its bearer token is known only to the device. */
public record Device(
    String id, String accountId, String name, long createdAtMillis, long lastSeenAtMillis) {}
