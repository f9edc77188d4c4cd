package dev.atrium.messaging;

import static dev.atrium.platform.http.Requests.body;
import static dev.atrium.platform.http.Requests.required;

import dev.atrium.delivery.EnvelopeView;
import dev.atrium.messaging.EnvelopeApi.AckItemsRequest;
import dev.atrium.messaging.EnvelopeApi.CursorRequest;
import dev.atrium.messaging.EnvelopeApi.EnvelopeList;
import dev.atrium.messaging.EnvelopeApi.ItemList;
import dev.atrium.messaging.EnvelopeApi.ItemView;
import dev.atrium.messaging.EnvelopeApi.MarkView;
import dev.atrium.messaging.EnvelopeApi.MarksView;
import dev.atrium.messaging.EnvelopeApi.PreferencesRequest;
import dev.atrium.messaging.EnvelopeApi.PreferencesView;
import dev.atrium.messaging.EnvelopeApi.SendRequest;
import dev.atrium.messaging.EnvelopeApi.SentView;
import dev.atrium.platform.errors.OperatingError;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * HTTP for the envelope log: sending and listing envelopes, cursors, device items, delivery and
 * read marks. Conversations and their groups are {@code groups/GroupRoutes}; devices' WebSocket is
 * delivery's.
 */
final class EnvelopeRoutes implements RouteModule {
  private static final String TAG = "messaging";
  private static final String CONVERSATION = "/api/v1/conversations/{conversationId}";
  private static final long SEND_WAIT_SECONDS = 30;

  private final EnvelopeService service;
  private final SendCommands commands;
  private final MessagingSettings settings;

  EnvelopeRoutes(EnvelopeService service, SendCommands commands, MessagingSettings settings) {
    this.service = service;
    this.commands = commands;
    this.settings = settings;
  }

  @Override
  public void register(Api api) {
    registerMarks(api);
    registerEnvelopes(api);
    registerAcknowledgements(api);
  }

  private void registerMarks(Api api) {
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
  }

  private void registerAcknowledgements(Api api) {
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
}
