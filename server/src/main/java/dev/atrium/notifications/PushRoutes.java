package dev.atrium.notifications;

import static dev.atrium.platform.http.Requests.body;
import static dev.atrium.platform.http.Requests.required;

import dev.atrium.notifications.PushApi.ServerKeyResponse;
import dev.atrium.notifications.PushApi.SubscribeRequest;
import dev.atrium.notifications.PushApi.SubscriptionResponse;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;

/** HTTP for Web Push: parse, call {@link PushService}, map to JSON. */
final class PushRoutes implements RouteModule {
  private static final String TAG = "push";
  private static final String SUBSCRIPTION_PATH = "/api/v1/devices/current/push-subscription";
  private final PushService service;

  PushRoutes(PushService service) {
    this.service = service;
  }

  @Override
  public void register(Api api) {
    api.authenticated(
        Operation.get("/api/v1/push/server-key", "getPushServerKey")
            .tag(TAG)
            .summary(
                "The server's VAPID public key, for PushManager.subscribe({applicationServerKey}).")
            .response(200, ServerKeyResponse.class)
            .errors(409),
        (ctx, caller) -> ctx.json(new ServerKeyResponse(service.applicationServerKey())));
    api.authenticated(
        Operation.put(SUBSCRIPTION_PATH, "putPushSubscription")
            .tag(TAG)
            .summary(
                "Register (or replace) this device's Web Push subscription. While the app is not connected, "
                    + "the device is woken through it; a wake-up carries only why (message, contact_request, payment), "
                    + "never who or what.")
            .request(SubscribeRequest.class)
            .response(200, SubscriptionResponse.class)
            .errors(409, 422),
        this::subscribe);
    api.authenticated(
        Operation.get(SUBSCRIPTION_PATH, "getPushSubscription")
            .tag(TAG)
            .summary("This device's Web Push subscription, if it has one.")
            .response(200, SubscriptionResponse.class)
            .errors(404),
        (ctx, caller) -> ctx.json(SubscriptionResponse.of(service.subscription(caller))));
    api.authenticated(
        Operation.delete(SUBSCRIPTION_PATH, "deletePushSubscription")
            .tag(TAG)
            .summary("Stop waking this device.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          service.unsubscribe(caller);
          ctx.status(204);
        });
  }

  private void subscribe(Context ctx, Caller caller) {
    SubscribeRequest request = body(ctx, SubscribeRequest.class);
    required(request.keys(), "keys");
    PushSubscription subscription =
        service.subscribe(
            caller,
            required(request.endpoint(), "endpoint"),
            required(request.keys().p256dh(), "keys.p256dh"),
            required(request.keys().auth(), "keys.auth"));
    ctx.json(SubscriptionResponse.of(subscription));
  }
}
