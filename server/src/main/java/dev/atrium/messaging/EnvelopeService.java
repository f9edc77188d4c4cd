package dev.atrium.messaging;

import dev.atrium.delivery.CursorKey;
import dev.atrium.delivery.DeviceItem;
import dev.atrium.delivery.Envelope;
import dev.atrium.delivery.EnvelopeKind;
import dev.atrium.delivery.LiveEvents;
import dev.atrium.messaging.groups.ContactRules;
import dev.atrium.messaging.groups.Conversation;
import dev.atrium.messaging.groups.ConversationKind;
import dev.atrium.messaging.groups.GroupRecords;
import dev.atrium.messaging.groups.GroupService;
import dev.atrium.messaging.groups.MessagingError;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.errors.OperatingError;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Caller;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The envelope log: appending envelopes (through the group-commit writer), reading them back,
 * devices' cursors, items and read marks. Reads check membership first through {@link
 * GroupRecords}; non-members learn nothing (404). Who is in a group, and what a commit may change,
 * is group administration's ({@code messaging/groups}). Thread-safe.
 */
final class EnvelopeService {
  private static final int CONVERSATIONS_LIST_MAX = 1_000;
  private static final int DIRECT_MEMBERS_CACHED_MAX = 100_000;

  private final Database database;
  private final GroupRecords conversations;
  private final GroupService groups;
  private final EnvelopeStore envelopes;
  private final CursorStore cursors;
  private final EnvelopeWriter writer;
  private final LiveEvents live;
  private final ContactRules contacts;
  private final DeviceDirectory devices;
  private final MessagingSettings settings;

  /** Conversation id to its two accounts when direct, or empty for a group. */
  private final ConcurrentHashMap<String, Optional<List<String>>> directMembers =
      new ConcurrentHashMap<>();

  EnvelopeService(
      Database database,
      GroupRecords conversations,
      GroupService groups,
      EnvelopeStore envelopes,
      CursorStore cursors,
      EnvelopeWriter writer,
      LiveEvents live,
      ContactRules contacts,
      DeviceDirectory devices,
      MessagingSettings settings) {
    this.database = database;
    this.conversations = conversations;
    this.groups = groups;
    this.envelopes = envelopes;
    this.cursors = cursors;
    this.writer = writer;
    this.live = live;
    this.contacts = contacts;
    this.devices = devices;
    this.settings = settings;
  }

  /**
   * Checks what can be checked before queueing (shape, blocks, contacts, device owners) and hands
   * the send to the group-commit writer, which decides sequence and epoch.
   */
  CompletableFuture<SendResult> send(Caller caller, SendCommand command) {
    Set<String> senderContacts = new HashSet<>();
    Map<String, String> deviceOwners = Map.of();
    if (command.kind() == EnvelopeKind.COMMIT) {
      for (String accountId : command.addAccountIds()) {
        if (contacts.areContacts(caller.accountId(), accountId)
            && !contacts.isBlockedEitherWay(caller.accountId(), accountId)) {
          senderContacts.add(accountId);
        }
      }
      Set<String> named = new LinkedHashSet<>(command.welcomeDeviceIds());
      named.addAll(command.removeDeviceIds());
      deviceOwners = devices.owners(named);
    }
    return writer.send(
        caller,
        command,
        new SendCommand.Context(
            deviceOwners, senderContacts, directPeer(caller, command.conversationId())));
  }

  List<Envelope> envelopes(Caller caller, String conversationId, long afterSeq, int limit) {
    return database.read(
        handle -> {
          conversations.requireMember(handle, caller.accountId(), conversationId);
          return envelopes.range(handle, conversationId, afterSeq, Long.MAX_VALUE, limit);
        });
  }

  /**
   * How far each other member account has received (best device cursor) and read the conversation;
   * read positions only for accounts that share read receipts. Cursors are flushed every few
   * milliseconds, so a mark may lag the newest acknowledgement by that much.
   */
  List<CursorStore.Mark> marks(Caller caller, String conversationId) {
    return database.read(
        handle -> {
          conversations.requireMember(handle, caller.accountId(), conversationId);
          return cursors.marks(
              handle, conversationId, caller.accountId(), settings.groupMembersMax());
        });
  }

  List<DeviceItem> pendingItems(Caller caller) {
    return database.read(
        handle ->
            envelopes.itemsFor(
                handle, caller.deviceId(), MessagingSettings.DEVICE_ITEMS_PENDING_MAX));
  }

