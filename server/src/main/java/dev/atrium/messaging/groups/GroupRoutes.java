package dev.atrium.messaging.groups;

import static dev.atrium.platform.http.Requests.body;
import static dev.atrium.platform.http.Requests.required;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.messaging.groups.GroupApi.ConversationDetails;
import dev.atrium.messaging.groups.GroupApi.ConversationView;
import dev.atrium.messaging.groups.GroupApi.CreateConversationRequest;
import dev.atrium.messaging.groups.GroupApi.InviteLinkView;
import dev.atrium.messaging.groups.GroupApi.JoinRequestsView;
import dev.atrium.messaging.groups.GroupApi.JoinView;
import dev.atrium.messaging.groups.GroupApi.MemberView;
import dev.atrium.messaging.groups.GroupApi.RenameRequest;
import dev.atrium.messaging.groups.GroupApi.RoleRequest;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP for conversations and group administration; the envelope log's routes are {@code
 * messaging/EnvelopeRoutes}, devices' WebSocket is delivery's.
 */
final class GroupRoutes implements RouteModule {
  private static final String TAG = "messaging";
  private static final String CONVERSATION = "/api/v1/conversations/{conversationId}";
  private static final int NAME_LENGTH_MAX = 256;

  private final GroupService service;
  private final InviteLinks invites;
  private final MemberNames memberNames;

  GroupRoutes(GroupService service, InviteLinks invites, MemberNames memberNames) {
    this.service = service;
    this.invites = invites;
    this.memberNames = memberNames;
  }

  @Override
  public void register(Api api) {
    registerConversations(api);
    registerGroupAdministration(api);
  }

  private void registerConversations(Api api) {
    api.authenticated(
        Operation.post("/api/v1/conversations", "createConversation")
            .tag(TAG)
            .summary(
                "Start a direct conversation with a contact (or get the existing one), or create a group.")
            .request(CreateConversationRequest.class)
            .response(201, ConversationView.class)
            .errors(403, 404, 422),
        this::create);
    api.authenticated(
        Operation.get("/api/v1/conversations", "listConversations")
            .tag(TAG)
            .summary("The caller's conversations.")
            .response(200, new TypeReference<List<ConversationView>>() {}.getType()),
        (ctx, caller) -> ctx.json(service.list(caller).stream().map(GroupRoutes::view).toList()));
    api.authenticated(
        Operation.get(CONVERSATION, "getConversation")
            .tag(TAG)
            .summary("A conversation with its members and their devices in the group.")
            .response(200, ConversationDetails.class)
            .errors(404),
        (ctx, caller) ->
            ctx.json(details(service.details(caller, ctx.pathParam("conversationId")))));
    api.authenticated(
        Operation.post(CONVERSATION + "/leave", "leaveConversation")
            .tag(TAG)
            .summary("Leave a group at once; remaining members remove your devices by commit.")
            .noContent()
            .errors(404, 422),
        (ctx, caller) -> {
          service.leave(caller, ctx.pathParam("conversationId"));
          ctx.status(204);
        });
    api.authenticated(
        Operation.post(CONVERSATION + "/rejoin", "requestRejoin")
            .tag(TAG)
            .summary(
                "This device lost its group state (a commit or Welcome it could not use): ask the members to add it again.")
            .noContent()
            .errors(404, 422),
        (ctx, caller) -> {
          service.requestRejoin(caller, ctx.pathParam("conversationId"));
          ctx.status(204);
        });
  }

