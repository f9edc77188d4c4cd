package dev.atrium.messaging.groups;

import dev.atrium.platform.openapi.Description;
import dev.atrium.platform.openapi.Required;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the conversation and group administration endpoints. */
final class GroupApi {
  private GroupApi() {}

  record CreateConversationRequest(
      @Required @Description("direct or group") String kind,
      @Description("For direct: the other account, who must be a contact.") String peerAccountId,
      @Description("For groups: a name, opaque to the server (clients may encrypt it).")
          String name) {}

  record ConversationView(
      @Required String id,
      @Required String kind,
      String name,
      @Required long epoch,
      @Required @Description("Sequence number of the newest envelope.") long lastSeq,
      @Required String role,
      @Required Instant createdAt) {}

  record MemberView(
      @Required String accountId,
      @Description("The member's display name; absent for a disabled or deleted account.")
          String displayName,
      @Required String role,
      @Required Instant joinedAt,
      @Required @Description("This member's devices that are leaves of the group.")
          List<String> deviceIds) {}

  record ConversationDetails(
      @Required ConversationView conversation,
      @Required List<MemberView> members,
      @Required
          @Description(
              "Leaves that lost their group state and asked to be added again: a commit removing each "
                  + "one's leaf and welcoming it anew, by any member, answers that.")
          List<String> rejoinDeviceIds) {}

  record RenameRequest(@Required String name) {}

  record RoleRequest(@Required @Description("admin or member") String role) {}

  record InviteLinkView(@Required String token) {}

  record JoinView(@Required String conversationId) {}

  record JoinRequestsView(@Required List<String> accountIds) {}
}
