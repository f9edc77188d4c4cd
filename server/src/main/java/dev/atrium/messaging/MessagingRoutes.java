package dev.atrium.messaging;

import static dev.atrium.platform.http.Requests.body;
import static dev.atrium.platform.http.Requests.required;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.delivery.EnvelopeView;
import dev.atrium.messaging.MessagingApi.AckItemsRequest;
import dev.atrium.messaging.MessagingApi.ConversationDetails;
import dev.atrium.messaging.MessagingApi.ConversationView;
import dev.atrium.messaging.MessagingApi.CreateConversationRequest;
import dev.atrium.messaging.MessagingApi.CursorRequest;
import dev.atrium.messaging.MessagingApi.EnvelopeList;
import dev.atrium.messaging.MessagingApi.InviteLinkView;
import dev.atrium.messaging.MessagingApi.ItemList;
import dev.atrium.messaging.MessagingApi.ItemView;
import dev.atrium.messaging.MessagingApi.JoinRequestsView;
import dev.atrium.messaging.MessagingApi.JoinView;
import dev.atrium.messaging.MessagingApi.MarkView;
import dev.atrium.messaging.MessagingApi.MarksView;
import dev.atrium.messaging.MessagingApi.MemberView;
import dev.atrium.messaging.MessagingApi.PreferencesRequest;
import dev.atrium.messaging.MessagingApi.PreferencesView;
import dev.atrium.messaging.MessagingApi.RenameRequest;
import dev.atrium.messaging.MessagingApi.RoleRequest;
import dev.atrium.messaging.MessagingApi.SendRequest;
import dev.atrium.messaging.MessagingApi.SentView;
import dev.atrium.platform.errors.OperatingError;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** HTTP for conversations and envelopes; devices' WebSocket is delivery's. */
final class MessagingRoutes implements RouteModule {
  private static final String TAG = "messaging";
  private static final String CONVERSATION = "/api/v1/conversations/{conversationId}";
  private static final long SEND_WAIT_SECONDS = 30;

  private final MessagingService service;
  private final MemberNames memberNames;
  private final SendCommands commands;
  private final MessagingSettings settings;

  MessagingRoutes(
      MessagingService service,
      SendCommands commands,
      MessagingSettings settings,
      MemberNames memberNames) {
    this.service = service;
    this.memberNames = memberNames;
    this.commands = commands;
    this.settings = settings;
  }

