package dev.atrium.messaging.groups;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.http.Caller;
import java.util.List;

/**
 * The checks every group operation starts with, inside its transaction: the caller is a member (or
 * an admin), and a group never loses its last admin. Stateless.
 */
final class MemberChecks {
  private final ConversationStore conversations;
  private final int groupMembersMax;

  MemberChecks(ConversationStore conversations, int groupMembersMax) {
    this.conversations = conversations;
    this.groupMembersMax = groupMembersMax;
  }

  GroupService.Membership requireMember(Handle handle, Caller caller, String conversationId) {
    Conversation conversation =
        conversations
            .find(handle, conversationId)
            .orElseThrow(MessagingError.ConversationNotFound::new);
    Member member =
        conversations
            .member(handle, conversationId, caller.accountId())
            .orElseThrow(MessagingError.ConversationNotFound::new);
    return new GroupService.Membership(conversation, member.role());
  }

  GroupService.Membership requireAdmin(Handle handle, Caller caller, String conversationId) {
    conversations.lockForWrite(handle, conversationId);
    GroupService.Membership membership = requireMember(handle, caller, conversationId);
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
  void ensureAnAdmin(Handle handle, String conversationId) {
    List<Member> members = conversations.members(handle, conversationId, groupMembersMax);
    if (!members.isEmpty() && members.stream().noneMatch(m -> m.role() == MemberRole.ADMIN)) {
      conversations.setRole(
          handle, conversationId, members.getFirst().accountId(), MemberRole.ADMIN);
    }
  }
}
