package dev.atrium.messaging.groups;

import java.util.List;

/**
 * Who is in a conversation, for features that authorise by membership (the wallet's chat payments).
 */
public record ConversationMembers(
    String conversationId, ConversationKind kind, List<String> accountIds) {
  public ConversationMembers {
    accountIds = List.copyOf(accountIds);
  }
}