  void ackItems(Caller caller, List<String> itemIds) {
    database.inTransaction(handle -> envelopes.deleteItems(handle, caller.deviceId(), itemIds));
  }

  /**
   * Advances the device's cursor in a conversation (HTTP clients; WebSocket clients ack in frames).
   */
  void ack(Caller caller, String conversationId, long seq) {
    CursorStore.Cursor cursor =
        database
            .read(handle -> cursors.find(handle, caller.deviceId(), conversationId))
            .orElseThrow(MessagingError.ConversationNotFound::new);
    Conversation conversation =
        database.read(handle -> conversations.find(handle, conversationId)).orElseThrow();
    if (seq > conversation.lastSeq()) {
      throw RequestError.validation("seq", "Cannot acknowledge beyond the newest envelope.");
    }
    if (seq > cursor.ackedSeq()) {
      try {
        writer.saveCursors(Map.of(new CursorKey(caller.deviceId(), conversationId), seq), Map.of());
      } catch (OperatingError overloaded) {
        // The writer is full. A lost acknowledgement only means re-delivery, which clients dedupe.
      }
    }
    if (cursor.departing() && seq >= cursor.untilSeq()) {
      finishDeparture(caller.deviceId(), conversationId, seq);
    }
  }

  /** A device removed from the group has acknowledged up to its removal: its cursor goes. */
  void finishDeparture(String deviceId, String conversationId, long ackedSeq) {
    database.inTransaction(
        handle -> cursors.finishDeparture(handle, deviceId, conversationId, ackedSeq));
  }

  boolean shareReadReceipts(String accountId) {
    return database.read(handle -> cursors.shareReadReceipts(handle, accountId));
  }

  void setShareReadReceipts(String accountId, boolean share) {
    database.inTransaction(
        handle -> {
          cursors.setShareReadReceipts(handle, accountId, share);
          return null;
        });
  }

  /**
   * A device logged out or was revoked: it no longer exists. Its cursors and items go, its
   * connection closes, and the connected devices of every group it was a leaf of (at most {@link
   * GroupService#DEVICE_ANNOUNCE_CONVERSATIONS_MAX}) are told, so one of them commits the removal
   * of its leaf: until then a device joining by a Welcome would find a leaf whose keys the
   * directory no longer shows. Live only: devices that are offline, and groups past the bound,
   * remove it with their next add or check of the group.
   */
  void deviceRevoked(String accountId, String deviceId) {
    List<String> leafOf =
        database.inTransaction(
            handle -> {
              List<String> ids =
                  cursors
                      .forDevice(handle, deviceId, GroupService.DEVICE_ANNOUNCE_CONVERSATIONS_MAX)
                      .stream()
                      .filter(
                          cursor ->
                              cursor.untilSeq() == null) // a departing device is no leaf any more
                      .map(CursorStore.Cursor::conversationId)
                      .toList();
              cursors.deleteDevice(handle, deviceId);
              envelopes.deleteItemsOfDevice(handle, deviceId);
              return ids;
            });
    live.deviceRevoked(deviceId);
    groups.announceDeviceRemoved(leafOf, accountId, deviceId);
  }

  /** The export's read positions of the account, per conversation. */
  Map<String, Long> readPositions(String accountId) {
    return database.read(handle -> cursors.readSeqs(handle, accountId, CONVERSATIONS_LIST_MAX));
  }

  /**
   * For a direct conversation the other account, else null. Direct conversations refuse sends
   * between accounts where either blocked the other; the writer checks that for its whole batch in
   * one query. Whether a conversation is direct, and with whom, never changes, so it is remembered
   * (bounded) and costs no read per send.
   */
  private String directPeer(Caller caller, String conversationId) {
    Optional<List<String>> members = directMembers.get(conversationId);
    if (members == null) {
      members =
          database.read(
              handle -> {
                var conversation = conversations.find(handle, conversationId);
                if (conversation.isEmpty()) {
                  return null;
                }
                if (conversation.get().kind() != ConversationKind.DIRECT) {
                  return Optional.<List<String>>empty();
                }
                return Optional.of(conversations.memberIds(handle, conversationId, 2));
              });
      if (members == null) {
        return null;
      }
      if (directMembers.size() >= DIRECT_MEMBERS_CACHED_MAX) {
        directMembers.clear();
      }
      directMembers.put(conversationId, members);
    }
    for (String accountId : members.orElse(List.of())) {
      if (!accountId.equals(caller.accountId())) {
        return accountId;
      }
    }
    return null;
  }
}