  private void registerGroupAdministration(Api api) {
    api.authenticated(
        Operation.patch(CONVERSATION, "renameConversation")
            .tag(TAG)
            .summary("Rename a group (admins).")
            .request(RenameRequest.class)
            .response(200, ConversationView.class)
            .errors(403, 404, 422),
        (ctx, caller) ->
            ctx.json(
                view(
                    service.rename(
                        caller,
                        ctx.pathParam("conversationId"),
                        name(required(body(ctx, RenameRequest.class).name(), "name"))))));
    api.authenticated(
        Operation.put(CONVERSATION + "/members/{accountId}/role", "setMemberRole")
            .tag(TAG)
            .summary("Promote a member to admin or demote an admin (admins).")
            .request(RoleRequest.class)
            .noContent()
            .errors(403, 404, 422),
        (ctx, caller) -> {
          service.setRole(
              caller,
              ctx.pathParam("conversationId"),
              ctx.pathParam("accountId"),
              role(body(ctx, RoleRequest.class).role()));
          ctx.status(204);
        });
    api.authenticated(
        Operation.post(CONVERSATION + "/invite-link", "createGroupInviteLink")
            .tag(TAG)
            .summary("Make (or replace) the group's invite link (admins).")
            .response(201, InviteLinkView.class)
            .errors(403, 404, 422),
        (ctx, caller) ->
            ctx.status(201)
                .json(new InviteLinkView(invites.create(caller, ctx.pathParam("conversationId")))));
    api.authenticated(
        Operation.delete(CONVERSATION + "/invite-link", "revokeGroupInviteLink")
            .tag(TAG)
            .summary("Revoke the group's invite link (admins).")
            .noContent()
            .errors(403, 404),
        (ctx, caller) -> {
          invites.revoke(caller, ctx.pathParam("conversationId"));
          ctx.status(204);
        });
    api.authenticated(
        Operation.post("/api/v1/group-invites/{token}/join", "joinGroup")
            .tag(TAG)
            .summary(
                "Ask to join a group through its invite link; an admin's device then adds you by commit.")
            .response(202, JoinView.class)
            .errors(404, 409),
        (ctx, caller) ->
            ctx.status(202).json(new JoinView(invites.join(caller, ctx.pathParam("token")))));
    api.authenticated(
        Operation.get(CONVERSATION + "/join-requests", "listJoinRequests")
            .tag(TAG)
            .summary("Accounts waiting to be added through the invite link (admins).")
            .response(200, JoinRequestsView.class)
            .errors(403, 404),
        (ctx, caller) ->
            ctx.json(
                new JoinRequestsView(
                    invites.joinRequests(caller, ctx.pathParam("conversationId")))));
  }

  private void create(Context ctx, Caller caller) {
    CreateConversationRequest request = body(ctx, CreateConversationRequest.class);
    String kind = required(request.kind(), "kind");
    GroupService.Membership created =
        switch (kind) {
          case "direct" ->
              service.createDirect(caller, required(request.peerAccountId(), "peerAccountId"));
          case "group" ->
              service.createGroup(caller, request.name() == null ? null : name(request.name()));
          default -> throw RequestError.validation("kind", "Kind must be direct or group.");
        };
    ctx.status(201).json(view(created));
  }

  private static String name(String raw) {
    if (raw.isBlank() || raw.length() > NAME_LENGTH_MAX) {
      throw RequestError.validation("name", "A name has 1 to " + NAME_LENGTH_MAX + " characters.");
    }
    // Control characters have no place in a name, and PostgreSQL refuses NUL in text outright.
    if (raw.chars().anyMatch(Character::isISOControl)) {
      throw RequestError.validation("name", "A name must not contain control characters.");
    }
    return raw;
  }

  private static MemberRole role(String raw) {
    if (raw == null) {
      throw RequestError.missingField("role");
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "admin" -> MemberRole.ADMIN;
      case "member" -> MemberRole.MEMBER;
      default -> throw RequestError.validation("role", "Role must be admin or member.");
    };
  }

  static ConversationView view(GroupService.Membership membership) {
    Conversation c = membership.conversation();
    return new ConversationView(
        c.id(),
        c.kind().name().toLowerCase(Locale.ROOT),
        c.name(),
        c.epoch(),
        c.lastSeq(),
        membership.role().name().toLowerCase(Locale.ROOT),
        Instant.ofEpochMilli(c.createdAtMillis()));
  }

  private ConversationDetails details(GroupService.Details details) {
    Map<String, String> names =
        memberNames.displayNames(details.members().stream().map(Member::accountId).toList());
    List<MemberView> members =
        details.members().stream()
            .map(
                m ->
                    new MemberView(
                        m.accountId(),
                        names.get(m.accountId()),
                        m.role().name().toLowerCase(Locale.ROOT),
                        Instant.ofEpochMilli(m.joinedAtMillis()),
                        details.deviceIdsByAccount().getOrDefault(m.accountId(), List.of())))
            .toList();
    return new ConversationDetails(view(details.membership()), members, details.rejoinDeviceIds());
  }
}
