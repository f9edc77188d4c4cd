package dev.atrium.messaging;

import dev.atrium.delivery.CursorKey;
import dev.atrium.delivery.DeviceItem;
import dev.atrium.delivery.Envelope;
import dev.atrium.delivery.EnvelopeKind;
import dev.atrium.delivery.GroupChange;
import dev.atrium.delivery.LiveEvents;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.UniqueViolation;
import dev.atrium.platform.errors.OperatingError;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.security.SecretTokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversations and their envelopes: creating and managing groups, appending envelopes (through the
 * group-commit writer) and reading them back. Every operation checks membership first; non-members
 * learn nothing (404). Thread-safe.
 */
public final class MessagingService {
  private static final Logger LOG = LoggerFactory.getLogger(MessagingService.class);
  private static final int CONVERSATIONS_LIST_MAX = 1_000;
  private static final int DIRECT_MEMBERS_CACHED_MAX = 100_000;

  private final Database database;
  private final ConversationStore conversations;
  private final EnvelopeStore envelopes;
  private final CursorStore cursors;
  private final EnvelopeWriter writer;
  private final LiveEvents live;
  private final ContactRules contacts;
  private final DeviceDirectory devices;
  private final Predicate<String> accountIsActive;
  private final MessagingSettings settings;
  private final Clock clock;

  /** Conversation id to its two accounts when direct, or empty for a group. */
  private final java.util.concurrent.ConcurrentHashMap<String, Optional<List<String>>>
      directMembers = new java.util.concurrent.ConcurrentHashMap<>();

  MessagingService(
      Database database,
      ConversationStore conversations,
      EnvelopeStore envelopes,
      CursorStore cursors,
      EnvelopeWriter writer,
      LiveEvents live,
      ContactRules contacts,
      DeviceDirectory devices,
      Predicate<String> accountIsActive,
      MessagingSettings settings,
      Clock clock) {
    this.database = database;
    this.conversations = conversations;
    this.envelopes = envelopes;
    this.cursors = cursors;
    this.writer = writer;
    this.live = live;
    this.contacts = contacts;
    this.devices = devices;
    this.accountIsActive = accountIsActive;
    this.settings = settings;
    this.clock = clock;
  }

  /** A conversation together with the caller's role in it. */
  record Membership(Conversation conversation, MemberRole role) {}

  /** True when the two accounts are members of a common conversation (for key visibility). */
  public boolean shareConversation(String accountId, String otherAccountId) {
    return database.read(
        handle -> conversations.shareConversation(handle, accountId, otherAccountId));
  }

  /**
   * Tells the connected devices of every conversation of the account (at most {@link
   * MessagingSettings#DEVICE_ANNOUNCE_CONVERSATIONS_MAX}, the most recent) that the account has a
   * new device ready to be added to the MLS group. Live only: devices that are offline find the
   * missing device when they check their conversations after connecting.
   */
  public void announceDevice(String accountId, String deviceId) {
    List<Conversation> list =
        database.read(
            handle ->
                conversations.listForAccount(
                    handle, accountId, MessagingSettings.DEVICE_ANNOUNCE_CONVERSATIONS_MAX));
    for (Conversation conversation : list) {
      live.toConversation(
          conversation.id(),
          LiveFrames.DeviceMembershipFrame.deviceAdded(conversation.id(), accountId, deviceId),
          deviceId);
    }
  }

  /**
   * The conversation's kind and members, only when {@code accountId} is one of them; empty
   * otherwise, whether or not it exists (for the wallet's chat transfers and red packets).
   */
  public java.util.Optional<ConversationMembers> membersVisibleTo(
      String accountId, String conversationId) {
    return database.read(
        handle -> {
          if (conversations.member(handle, conversationId, accountId).isEmpty()) {
            return java.util.Optional.<ConversationMembers>empty();
          }
          Conversation conversation = conversations.find(handle, conversationId).orElseThrow();
          List<String> members =
              conversations.members(handle, conversationId, settings.groupMembersMax() + 1).stream()
                  .map(Member::accountId)
                  .toList();
          return java.util.Optional.of(
              new ConversationMembers(conversationId, conversation.kind(), members));
        });
  }