  @Override
  public void register(Api api) {
    registerConversations(api);
    registerGroupAdministration(api);
    registerEnvelopes(api);
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
        (ctx, caller) ->
            ctx.json(service.list(caller).stream().map(MessagingRoutes::view).toList()));
    api.authenticated(
        Operation.get(CONVERSATION, "getConversation")
            .tag(TAG)
            .summary("A conversation with its members and their devices in the group.")
            .response(200, ConversationDetails.class)
            .errors(404),
        (ctx, caller) ->
            ctx.json(details(service.details(caller, ctx.pathParam("conversationId")))));
    api.authenticated(
        Operation.get(CONVERSATION + "/marks", "getConversationMarks")
            .tag(TAG)
            .summary(
                "How far each other member has received and (if shared) read the conversation, for ticks after reconnecting.")
            .response(200, MarksView.class)
            .errors(404),
        (ctx, caller) ->
            ctx.json(
                new MarksView(
                    service.marks(caller, ctx.pathParam("conversationId")).stream()
                        .map(
                            mark ->
                                new MarkView(mark.accountId(), mark.deliveredSeq(), mark.readSeq()))
                        .toList())));
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
    api.authenticated(
        Operation.get("/api/v1/me/messaging-preferences", "getMessagingPreferences")
            .tag(TAG)
            .summary("Whether read marks are shared with conversations.")
            .response(200, PreferencesView.class),
        (ctx, caller) ->
            ctx.json(new PreferencesView(service.shareReadReceipts(caller.accountId()))));
    api.authenticated(
        Operation.put("/api/v1/me/messaging-preferences", "setMessagingPreferences")
            .tag(TAG)
            .summary("Share read marks with conversations, or only with your own devices.")
            .request(PreferencesRequest.class)
            .response(200, PreferencesView.class),
        (ctx, caller) -> {
          boolean share =
              required(
                  body(ctx, PreferencesRequest.class).shareReadReceipts(), "shareReadReceipts");
          service.setShareReadReceipts(caller.accountId(), share);
          ctx.json(new PreferencesView(share));
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
                .json(
                    new InviteLinkView(
                        service.createInviteLink(caller, ctx.pathParam("conversationId")))));
    api.authenticated(
        Operation.delete(CONVERSATION + "/invite-link", "revokeGroupInviteLink")
            .tag(TAG)
            .summary("Revoke the group's invite link (admins).")
            .noContent()
            .errors(403, 404),
        (ctx, caller) -> {
          service.revokeInviteLink(caller, ctx.pathParam("conversationId"));
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
            ctx.status(202).json(new JoinView(service.join(caller, ctx.pathParam("token")))));
    api.authenticated(
        Operation.get(CONVERSATION + "/join-requests", "listJoinRequests")
            .tag(TAG)
            .summary("Accounts waiting to be added through the invite link (admins).")
            .response(200, JoinRequestsView.class)
            .errors(403, 404),
        (ctx, caller) ->
            ctx.json(
                new JoinRequestsView(
                    service.joinRequests(caller, ctx.pathParam("conversationId")))));
  }

  private void registerEnvelopes(Api api) {
    api.authenticated(
        Operation.post(CONVERSATION + "/envelopes", "sendEnvelope")
            .tag(TAG)
            .summary(
                "Append an MLS message; answered once it is durably stored, with its sequence number.")
            .request(SendRequest.class)
            .response(201, SentView.class)
            .alsoSucceeds(
                200,
                "A retry of an envelope already stored (same clientMessageId): nothing is appended, "
                    + "and the answer, with duplicate true, carries the stored envelope's sequence number.")
            .errors(403, 404, 409, 422, 503),
        this::send);
    api.authenticated(
        Operation.get(CONVERSATION + "/envelopes", "listEnvelopes")
            .tag(TAG)
            .summary(
                "Envelopes after a sequence number, oldest first (for clients without a WebSocket).")
            .response(200, EnvelopeList.class)
            .errors(404)
            .queryInteger(
                "after",
                0,
                Integer.MAX_VALUE,
                "Only envelopes with a greater sequence number; default 0.")
            .queryInteger(
                "limit",
                1,
                settings.deliveryPageEnvelopesMax(),
                "The most envelopes to return; default and maximum "
                    + settings.deliveryPageEnvelopesMax()
                    + "."),
        (ctx, caller) -> {
          long after = Math.max(0, Requests.queryInt(ctx, "after", 0, 0, Integer.MAX_VALUE));
          int limit =
              Requests.queryInt(
                  ctx,
                  "limit",
                  settings.deliveryPageEnvelopesMax(),
                  1,
                  settings.deliveryPageEnvelopesMax());
          ctx.json(
              new EnvelopeList(
                  service.envelopes(caller, ctx.pathParam("conversationId"), after, limit).stream()
                      .map(EnvelopeView::of)
                      .toList()));
        });
    api.authenticated(
        Operation.post(CONVERSATION + "/cursor", "acknowledgeEnvelopes")
            .tag(TAG)
            .summary("Acknowledge envelopes up to a sequence number for this device.")
            .request(CursorRequest.class)
            .noContent()
            .errors(404, 422),
        (ctx, caller) -> {
          service.ack(
              caller,
              ctx.pathParam("conversationId"),
              required(body(ctx, CursorRequest.class).seq(), "seq"));
          ctx.status(204);
        });
    api.authenticated(
        Operation.get("/api/v1/devices/current/items", "listDeviceItems")
            .tag(TAG)
            .summary("Items for this device (Welcome messages) not yet acknowledged.")
            .response(200, ItemList.class),
        (ctx, caller) ->
            ctx.json(
                new ItemList(service.pendingItems(caller).stream().map(ItemView::of).toList())));
    api.authenticated(
        Operation.post("/api/v1/devices/current/items/ack", "acknowledgeDeviceItems")
            .tag(TAG)
            .summary("Acknowledge items; they are deleted.")
            .request(AckItemsRequest.class)
            .noContent()
            .errors(422),
        (ctx, caller) -> {
          List<String> ids = required(body(ctx, AckItemsRequest.class).itemIds(), "itemIds");
          if (ids.size() > MessagingSettings.DEVICE_ITEMS_PENDING_MAX) {
            throw RequestError.validation(
                "itemIds", "At most " + MessagingSettings.DEVICE_ITEMS_PENDING_MAX + " ids.");
          }
          service.ackItems(caller, ids);
          ctx.status(204);
        });
  }

  private void create(Context ctx, Caller caller) {
    CreateConversationRequest request = body(ctx, CreateConversationRequest.class);
    String kind = required(request.kind(), "kind");
    MessagingService.Membership created =
        switch (kind) {
          case "direct" ->
              service.createDirect(caller, required(request.peerAccountId(), "peerAccountId"));
          case "group" ->
              service.createGroup(caller, request.name() == null ? null : name(request.name()));
          default -> throw RequestError.validation("kind", "Kind must be direct or group.");
        };
    ctx.status(201).json(view(created));
  }

  private void send(Context ctx, Caller caller) throws InterruptedException {
    SendCommand command =
        commands.fromRequest(ctx.pathParam("conversationId"), body(ctx, SendRequest.class));
    try {
      SendResult result = service.send(caller, command).get(SEND_WAIT_SECONDS, TimeUnit.SECONDS);
      ctx.status(result.duplicate() ? 200 : 201).json(SentView.of(result));
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof OperatingError refusal) {
        throw refusal;
      }
      throw new IllegalStateException("Storing an envelope failed", e.getCause());
    } catch (TimeoutException e) {
      throw RequestError.overloaded(1);
    }
  }

  private static String name(String raw) {
    if (raw.isBlank() || raw.length() > MessagingSettings.NAME_LENGTH_MAX) {
      throw RequestError.validation(
          "name", "A name has 1 to " + MessagingSettings.NAME_LENGTH_MAX + " characters.");
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

  static ConversationView view(MessagingService.Membership membership) {
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

  private ConversationDetails details(MessagingService.Details details) {
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
