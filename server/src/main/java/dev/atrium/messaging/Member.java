package dev.atrium.messaging;

/** An account's membership in a conversation. */
public record Member(
    String conversationId, String accountId, MemberRole role, long joinedAtMillis) {}
