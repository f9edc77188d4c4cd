package dev.atrium.notifications;

import java.util.Map;

/** What notifications must know of conversations, which messaging answers. */
public interface ConversationMembership {
  /** The devices in the conversation's group, each with its account: device id to account id. */
  Map<String, String> memberDevices(String conversationId, int devicesMax);

  /** Whether the account is a member; others get the answer a missing conversation gets. */
  boolean isMember(String accountId, String conversationId);
}