  Membership createDirect(Caller caller, String peerAccountId) {
    if (peerAccountId.equals(caller.accountId())) {
      throw RequestError.validation(
          "peerAccountId", "A direct conversation needs another account.");
    }
    if (!accountIsActive.test(peerAccountId)
        || contacts.isBlockedEitherWay(caller.accountId(), peerAccountId)) {
      throw new MessagingError.NotAllowed("You cannot start a conversation with this account.");
    }
    if (!contacts.areContacts(caller.accountId(), peerAccountId)) {
      throw new MessagingError.NotContacts();
    }
    String directKey = directKey(caller.accountId(), peerAccountId);
    var existing = database.read(handle -> conversations.findDirect(handle, directKey));
    if (existing.isPresent()) {
      return new Membership(existing.get(), MemberRole.MEMBER);
    }
    long now = clock.millis();
    Conversation conversation =
        new Conversation(
            SecretTokens.newId(), ConversationKind.DIRECT, null, 0, 0, caller.accountId(), now);
    try {
      database.inTransaction(
          handle -> {
            conversations.insert(handle, conversation, directKey);
            conversations.insertMember(
                handle, new Member(conversation.id(), caller.accountId(), MemberRole.MEMBER, now));
            conversations.insertMember(
                handle, new Member(conversation.id(), peerAccountId, MemberRole.MEMBER, now));
            cursors.insertAll(
                handle,
                List.of(
                    new CursorStore.Cursor(
                        caller.deviceId(), conversation.id(), caller.accountId(), 0)));
            return null;
          });
    } catch (UniqueViolation raced) {
      Conversation winner =
          database.read(handle -> conversations.findDirect(handle, directKey)).orElseThrow();
      return new Membership(winner, MemberRole.MEMBER);
    }
    subscribeCreator(caller, conversation.id());
    return new Membership(conversation, MemberRole.MEMBER);
  }

  Membership createGroup(Caller caller, String name) {
    long now = clock.millis();
    Conversation conversation =
        new Conversation(
            SecretTokens.newId(), ConversationKind.GROUP, name, 0, 0, caller.accountId(), now);
    database.inTransaction(
        handle -> {
          conversations.insert(handle, conversation, null);
          conversations.insertMember(
              handle, new Member(conversation.id(), caller.accountId(), MemberRole.ADMIN, now));
          cursors.insertAll(
              handle,
              List.of(
                  new CursorStore.Cursor(
                      caller.deviceId(), conversation.id(), caller.accountId(), 0)));
          return null;
        });
    subscribeCreator(caller, conversation.id());
    return new Membership(conversation, MemberRole.ADMIN);
  }

  List<Membership> list(Caller caller) {
    return database.read(
        handle -> {
          List<Membership> result = new ArrayList<>();
          for (Conversation conversation :
              conversations.listForAccount(handle, caller.accountId(), CONVERSATIONS_LIST_MAX)) {
            MemberRole role =
                conversations
                    .member(handle, conversation.id(), caller.accountId())
                    .map(Member::role)
                    .orElse(MemberRole.MEMBER);
            result.add(new Membership(conversation, role));
          }
          return result;
        });
  }

  /**
   * The conversation, its members, which of their devices are in the group and which asked to
   * rejoin it.
   */
  record Details(
      Membership membership,
      List<Member> members,
      Map<String, List<String>> deviceIdsByAccount,
      List<String> rejoinDeviceIds) {}

  Details details(Caller caller, String conversationId) {
    return database.read(
        handle -> {
          Membership membership = requireMember(handle, caller, conversationId);
          List<Member> members =
              conversations.members(handle, conversationId, settings.groupMembersMax());
          Map<String, List<String>> devicesByAccount = new LinkedHashMap<>();
          int devicesMax = settings.groupMembersMax() * MessagingSettings.DEVICES_PER_MEMBER_MAX;
          for (CursorStore.Cursor cursor :
              cursors.forConversation(handle, conversationId, devicesMax)) {
            devicesByAccount
                .computeIfAbsent(cursor.accountId(), id -> new ArrayList<>())
                .add(cursor.deviceId());
          }
          return new Details(
              membership,
              members,
              devicesByAccount,
              cursors.rejoinRequests(handle, conversationId, devicesMax));
        });
  }

  /**
   * The calling device lost its place in the group's MLS state (a commit it could not process, a
   * Welcome it could not use) and asks to be added again. Recorded until a commit removes its old
   * leaf and welcomes it anew, which any member may make; the members' connected devices are told
   * at once, the others see it in the conversation's details.
   */
  void requestRejoin(Caller caller, String conversationId) {
    database.inTransaction(
        handle -> {
          requireMember(handle, caller, conversationId);
          if (!cursors.requestRejoin(handle, conversationId, caller.deviceId(), clock.millis())) {
            throw new MessagingError.InvalidMembershipChange(
                "This device is not in the group; a member adds it.");
          }
          return null;
        });
    live.toConversation(
        conversationId,
        LiveFrames.DeviceMembershipFrame.rejoin(
            conversationId, caller.accountId(), caller.deviceId()),
        caller.deviceId());
  }

