package dev.atrium.delivery;

import java.util.Collection;
import java.util.List;

/**
 * The one way a feature pushes something to devices while they are connected: frames to the devices
 * in a conversation's group or to given accounts' devices, and the envelopes, Welcomes and group
 * changes of a conversation's log. Every node's connections get it: what is pushed on one node is
 * relayed to the others over the cluster bus. Live only and best effort: a device that is not
 * connected gets nothing, so whatever it must not miss a feature stores and serves by HTTP too
 * (messaging's envelopes are read from their log when a device connects). Implementations are
 * thread-safe.
 */
public interface LiveEvents {
  /** Accounts one {@link #toAccounts} call may name, at most. */
  int ACCOUNTS_PER_EVENT_MAX = 1_000;

  /**
   * Sends a frame (any value the JSON mapper writes as an object with a {@code type}) to every
   * connected device in the conversation's group, except {@code exceptDeviceId} (may be null).
   */
  void toConversation(String conversationId, Object frame, String exceptDeviceId);

  /**
   * Sends a frame to the connected devices of one account in the conversation's group, except one.
   */
  void toAccountInConversation(
      String conversationId, String accountId, Object frame, String exceptDeviceId);

  /**
   * Sends a frame to every connected device of these accounts (at most {@link
   * #ACCOUNTS_PER_EVENT_MAX}), whatever conversations they are in: for notices that belong to no
   * conversation (a new comment on a moment, a mini-program's notification).
   */
  void toAccounts(Collection<String> accountIds, Object frame);

  /**
   * What a conversation's log just stored, in commit order: group changes first (who receives the
   * conversation from which sequence number on), then the envelopes for the devices in each group,
   * then the items for the devices they name. Connections fill gaps from the {@link
   * ConversationLog}, so a batch may arrive late or twice.
   */
  void published(List<Envelope> envelopes, List<GroupChange> changes, List<DeviceItem> items);

  /**
   * An account left a conversation: its devices stop receiving it, and the rest of the group is
   * told.
   */
  void accountLeft(String conversationId, String accountId);

  /** Closes a revoked device's connection (close code 4001), on whichever node it is. */
  void deviceRevoked(String deviceId);

  /** True when the device has a live connection on this node. */
  boolean isConnected(String deviceId);
}
