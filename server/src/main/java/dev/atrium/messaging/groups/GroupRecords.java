package dev.atrium.messaging.groups;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.http.Caller;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A group's rows as the envelope log reads and changes them inside its own transactions: the
 * group-commit writer locks conversations, checks senders' membership, decides a commit's
 * membership change by {@link MembershipPlan} and records it, and moves sequence numbers and
 * epochs; reads of the log check membership first. Everything else about groups is {@link
 * GroupService}'s. Stateless and thread-safe.
 */
public final class GroupRecords {
  private final ConversationStore conversations = new ConversationStore();
  private final int groupMembersMax;

  public GroupRecords(int groupMembersMax) {
    this.groupMembersMax = groupMembersMax;
  }

  /** A conversation's new newest sequence number and epoch, written at the end of a batch. */
  public record Position(String conversationId, long lastSeq, long epoch) {}

  /** A (conversation, account) pair whose membership a batch needs to know. */
  public record MemberKey(String conversationId, String accountId) {}

  public Optional<Conversation> find(Handle handle, String conversationId) {
    return conversations.find(handle, conversationId);
  }

  /** Locks the conversation's row for the rest of the transaction; empty when there is none. */
  public Optional<Conversation> lockForWrite(Handle handle, String conversationId) {
    return conversations.lockForWrite(handle, conversationId);
  }

  /** Locks the rows of these conversations (those that exist) for the rest of the transaction. */
  public Map<String, Conversation> lockForWrite(Handle handle, Set<String> conversationIds) {
    return conversations.lockForWrite(handle, conversationIds);
  }

  /** Which of these pairs are memberships, in one query per chunk instead of one per pair. */
  public Set<MemberKey> membersAmong(Handle handle, Collection<MemberKey> keys) {
    return conversations.membersAmong(handle, keys);
  }

  public boolean isMember(Handle handle, String conversationId, String accountId) {
    return conversations.member(handle, conversationId, accountId).isPresent();
  }

  /** Non-members learn nothing: an unknown conversation and one they are not in look alike. */
  public void requireMember(Handle handle, String accountId, String conversationId) {
    if (conversations.find(handle, conversationId).isEmpty()
        || conversations.member(handle, conversationId, accountId).isEmpty()) {
      throw new MessagingError.ConversationNotFound();
    }
  }

  /** The first {@code rowsMax} members' accounts, longest-standing first. */
  public List<String> memberIds(Handle handle, String conversationId, int rowsMax) {
    return conversations.members(handle, conversationId, rowsMax).stream()
        .map(Member::accountId)
        .toList();
  }

  /** Every member with its role (one past the limit, so a full group shows as such). */
  public Map<String, MemberRole> roles(Handle handle, String conversationId) {
    Map<String, MemberRole> roles = new HashMap<>();
    for (Member member : conversations.members(handle, conversationId, groupMembersMax + 1)) {
      roles.put(member.accountId(), member.role());
    }
    return roles;
  }

  /**
   * Checks the membership change of a commit against the group as the batch sees it; refuses with a
   * {@link MessagingError} when the caller may not make it.
   */
  public MembershipPlan plan(
      Handle handle,
      Caller caller,
      String conversationId,
      CommitChange change,
      ConversationKind kind,
      Map<String, MemberRole> members,
      Set<String> groupDevices,
      Predicate<String> askedToRejoin) {
    return MembershipPlan.check(
        caller,
        change,
        kind,
        members,
        groupDevices,
        groupMembersMax,
        accountId -> conversations.hasJoinRequest(handle, conversationId, accountId),
        askedToRejoin);
  }

  /** Records an accepted commit's accounts: removed ones leave, added ones join as members. */
  public void recordMembers(
      Handle handle, String conversationId, MembershipPlan plan, long nowMillis) {
    for (String accountId : plan.removedAccounts()) {
      conversations.deleteMember(handle, conversationId, accountId, nowMillis);
    }
    for (String accountId : plan.addedAccounts()) {
      conversations.insertMember(
          handle, new Member(conversationId, accountId, MemberRole.MEMBER, nowMillis));
      conversations.deleteJoinRequest(handle, conversationId, accountId);
    }
  }

  /** Writes many conversations' positions at the end of a batch. */
  public void updateSequencesAndEpochs(Handle handle, List<Position> positions) {
    conversations.updateSequencesAndEpochs(handle, positions);
  }
}