  Membership rename(Caller caller, String conversationId, String name) {
    return database.inTransaction(
        handle -> {
          Membership membership = requireAdmin(handle, caller, conversationId);
          conversations.rename(handle, conversationId, name);
          return new Membership(
              conversations.find(handle, conversationId).orElseThrow(), membership.role());
        });
  }

  void setRole(Caller caller, String conversationId, String accountId, MemberRole role) {
    database.inTransaction(
        handle -> {
          requireAdmin(handle, caller, conversationId);
          if (conversations.member(handle, conversationId, accountId).isEmpty()) {
            throw new MessagingError.InvalidMembershipChange("That account is not a member.");
          }
          conversations.setRole(handle, conversationId, accountId, role);
          ensureAnAdmin(handle, conversationId);
          return null;
        });
  }

  /**
   * The caller's account leaves a group at once: it can no longer send or read, and its devices
   * stop holding retention back. The remaining members' clients remove its leaves by commit.
   */
  void leave(Caller caller, String conversationId) {
    database.inTransaction(
        handle -> {
          Membership membership = requireMember(handle, caller, conversationId);
          if (membership.conversation().kind() == ConversationKind.DIRECT) {
            throw new MessagingError.InvalidMembershipChange(
                "You cannot leave a direct conversation.");
          }
          conversations.deleteMember(handle, conversationId, caller.accountId(), clock.millis());
          cursors.deleteAccount(handle, conversationId, caller.accountId());
          ensureAnAdmin(handle, conversationId);
          return null;
        });
    live.accountLeft(conversationId, caller.accountId());
  }

  String createInviteLink(Caller caller, String conversationId) {
    String token = SecretTokens.randomUrlSafe(24);
    database.inTransaction(
        handle -> {
          Membership membership = requireAdmin(handle, caller, conversationId);
          if (membership.conversation().kind() != ConversationKind.GROUP) {
            throw new MessagingError.InvalidMembershipChange("Only groups have invite links.");
          }
          conversations.setInviteToken(handle, conversationId, token);
          return null;
        });
    return token;
  }

  void revokeInviteLink(Caller caller, String conversationId) {
    database.inTransaction(
        handle -> {
          requireAdmin(handle, caller, conversationId);
          conversations.setInviteToken(handle, conversationId, null);
          return null;
        });
  }

  /**
   * Records that the caller wants to join through an invite link; an admin's client then adds it by
   * commit.
   */
  String join(Caller caller, String token) {
    Conversation conversation =
        database.inTransaction(
            handle -> {
              Conversation found =
                  conversations
                      .findByInviteToken(handle, token)
                      .orElseThrow(MessagingError.ConversationNotFound::new);
              if (conversations.member(handle, found.id(), caller.accountId()).isEmpty()) {
                if (conversations.memberCount(handle, found.id()) >= settings.groupMembersMax()) {
                  throw new MessagingError.GroupFull(settings.groupMembersMax());
                }
                conversations.insertJoinRequest(
                    handle, found.id(), caller.accountId(), clock.millis());
              }
              return found;
            });
    live.toConversation(
        conversation.id(),
        LiveFrames.MembershipFrame.joinRequested(conversation.id(), caller.accountId()),
        null);
    return conversation.id();
  }

