package dev.atrium.delivery;

import dev.atrium.platform.limits.Invariants;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes live events to the connected devices of this node: envelopes to the devices in the
 * conversation's group, Welcomes to the devices they name, group changes to the devices they
 * concern, frames to a conversation's or an account's devices. One connection per device; a newer
 * one replaces the older. Everything routed here is also handed to the {@link Relay}, which carries
 * it to the other nodes sharing the database; what they relay arrives through {@link #remote()}.
 * Thread-safe.
 */
final class DeliveryHub implements LiveEvents {
  private final ConcurrentHashMap<String, DeviceConnection> byDevice = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<DeviceConnection>> byAccount =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Set<DeviceConnection>> byConversation =
      new ConcurrentHashMap<>();
  private volatile Relay relay = Relay.NONE;
  private volatile PublishedListener publishedListener = PublishedListener.NONE;

  /**
   * Carries deliveries to the other nodes. Best effort: connections fill any gap in sequence
   * numbers from the database, so a relayed batch that arrives late or out of order is harmless.
   */
  interface Relay {
    Relay NONE = new Relay() {};

    default void published(
        List<Envelope> envelopes, List<GroupChange> changes, List<DeviceItem> items) {}

    default void broadcast(String conversationId, Object frame, String exceptDeviceId) {}

    default void sendToAccount(
        String conversationId, String accountId, Object frame, String exceptDeviceId) {}

    default void toAccounts(Collection<String> accountIds, Object frame) {}

    default void accountLeft(String conversationId, String accountId) {}

    default void disconnect(String deviceId, int code, String reason) {}
  }

  /**
   * Deliveries that another node relayed: delivered to this node's connections, never relayed
   * again.
   */
  interface Remote {
    void published(List<Envelope> envelopes, List<GroupChange> changes, List<DeviceItem> items);

    void broadcast(String conversationId, Object frame, String exceptDeviceId);

    void sendToAccount(
        String conversationId, String accountId, Object frame, String exceptDeviceId);

    void toAccounts(Collection<String> accountIds, Object frame);

    void accountLeft(String conversationId, String accountId);

    void disconnect(String deviceId, int code, String reason);

    /**
     * A relayed batch too large to carry: connected members read the conversation from the
     * database.
     */
    void catchUp(String conversationId);
  }

  void tellPublished(PublishedListener listener) {
    this.publishedListener = listener;
  }

  void relayTo(Relay relay) {
    this.relay = relay;
  }

  Remote remote() {
    return new Remote() {
      @Override
      public void published(
          List<Envelope> envelopes, List<GroupChange> changes, List<DeviceItem> items) {
        publishLocally(envelopes, changes, items);
      }

      @Override
      public void broadcast(String conversationId, Object frame, String exceptDeviceId) {
        broadcastLocally(conversationId, frame, exceptDeviceId);
      }

      @Override
      public void sendToAccount(
          String conversationId, String accountId, Object frame, String exceptDeviceId) {
        sendToAccountLocally(conversationId, accountId, frame, exceptDeviceId);
      }

      @Override
      public void toAccounts(Collection<String> accountIds, Object frame) {
        toAccountsLocally(accountIds, frame);
      }

      @Override
      public void accountLeft(String conversationId, String accountId) {
        accountLeftLocally(conversationId, accountId);
      }

      @Override
      public void disconnect(String deviceId, int code, String reason) {
        disconnectLocally(deviceId, code, reason);
      }

      @Override
      public void catchUp(String conversationId) {
        Set<DeviceConnection> subscribers = byConversation.get(conversationId);
        if (subscribers != null) {
          Outbound.CatchUp event = new Outbound.CatchUp(conversationId);
          subscribers.forEach(connection -> connection.offer(event));
        }
      }
    };
  }

  /**
   * Makes the connection the device's live one unless a connection accepted later already is; the
   * other of the two is closed (4009). Which one wins depends only on the order the upgrades were
   * accepted in, not on which finished loading first. Returns whether this one won.
   */
  boolean register(DeviceConnection connection, Iterable<String> conversationIds) {
    DeviceConnection[] replaced = new DeviceConnection[1];
    byDevice.compute(
        connection.deviceId(),
        (deviceId, current) -> {
          if (current == null
              || current == connection
              || current.acceptSequence() < connection.acceptSequence()) {
            replaced[0] = current == connection ? null : current;
            return connection;
          }
          replaced[0] = connection;
          return current;
        });
    if (replaced[0] != null) {
      replaced[0].close(CloseCodes.REPLACED, "replaced by a newer connection of this device");
    }
    if (replaced[0] == connection) {
      return false;
    }
    byAccount
        .computeIfAbsent(connection.caller().accountId(), id -> ConcurrentHashMap.newKeySet())
        .add(connection);
    for (String conversationId : conversationIds) {
      route(conversationId, connection);
    }
    return true;
  }

  void unregister(DeviceConnection connection) {
    byDevice.remove(connection.deviceId(), connection);
    byAccount.computeIfPresent(
        connection.caller().accountId(),
        (id, set) -> {
          set.remove(connection);
          return set.isEmpty() ? null : set;
        });
    for (String conversationId : connection.routedConversations) {
      unroute(conversationId, connection);
    }
  }

  int connections() {
    return byDevice.size();
  }

  DeviceConnection connection(String deviceId) {
    return byDevice.get(deviceId);
  }

  @Override
  public boolean isConnected(String deviceId) {
    return byDevice.containsKey(deviceId);
  }

  /** Called by the writer after a batch committed, in commit order. */
  @Override
  public void published(
      List<Envelope> envelopes, List<GroupChange> changes, List<DeviceItem> items) {
    publishLocally(envelopes, changes, items);
    relay.published(envelopes, changes, items);
    tellListener(envelopes, items);
  }

  private void tellListener(List<Envelope> envelopes, List<DeviceItem> items) {
    PublishedListener listener = publishedListener;
    Map<String, String> lastSenderByConversation = new LinkedHashMap<>();
    envelopes.forEach(
        envelope ->
            lastSenderByConversation.put(envelope.conversationId(), envelope.senderDeviceId()));
    lastSenderByConversation.forEach(listener::envelopesPublished);
    if (!items.isEmpty()) {
      listener.itemsPublished(items.stream().map(DeviceItem::deviceId).distinct().toList());
    }
  }

  private void publishLocally(
      List<Envelope> envelopes, List<GroupChange> changes, List<DeviceItem> items) {
    for (GroupChange change : changes) {
      apply(change);
    }
    Map<String, List<Envelope>> byConversationId = new LinkedHashMap<>();
    for (Envelope envelope : envelopes) {
      byConversationId
          .computeIfAbsent(envelope.conversationId(), id -> new ArrayList<>())
          .add(envelope);
    }
    byConversationId.forEach(
        (conversationId, list) -> {
          Set<DeviceConnection> subscribers = byConversation.get(conversationId);
          if (subscribers != null) {
            Outbound.Envelopes event = new Outbound.Envelopes(conversationId, List.copyOf(list));
            subscribers.forEach(connection -> connection.offer(event));
          }
        });
    Map<String, List<DeviceItem>> itemsByDevice = new LinkedHashMap<>();
    for (DeviceItem item : items) {
      itemsByDevice.computeIfAbsent(item.deviceId(), id -> new ArrayList<>()).add(item);
    }
    itemsByDevice.forEach(
        (deviceId, list) -> {
          DeviceConnection connection = byDevice.get(deviceId);
          if (connection != null) {
            connection.offer(new Outbound.Items(list));
          }
        });
  }

  private void apply(GroupChange change) {
    String conversationId = change.conversationId();
    change
        .addedDevices()
        .keySet()
        .forEach(
            deviceId -> {
              DeviceConnection connection = byDevice.get(deviceId);
              if (connection != null) {
                connection.offer(new Outbound.Subscribed(conversationId, change.seq()));
                route(conversationId, connection);
              }
            });
    Set<DeviceConnection> subscribers = byConversation.getOrDefault(conversationId, Set.of());
    for (DeviceConnection connection : List.copyOf(subscribers)) {
      // A device removed and welcomed by the same commit (it asked to rejoin) stays subscribed.
      boolean removed =
          (change.removedDevices().contains(connection.deviceId())
                  && !change.addedDevices().containsKey(connection.deviceId()))
              || change.removedAccounts().contains(connection.caller().accountId());
      if (removed) {
        connection.offer(new Outbound.Departed(conversationId, change.seq()));
        unroute(conversationId, connection);
      }
    }
  }

  @Override
  public void toConversation(String conversationId, Object frame, String exceptDeviceId) {
    broadcastLocally(conversationId, frame, exceptDeviceId);
    relay.broadcast(conversationId, frame, exceptDeviceId);
  }

  private void broadcastLocally(String conversationId, Object frame, String exceptDeviceId) {
    Set<DeviceConnection> subscribers = byConversation.get(conversationId);
    if (subscribers == null) {
      return;
    }
    Outbound.Frame event = new Outbound.Frame(frame);
    for (DeviceConnection connection : subscribers) {
      if (!connection.deviceId().equals(exceptDeviceId)) {
        connection.offer(event);
      }
    }
  }

  @Override
  public void toAccountInConversation(
      String conversationId, String accountId, Object frame, String exceptDeviceId) {
    sendToAccountLocally(conversationId, accountId, frame, exceptDeviceId);
    relay.sendToAccount(conversationId, accountId, frame, exceptDeviceId);
  }

  private void sendToAccountLocally(
      String conversationId, String accountId, Object frame, String exceptDeviceId) {
    Set<DeviceConnection> subscribers = byConversation.get(conversationId);
    if (subscribers == null) {
      return;
    }
    Outbound.Frame event = new Outbound.Frame(frame);
    for (DeviceConnection connection : subscribers) {
      if (connection.caller().accountId().equals(accountId)
          && !connection.deviceId().equals(exceptDeviceId)) {
        connection.offer(event);
      }
    }
  }

  @Override
  public void toAccounts(Collection<String> accountIds, Object frame) {
    Invariants.check(
        accountIds.size() <= ACCOUNTS_PER_EVENT_MAX,
        "a live event names at most " + ACCOUNTS_PER_EVENT_MAX + " accounts");
    toAccountsLocally(accountIds, frame);
    relay.toAccounts(accountIds, frame);
  }

  private void toAccountsLocally(Collection<String> accountIds, Object frame) {
    Outbound.Frame event = new Outbound.Frame(frame);
    for (String accountId : accountIds) {
      for (DeviceConnection connection : byAccount.getOrDefault(accountId, Set.of())) {
        connection.offer(event);
      }
    }
  }

  /** Removes an account's devices from a conversation (it left), telling the rest of the group. */
  @Override
  public void accountLeft(String conversationId, String accountId) {
    accountLeftLocally(conversationId, accountId);
    relay.accountLeft(conversationId, accountId);
  }

  private void accountLeftLocally(String conversationId, String accountId) {
    Set<DeviceConnection> subscribers = byConversation.get(conversationId);
    if (subscribers == null) {
      return;
    }
    for (DeviceConnection connection : List.copyOf(subscribers)) {
      if (connection.caller().accountId().equals(accountId)) {
        connection.offer(new Outbound.Unsubscribed(conversationId));
        unroute(conversationId, connection);
      }
    }
    broadcastLocally(
        conversationId, new Frames.MembershipFrame(conversationId, "left", accountId), null);
  }

  @Override
  public void deviceRevoked(String deviceId) {
    disconnect(deviceId, CloseCodes.DEVICE_REVOKED, "device revoked");
  }

  /** Closes the device's connection, on whichever node it is. */
  void disconnect(String deviceId, int code, String reason) {
    disconnectLocally(deviceId, code, reason);
    relay.disconnect(deviceId, code, reason);
  }

  private void disconnectLocally(String deviceId, int code, String reason) {
    DeviceConnection connection = byDevice.get(deviceId);
    if (connection != null) {
      connection.close(code, reason);
    }
  }

  void closeAll(int code, String reason) {
    List.copyOf(byDevice.values()).forEach(connection -> connection.close(code, reason));
  }

  private void route(String conversationId, DeviceConnection connection) {
    byConversation
        .computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet())
        .add(connection);
    connection.routedConversations.add(conversationId);
  }

  private void unroute(String conversationId, DeviceConnection connection) {
    connection.routedConversations.remove(conversationId);
    byConversation.computeIfPresent(
        conversationId,
        (id, set) -> {
          set.remove(connection);
          return set.isEmpty() ? null : set;
        });
  }
}
