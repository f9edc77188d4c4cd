package dev.atrium.messaging;

/** A conversation between two accounts, or a group. */
public enum ConversationKind {
  DIRECT,
  GROUP
}
