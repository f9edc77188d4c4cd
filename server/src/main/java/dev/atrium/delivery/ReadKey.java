package dev.atrium.delivery;

/** An account's read position (or delivery mark) in one conversation. */
public record ReadKey(String accountId, String conversationId) {}
