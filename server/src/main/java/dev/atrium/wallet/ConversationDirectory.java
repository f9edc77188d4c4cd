package dev.atrium.wallet;

import java.util.List;
import java.util.Optional;

/**
 * What the wallet needs to know about chats: who is in a conversation. Implemented with messaging's
 * membership in the composition root, so that the wallet does not reach into messaging's tables.
 */
@FunctionalInterface
public interface ConversationDirectory {
  /**
   * The members, only when {@code accountId} is one of them; empty otherwise, also when there is no
   * such conversation.
   */
  Optional<ChatMembers> membersVisibleTo(String accountId, String conversationId);

  /** The members of a conversation and whether it is a 1:1 chat. */
  record ChatMembers(String conversationId, boolean direct, List<String> accountIds) {
    public ChatMembers {
      accountIds = List.copyOf(accountIds);
    }
  }
}