  List<String> joinRequests(Caller caller, String conversationId) {
    return database.read(
        handle -> {
          requireAdmin(handle, caller, conversationId);
          return conversations.joinRequests(handle, conversationId, settings.groupMembersMax());
        });
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
      java.util.Set<String> named = new java.util.LinkedHashSet<>(command.welcomeDeviceIds());
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
          requireMember(handle, caller, conversationId);
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
          requireMember(handle, caller, conversationId);
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
   * MessagingSettings#DEVICE_ANNOUNCE_CONVERSATIONS_MAX}) are told, so one of them commits the
   * removal of its leaf: until then a device joining by a Welcome would find a leaf whose keys the
   * directory no longer shows. Live only: devices that are offline, and groups past the bound,
   * remove it with their next add or check of the group.
   */
  void deviceRevoked(String accountId, String deviceId) {
    List<String> groups =
        database.inTransaction(
            handle -> {
              List<String> ids =
                  cursors
                      .forDevice(
                          handle, deviceId, MessagingSettings.DEVICE_ANNOUNCE_CONVERSATIONS_MAX)
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
    for (String conversationId : groups) {
      live.toConversation(
          conversationId,
          LiveFrames.DeviceMembershipFrame.deviceRemoved(conversationId, accountId, deviceId),
          deviceId);
    }
  }

  /** Export section: the account's conversations and settings, never ciphertext. */
  Map<String, Object> export(String accountId) {
    return database.read(
        handle -> {
          List<Map<String, Object>> list = new ArrayList<>();
          for (Conversation conversation :
              conversations.listForAccount(handle, accountId, CONVERSATIONS_LIST_MAX)) {
            var member = conversations.member(handle, conversation.id(), accountId).orElseThrow();
            list.add(
                Map.of(
                    "conversationId",
                    conversation.id(),
                    "kind",
                    conversation.kind().name().toLowerCase(Locale.ROOT),
                    "role",
                    member.role().name().toLowerCase(Locale.ROOT),
                    "joinedAt",
                    java.time.Instant.ofEpochMilli(member.joinedAtMillis()).toString()));
          }
          return Map.of(
              "conversations",
              list,
              "shareReadReceipts",
              cursors.shareReadReceipts(handle, accountId),
              "readPositions",
              cursors.readSeqs(handle, accountId, CONVERSATIONS_LIST_MAX));
        });
  }

  void accountDeleted(String accountId) {
    database.inTransaction(
        handle -> {
          conversations.deleteAccountMemberships(handle, accountId);
          cursors.deleteAccountEverywhere(handle, accountId);
          return null;
        });
    LOG.info("event=messaging_data_deleted accountId={}", accountId);
  }

  Membership requireMember(
      dev.atrium.platform.db.Handle handle, Caller caller, String conversationId) {
    Conversation conversation =
        conversations
            .find(handle, conversationId)
            .orElseThrow(MessagingError.ConversationNotFound::new);
    Member member =
        conversations
            .member(handle, conversationId, caller.accountId())
            .orElseThrow(MessagingError.ConversationNotFound::new);
    return new Membership(conversation, member.role());
  }

  private Membership requireAdmin(
      dev.atrium.platform.db.Handle handle, Caller caller, String conversationId) {
    conversations.lockForWrite(handle, conversationId);
    Membership membership = requireMember(handle, caller, conversationId);
    if (membership.conversation().kind() != ConversationKind.GROUP
        || membership.role() != MemberRole.ADMIN) {
      throw new MessagingError.AdminRequired();
    }
    return membership;
  }

  /**
   * A group with members always has an admin: when the last one goes, the longest-standing member
   * becomes one.
   */
  private void ensureAnAdmin(dev.atrium.platform.db.Handle handle, String conversationId) {
    List<Member> members =
        conversations.members(handle, conversationId, settings.groupMembersMax());
    if (!members.isEmpty() && members.stream().noneMatch(m -> m.role() == MemberRole.ADMIN)) {
      conversations.setRole(
          handle, conversationId, members.getFirst().accountId(), MemberRole.ADMIN);
    }
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
                return Optional.of(
                    conversations.members(handle, conversationId, 2).stream()
                        .map(Member::accountId)
                        .toList());
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

  private void subscribeCreator(Caller caller, String conversationId) {
    if (live.isConnected(caller.deviceId())) {
      live.published(
          List.of(),
          List.of(
              new GroupChange(
                  conversationId,
                  0,
                  Map.of(caller.deviceId(), caller.accountId()),
                  List.of(),
                  List.of())),
          List.of());
    }
  }

  static String directKey(String accountId, String otherAccountId) {
    return accountId.compareTo(otherAccountId) < 0
        ? accountId + ":" + otherAccountId
        : otherAccountId + ":" + accountId;
  }

  /**
   * The devices that are leaves of the conversation's group (at most {@code devicesMax}), each with
   * its account.
   */
  public Map<String, String> leafDevices(String conversationId, int devicesMax) {
    Map<String, String> accountByDevice = new LinkedHashMap<>();
    database
        .read(handle -> cursors.forConversation(handle, conversationId, devicesMax))
        .forEach(cursor -> accountByDevice.put(cursor.deviceId(), cursor.accountId()));
    return accountByDevice;
  }
}
