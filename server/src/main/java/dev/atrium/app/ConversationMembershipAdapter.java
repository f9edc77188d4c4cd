package dev.atrium.app;

import dev.atrium.messaging.groups.GroupService;
import dev.atrium.notifications.ConversationMembership;
import java.util.Map;

/** Notifications' {@link ConversationMembership} port, answered by messaging. */
final class ConversationMembershipAdapter implements ConversationMembership {
  private final GroupService messaging;

  ConversationMembershipAdapter(GroupService messaging) {
    this.messaging = messaging;
  }

  @Override
  public Map<String, String> memberDevices(String conversationId, int devicesMax) {
    return messaging.leafDevices(conversationId, devicesMax);
  }

  @Override
  public boolean isMember(String accountId, String conversationId) {
    return messaging.membersVisibleTo(accountId, conversationId).isPresent();
  }
}
