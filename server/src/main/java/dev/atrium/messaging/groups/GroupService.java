package dev.atrium.messaging.groups;

import dev.atrium.delivery.GroupChange;
import dev.atrium.delivery.LiveEvents;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.UniqueViolation;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.security.SecretTokens;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group administration: creating conversations, their members and roles, invite links and join
 * requests, leaving, rejoin requests, and what other features may know about who is in a
 * conversation. Every operation checks membership first; non-members learn nothing (404). Which
 * devices are leaves of a group is the envelope log's, reached through {@link GroupDevices}; what a
 * commit may change is {@link MembershipPlan}'s. Thread-safe.
 */
public final class GroupService {
  private static final Logger LOG = LoggerFactory.getLogger(GroupService.class);
  private static final int CONVERSATIONS_LIST_MAX = 1_000;

  /** Conversations told about an account's new or removed device, at most (the most recent). */
  public static final int DEVICE_ANNOUNCE_CONVERSATIONS_MAX = 1_000;

  /**
   * Upper bound on devices one member can have in a group (identity caps devices per account
   * lower).
   */
  public static final int DEVICES_PER_MEMBER_MAX = 1_000;

  private final Database database;
  private final ConversationStore conversations = new ConversationStore();
  private final MemberChecks checks;
  private final InviteLinks invites;
  private final GroupDevices devices;
  private final LiveEvents live;
  private final ContactRules contacts;
  private final Predicate<String> accountIsActive;
  private final int groupMembersMax;
  private final Clock clock;

  /**
   * {@code devices} answers which devices are leaves of a group (the envelope log's cursors), in
   * the caller's transaction.
   */
  public GroupService(
      Database database,
      GroupDevices devices,
      LiveEvents live,
      ContactRules contacts,
      Predicate<String> accountIsActive,
      int groupMembersMax,
      Clock clock) {
    this.database = database;
    this.devices = devices;
    this.live = live;
    this.contacts = contacts;
    this.accountIsActive = accountIsActive;
    this.groupMembersMax = groupMembersMax;
    this.clock = clock;
    this.checks = new MemberChecks(conversations, groupMembersMax);
    this.invites = new InviteLinks(database, conversations, checks, live, groupMembersMax, clock);
  }

  /** The HTTP routes of conversations and their groups; {@code memberNames} shows who is who. */
  public RouteModule routes(MemberNames memberNames) {
    return new GroupRoutes(this, invites, memberNames);
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
   * #DEVICE_ANNOUNCE_CONVERSATIONS_MAX}, the most recent) that the account has a new device ready
   * to be added to the MLS group. Live only: devices that are offline find the missing device when
   * they check their conversations after connecting.
   */
  public void announceDevice(String accountId, String deviceId) {
    List<Conversation> list =
        database.read(
            handle ->
                conversations.listForAccount(handle, accountId, DEVICE_ANNOUNCE_CONVERSATIONS_MAX));
    for (Conversation conversation : list) {
      live.toConversation(
          conversation.id(),
          GroupFrames.DeviceMembershipFrame.deviceAdded(conversation.id(), accountId, deviceId),
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
              conversations.members(handle, conversationId, groupMembersMax + 1).stream()
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
            devices.addCreator(handle, conversation.id(), caller.accountId(), caller.deviceId());
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
          devices.addCreator(handle, conversation.id(), caller.accountId(), caller.deviceId());
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
          Membership membership = checks.requireMember(handle, caller, conversationId);
          List<Member> members = conversations.members(handle, conversationId, groupMembersMax);
          Map<String, List<String>> devicesByAccount = new LinkedHashMap<>();
          int devicesMax = groupMembersMax * DEVICES_PER_MEMBER_MAX;
          devices
              .accountByDevice(handle, conversationId, devicesMax)
              .forEach(
                  (deviceId, accountId) ->
                      devicesByAccount
                          .computeIfAbsent(accountId, id -> new ArrayList<>())
                          .add(deviceId));
          return new Details(
              membership,
              members,
              devicesByAccount,
              devices.rejoinRequests(handle, conversationId, devicesMax));
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
          checks.requireMember(handle, caller, conversationId);
          if (!devices.requestRejoin(handle, conversationId, caller.deviceId(), clock.millis())) {
            throw new MessagingError.InvalidMembershipChange(
                "This device is not in the group; a member adds it.");
          }
          return null;
        });
    live.toConversation(
        conversationId,
        GroupFrames.DeviceMembershipFrame.rejoin(
            conversationId, caller.accountId(), caller.deviceId()),
        caller.deviceId());
  }

  Membership rename(Caller caller, String conversationId, String name) {
    return database.inTransaction(
        handle -> {
          Membership membership = checks.requireAdmin(handle, caller, conversationId);
          conversations.rename(handle, conversationId, name);
          return new Membership(
              conversations.find(handle, conversationId).orElseThrow(), membership.role());
        });
  }

  void setRole(Caller caller, String conversationId, String accountId, MemberRole role) {
    database.inTransaction(
        handle -> {
          checks.requireAdmin(handle, caller, conversationId);
          if (conversations.member(handle, conversationId, accountId).isEmpty()) {
            throw new MessagingError.InvalidMembershipChange("That account is not a member.");
          }
          conversations.setRole(handle, conversationId, accountId, role);
          checks.ensureAnAdmin(handle, conversationId);
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
          Membership membership = checks.requireMember(handle, caller, conversationId);
          if (membership.conversation().kind() == ConversationKind.DIRECT) {
            throw new MessagingError.InvalidMembershipChange(
                "You cannot leave a direct conversation.");
          }
          conversations.deleteMember(handle, conversationId, caller.accountId(), clock.millis());
          devices.accountLeft(handle, conversationId, caller.accountId());
          checks.ensureAnAdmin(handle, conversationId);
          return null;
        });
    live.accountLeft(conversationId, caller.accountId());
  }

  /** The export's list of the account's conversations, with kind, role and when it joined. */
  public List<Map<String, Object>> exportConversations(String accountId) {
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
          return list;
        });
  }

  /** Removes the account from every conversation, and its devices from every group. */
  public void accountDeleted(String accountId) {
    database.inTransaction(
        handle -> {
          conversations.deleteAccountMemberships(handle, accountId);
          devices.accountDeleted(handle, accountId);
          return null;
        });
    LOG.info("event=messaging_data_deleted accountId={}", accountId);
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
    return database.read(handle -> devices.accountByDevice(handle, conversationId, devicesMax));
  }

  /**
   * Tells the connected devices of these groups that a device of theirs logged out or was revoked,
   * so one of them commits the removal of its leaf.
   */
  public void announceDeviceRemoved(
      List<String> conversationIds, String accountId, String deviceId) {
    for (String conversationId : conversationIds) {
      live.toConversation(
          conversationId,
          GroupFrames.DeviceMembershipFrame.deviceRemoved(conversationId, accountId, deviceId),
          deviceId);
    }
  }
}
