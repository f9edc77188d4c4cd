package dev.atrium.notifications;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.atrium.notifications.PushApi.MuteRequest;
import dev.atrium.notifications.PushApi.MuteResponse;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.json.Json;
import io.javalin.http.Context;
import java.util.List;

/** HTTP for muted chats: parse, call {@link MuteService}, map to JSON. */
final class MuteRoutes implements RouteModule {
  private static final String TAG = "notifications";
  private static final String MUTE_PATH = "/api/v1/conversations/{conversationId}/mute";
  private final MuteService mutes;

  MuteRoutes(MuteService mutes) {
    this.mutes = mutes;
  }

  @Override
  public void register(Api api) {
    api.authenticated(
        Operation.put(MUTE_PATH, "muteConversation")
            .tag(TAG)
            .summary(
                "Mute a chat for every device of the caller's account: no wake-ups, no notifications; "
                    + "until a time, or until unmuted. Members only; others get 404.")
            .request(MuteRequest.class)
            .response(200, MuteResponse.class)
            .errors(404, 422),
        this::mute);
    api.authenticated(
        Operation.delete(MUTE_PATH, "unmuteConversation")
            .tag(TAG)
            .summary(
                "Unmute a chat (nothing happens if it was not muted). Members only; others get 404.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          mutes.unmute(caller, ctx.pathParam("conversationId"));
          ctx.status(204);
        });
    api.authenticated(
        Operation.get("/api/v1/muted-conversations", "listMutedConversations")
            .tag(TAG)
            .summary(
                "The chats the caller's account has muted now, at most "
                    + MuteService.MUTES_PER_ACCOUNT_MAX
                    + ".")
            .response(200, new TypeReference<List<MuteResponse>>() {}.getType()),
        (ctx, caller) ->
            ctx.json(mutes.mutesOf(caller.accountId()).stream().map(MuteResponse::of).toList()));
  }

  private void mute(Context ctx, Caller caller) {
    byte[] raw = Requests.bodyBytes(ctx);
    MuteRequest request =
        raw.length == 0 ? new MuteRequest(null) : Json.parse(raw, MuteRequest.class);
    ctx.json(MuteResponse.of(mutes.mute(caller, ctx.pathParam("conversationId"), request.until())));
  }
}
