package dev.atrium.identity;

/** An account as stored; {@code username} and {@code displayName} are null once deleted. */
public record Account(
    String id,
    String username,
    String displayName,
    Language language,
    AccountStatus status,
    int deviceCount,
    long createdAtMillis,
    long updatedAtMillis) {}
