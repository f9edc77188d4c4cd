package dev.atrium.app;

import dev.atrium.messaging.groups.ConversationKind;
import dev.atrium.messaging.groups.GroupService;
import dev.atrium.wallet.ConversationDirectory;
import java.util.Optional;

/**
 * The wallet's {@link ConversationDirectory} port: who is in a chat, through messaging's
 * membership.
 */
final class ConversationDirectoryAdapter implements ConversationDirectory {
  private final GroupService messaging;

  ConversationDirectoryAdapter(GroupService messaging) {
    this.messaging = messaging;
  }

  @Override
  public Optional<ChatMembers> membersVisibleTo(String accountId, String conversationId) {
    return messaging
        .membersVisibleTo(accountId, conversationId)
        .map(
            members ->
                new ChatMembers(
                    members.conversationId(),
                    members.kind() == ConversationKind.DIRECT,
                    members.accountIds()));
  }
}
