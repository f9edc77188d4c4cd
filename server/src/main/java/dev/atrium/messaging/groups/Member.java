package dev.atrium.messaging.groups;

/** An account's membership in a conversation. */
public record Member(
    String conversationId, String accountId, MemberRole role, long joinedAtMillis) {}
