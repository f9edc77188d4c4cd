package dev.atrium.identity;

import static dev.atrium.platform.http.Requests.body;
import static dev.atrium.platform.http.Requests.required;

import dev.atrium.identity.IdentityApi.CreateDeviceLinkRequest;
import dev.atrium.identity.IdentityApi.DeviceLinkCodeRequest;
import dev.atrium.identity.IdentityApi.DeviceLinkResponse;
import dev.atrium.identity.IdentityApi.DeviceLinkStatusResponse;
import dev.atrium.identity.IdentityApi.PendingDeviceLinkResponse;
import dev.atrium.identity.IdentityApi.PollDeviceLinkRequest;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.ClientAddress;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.PublicUrls;
import dev.atrium.platform.http.RouteModule;
import dev.atrium.platform.qr.QrCodes;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;

/**
 * HTTP for logging a browser in by QR code. Codes and secrets travel in request bodies, never in
 * paths, so no access log or proxy holds them.
 */
final class DeviceLinkRoutes implements RouteModule {
  private static final String TAG = "identity";

  /** Small enough for a phone screen; the SVG scales without loss. */
  private static final int QR_SIZE_PIXELS = 256;

  private final DeviceLinking linking;
  private final URI publicBaseUrl;

  DeviceLinkRoutes(DeviceLinking linking, URI publicBaseUrl) {
    this.linking = linking;
    this.publicBaseUrl = publicBaseUrl;
  }

  @Override
  public void register(Api api) {
    api.open(
        Operation.post("/api/v1/device-links", "createDeviceLink")
            .tag(TAG)
            .summary(
                "A new browser asks to be logged in by a device that is: show the QR code, then poll.")
            .request(CreateDeviceLinkRequest.class)
            .response(201, DeviceLinkResponse.class)
            .errors(422, 429),
        this::create);
    api.open(
        Operation.post("/api/v1/device-links/poll", "pollDeviceLink")
            .tag(TAG)
            .summary(
                "Where the new browser's link stands; the answer reporting approval carries its session, once.")
            .request(PollDeviceLinkRequest.class)
            .response(200, DeviceLinkStatusResponse.class)
            .errors(403, 404, 409, 429),
        this::poll);
    api.authenticated(
        Operation.post("/api/v1/device-links/lookup", "lookupDeviceLink")
            .tag(TAG)
            .summary(
                "What a scanned device link asks, for the approving device to show before it decides.")
            .request(DeviceLinkCodeRequest.class)
            .response(200, PendingDeviceLinkResponse.class)
            .errors(404),
        (ctx, caller) -> {
          DeviceLink link = linking.pending(code(ctx));
          ctx.json(
              new PendingDeviceLinkResponse(
                  link.deviceName(),
                  Instant.ofEpochMilli(link.createdAtMillis()),
                  Instant.ofEpochMilli(link.expiresAtMillis())));
        });
    api.authenticated(
        Operation.post("/api/v1/device-links/approve", "approveDeviceLink")
            .tag(TAG)
            .summary("Make the browser behind a scanned link a device of the caller's account.")
            .request(DeviceLinkCodeRequest.class)
            .noContent()
            .errors(404, 409),
        (ctx, caller) -> {
          linking.approve(caller, code(ctx));
          ctx.status(204);
        });
    api.authenticated(
        Operation.post("/api/v1/device-links/decline", "declineDeviceLink")
            .tag(TAG)
            .summary("Refuse a scanned device link; the new browser learns it was declined.")
            .request(DeviceLinkCodeRequest.class)
            .noContent()
            .errors(404, 409),
        (ctx, caller) -> {
          linking.decline(caller, code(ctx));
          ctx.status(204);
        });
  }

  private void create(Context ctx) {
    CreateDeviceLinkRequest request = body(ctx, CreateDeviceLinkRequest.class);
    DeviceLinking.Created created =
        linking.create(IdentityRules.deviceName(request.deviceName()), ClientAddress.of(ctx));
    String url = PublicUrls.of(ctx, publicBaseUrl, "/link/" + created.code());
    ctx.status(201)
        .json(
            new DeviceLinkResponse(
                created.code(),
                url,
                created.pollSecret(),
                QrCodes.svg(url, QR_SIZE_PIXELS),
                Instant.ofEpochMilli(created.expiresAtMillis())));
  }

  private void poll(Context ctx) {
    PollDeviceLinkRequest request = body(ctx, PollDeviceLinkRequest.class);
    DeviceLinking.PollResult result =
        linking.poll(required(request.pollSecret(), "pollSecret"), ClientAddress.of(ctx));
    ctx.json(
        new DeviceLinkStatusResponse(
            result.status().name().toLowerCase(Locale.ROOT),
            Instant.ofEpochMilli(result.expiresAtMillis()),
            result.session() == null ? null : IdentityRoutes.sessionResponse(result.session())));
  }

  private static String code(Context ctx) {
    return required(body(ctx, DeviceLinkCodeRequest.class).code(), "code");
  }
}
