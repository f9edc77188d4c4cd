package dev.atrium.delivery;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.platform.cluster.ClusterBus;
import dev.atrium.platform.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries this node's deliveries to the other nodes over the cluster bus, and theirs to this node's
 * connections. Stored envelopes travel whole, so a 1:1 message costs the receiving node no database
 * read; a conversation's envelopes too large for one bus message travel as a hint to read them from
 * the database instead.
 */
final class ClusterRelay implements DeliveryHub.Relay {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterRelay.class);

  /**
   * Roughly what one bus message may carry; Redis takes far more, but large messages stall its
   * clients.
   */
  static final long MESSAGE_BYTES_MAX = 1 << 20;

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "t")
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Message.Published.class, name = "published"),
    @JsonSubTypes.Type(value = Message.Broadcast.class, name = "broadcast"),
    @JsonSubTypes.Type(value = Message.ToAccount.class, name = "toAccount"),
    @JsonSubTypes.Type(value = Message.ToAccounts.class, name = "toAccounts"),
    @JsonSubTypes.Type(value = Message.AccountLeft.class, name = "accountLeft"),
    @JsonSubTypes.Type(value = Message.Disconnect.class, name = "disconnect"),
    @JsonSubTypes.Type(value = Message.CatchUp.class, name = "catchUp")
  })
  sealed interface Message {
    record Published(List<Envelope> envelopes, List<GroupChange> changes, List<DeviceItem> items)
        implements Message {}

    record Broadcast(String conversationId, JsonNode frame, String exceptDeviceId)
        implements Message {}

    record ToAccount(String conversationId, String accountId, JsonNode frame, String exceptDeviceId)
        implements Message {}

    record ToAccounts(List<String> accountIds, JsonNode frame) implements Message {}

    record AccountLeft(String conversationId, String accountId) implements Message {}

    record Disconnect(String deviceId, int code, String reason) implements Message {}

    record CatchUp(String conversationId) implements Message {}
  }

  private final ClusterBus bus;
  private final DeliveryHub.Remote remote;

  private ClusterRelay(ClusterBus bus, DeliveryHub.Remote remote) {
    this.bus = bus;
    this.remote = remote;
  }

  /** Relays the hub's deliveries over {@code bus} and delivers what other nodes relay. */
  static void connect(DeliveryHub hub, ClusterBus bus) {
    ClusterRelay relay = new ClusterRelay(bus, hub.remote());
    hub.relayTo(relay);
    bus.subscribe(relay::received);
  }

  @Override
  public void published(
      List<Envelope> envelopes, List<GroupChange> changes, List<DeviceItem> items) {
    Map<String, List<Envelope>> byConversation = new LinkedHashMap<>();
    for (Envelope envelope : envelopes) {
      byConversation
          .computeIfAbsent(envelope.conversationId(), id -> new ArrayList<>())
          .add(envelope);
    }
    List<Envelope> carried = new ArrayList<>();
    List<String> tooLarge = new ArrayList<>();
    long bytes = 0;
    for (DeviceItem item : items) {
      bytes += item.payload().length * 4L / 3 + 256;
    }
    for (Map.Entry<String, List<Envelope>> conversation : byConversation.entrySet()) {
      long conversationBytes = 0;
      for (Envelope envelope : conversation.getValue()) {
        conversationBytes += envelope.ciphertext().length * 4L / 3 + 256;
      }
      if (bytes + conversationBytes <= MESSAGE_BYTES_MAX) {
        carried.addAll(conversation.getValue());
        bytes += conversationBytes;
      } else {
        tooLarge.add(conversation.getKey());
      }
    }
    // Group changes go first and in the same message as the envelopes: a device added by a
    // commit must be routed before the envelopes after that commit arrive.
    if (!carried.isEmpty() || !changes.isEmpty() || !items.isEmpty()) {
      send(new Message.Published(carried, changes, items));
    }
    tooLarge.forEach(conversationId -> send(new Message.CatchUp(conversationId)));
  }

  @Override
  public void broadcast(String conversationId, Object frame, String exceptDeviceId) {
    send(new Message.Broadcast(conversationId, Json.MAPPER.valueToTree(frame), exceptDeviceId));
  }

  @Override
  public void sendToAccount(
      String conversationId, String accountId, Object frame, String exceptDeviceId) {
    send(
        new Message.ToAccount(
            conversationId, accountId, Json.MAPPER.valueToTree(frame), exceptDeviceId));
  }

  @Override
  public void toAccounts(Collection<String> accountIds, Object frame) {
    send(new Message.ToAccounts(List.copyOf(accountIds), Json.MAPPER.valueToTree(frame)));
  }

  @Override
  public void accountLeft(String conversationId, String accountId) {
    send(new Message.AccountLeft(conversationId, accountId));
  }

  @Override
  public void disconnect(String deviceId, int code, String reason) {
    send(new Message.Disconnect(deviceId, code, reason));
  }

  private void send(Message message) {
    try {
      bus.publish(Json.MAPPER.writeValueAsBytes(message));
    } catch (IOException e) {
      LOG.error("event=cluster_encode_failed type={}", message.getClass().getSimpleName(), e);
    }
  }

  private void received(byte[] bytes) {
    Message message;
    try {
      message = Json.MAPPER.readValue(bytes, Message.class);
    } catch (IOException e) {
      // Another version of the server, or not ours: nothing to deliver, and nothing to crash on.
      LOG.warn(
          "event=cluster_message_unreadable bytes={} error={}",
          bytes.length,
          e.getClass().getSimpleName());
      return;
    }
    switch (message) {
      case Message.Published published ->
          remote.published(published.envelopes(), published.changes(), published.items());
      case Message.Broadcast broadcast ->
          remote.broadcast(
              broadcast.conversationId(), broadcast.frame(), broadcast.exceptDeviceId());
      case Message.ToAccount toAccount ->
          remote.sendToAccount(
              toAccount.conversationId(),
              toAccount.accountId(),
              toAccount.frame(),
              toAccount.exceptDeviceId());
      case Message.ToAccounts toAccounts ->
          remote.toAccounts(toAccounts.accountIds(), toAccounts.frame());
      case Message.AccountLeft left -> remote.accountLeft(left.conversationId(), left.accountId());
      case Message.Disconnect disconnect ->
          remote.disconnect(disconnect.deviceId(), disconnect.code(), disconnect.reason());
      case Message.CatchUp catchUp -> remote.catchUp(catchUp.conversationId());
    }
  }
}
