package dev.atrium.messaging.groups;

import dev.atrium.delivery.LiveEvents;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.security.SecretTokens;
import java.time.Clock;
import java.util.List;

/**
 * A group's invite link and the join requests it collects: admins make, replace and revoke the
 * link; anyone holding it asks to join, and an admin's client then adds them by commit (which
 * {@link MembershipPlan} allows for accounts that asked). Thread-safe.
 */
final class InviteLinks {
  private final Database database;
  private final ConversationStore conversations;
  private final MemberChecks checks;
  private final LiveEvents live;
  private final int groupMembersMax;
  private final Clock clock;

  InviteLinks(
      Database database,
      ConversationStore conversations,
      MemberChecks checks,
      LiveEvents live,
      int groupMembersMax,
      Clock clock) {
    this.database = database;
    this.conversations = conversations;
    this.checks = checks;
    this.live = live;
    this.groupMembersMax = groupMembersMax;
    this.clock = clock;
  }

  String create(Caller caller, String conversationId) {
    String token = SecretTokens.randomUrlSafe(24);
    database.inTransaction(
        handle -> {
          GroupService.Membership membership = checks.requireAdmin(handle, caller, conversationId);
          if (membership.conversation().kind() != ConversationKind.GROUP) {
            throw new MessagingError.InvalidMembershipChange("Only groups have invite links.");
          }
          conversations.setInviteToken(handle, conversationId, token);
          return null;
        });
    return token;
  }

  void revoke(Caller caller, String conversationId) {
    database.inTransaction(
        handle -> {
          checks.requireAdmin(handle, caller, conversationId);
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
                if (conversations.memberCount(handle, found.id()) >= groupMembersMax) {
                  throw new MessagingError.GroupFull(groupMembersMax);
                }
                conversations.insertJoinRequest(
                    handle, found.id(), caller.accountId(), clock.millis());
              }
              return found;
            });
    live.toConversation(
        conversation.id(),
        GroupFrames.MembershipFrame.joinRequested(conversation.id(), caller.accountId()),
        null);
    return conversation.id();
  }

  List<String> joinRequests(Caller caller, String conversationId) {
    return database.read(
        handle -> {
          checks.requireAdmin(handle, caller, conversationId);
          return conversations.joinRequests(handle, conversationId, groupMembersMax);
        });
  }
}
