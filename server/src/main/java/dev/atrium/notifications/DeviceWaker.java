package dev.atrium.notifications;

import java.util.Collection;

/**
 * The port through which other features wake devices whose app is not connected: for a new message,
 * a contact request, money received. Cheap and non-blocking: lookups and sending happen later on
 * the notifications feature's own workers; devices without a subscription, and devices connected to
 * this node, are skipped.
 */
public interface DeviceWaker {
  void wakeDevices(Collection<String> deviceIds, WakeReason reason);

  /** Wakes every device of the account (a contact request, money received). */
  void wakeAccount(String accountId, WakeReason reason);

  /** Wakes the devices of a conversation's members, except the one that caused it. */
  void wakeConversation(String conversationId, String exceptDeviceId, WakeReason reason);
}
