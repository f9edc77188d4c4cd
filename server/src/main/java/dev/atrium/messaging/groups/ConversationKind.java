package dev.atrium.messaging.groups;

/** A conversation between two accounts, or a group. */
public enum ConversationKind {
  DIRECT,
  GROUP
}
