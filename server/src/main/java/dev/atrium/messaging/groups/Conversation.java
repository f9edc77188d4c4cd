package dev.atrium.messaging.groups;

/** A conversation as stored: an MLS group with its epoch and the newest sequence number. */
public record Conversation(
    String id,
    ConversationKind kind,
    String name,
    long epoch,
    long lastSeq,
    String createdBy,
    long createdAtMillis) {}
