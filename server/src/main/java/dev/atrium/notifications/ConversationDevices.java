package dev.atrium.notifications;

import java.util.List;

/** Which devices a conversation's members have, to wake them; messaging answers. */
@FunctionalInterface
public interface ConversationDevices {
  List<String> deviceIdsOf(String conversationId, int devicesMax);
}
