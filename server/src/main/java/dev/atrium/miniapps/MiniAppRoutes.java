package dev.atrium.miniapps;

import static dev.atrium.platform.http.Requests.body;

import dev.atrium.miniapps.MiniAppApi.DecisionRequest;
import dev.atrium.miniapps.MiniAppApi.ListingList;
import dev.atrium.miniapps.MiniAppApi.ListingRequest;
import dev.atrium.miniapps.MiniAppApi.ListingResponse;
import dev.atrium.miniapps.MiniAppApi.MiniAppList;
import dev.atrium.miniapps.MiniAppApi.MiniAppResponse;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import java.util.List;

/**
 * HTTP for the registry: providers manage their apps (device token), users browse the catalogue
 * (device token), the operator reviews (operator token), the app's own server reads its record (app
 * credentials, {@link MiniAppProviderAuth}).
 */
final class MiniAppRoutes implements RouteModule {
  private static final String TAG = "miniapps";
  private static final String ADMIN_TAG = "admin";
  private static final String PROVIDER_TAG = "miniapp-provider";
  private static final int QUERY_CHARS_MAX = 100;
  private final MiniAppService service;
  private final OperatorCheck operator;
  private final MiniAppProviderAuth providerAuth;
  private final MiniAppVersionService versions;
  private final MiniAppOrigins origins;
  private final MiniAppWebhooks webhooks;

  MiniAppRoutes(
      MiniAppService service,
      OperatorCheck operator,
      MiniAppProviderAuth providerAuth,
      MiniAppVersionService versions,
      MiniAppOrigins origins,
      MiniAppWebhooks webhooks) {
    this.service = service;
    this.operator = operator;
    this.providerAuth = providerAuth;
    this.versions = versions;
    this.origins = origins;
    this.webhooks = webhooks;
  }

  @Override
  public void register(Api api) {
    registerOwner(api);
    registerCatalogue(api);
    registerAdmin(api);
    api.open(
        Operation.get("/api/v1/provider/app", "getProviderApp")
            .tag(PROVIDER_TAG)
            .summary(
                "App credentials (Authorization: Bearer <appId>.<secret>). The app's own record; "
                    + "403 unless approved.")
            .response(200, MiniAppResponse.class)
            .errors(401, 403),
        ctx -> ctx.json(MiniAppResponse.of(providerAuth.require(ctx))));
  }

  private void registerOwner(Api api) {
    api.authenticated(
        Operation.post("/api/v1/miniapps", "registerMiniApp")
            .tag(TAG)
            .summary(
                "Register a mini-program for review; the answer carries its secret, shown only here.")
            .request(ListingRequest.class)
            .response(201, MiniAppResponse.class)
            .errors(400, 409, 422),
        (ctx, caller) -> {
          ListingRequest request = body(ctx, ListingRequest.class);
          webhooks.checkUrl(request.webhookUrl());
          MiniAppService.Registered registered =
              service.register(caller.accountId(), request.listing());
          // Issued after the app's own transaction: should this fail, the owner rotates it.
          String webhookSecret = webhooks.rotateSecret(registered.app().appId());
          ctx.status(201)
              .json(MiniAppResponse.of(registered.app(), registered.secret(), webhookSecret));
        });
    api.authenticated(
        Operation.get("/api/v1/miniapps/mine", "listMyMiniApps")
            .tag(TAG)
            .summary(
                "The caller's mini-programs, oldest first (at most "
                    + MiniAppService.LIST_ROWS_MAX
                    + ").")
            .response(200, MiniAppList.class),
        (ctx, caller) -> ctx.json(list(service.appsOf(caller.accountId()))));
    api.authenticated(
        Operation.get("/api/v1/miniapps/{appId}", "getMyMiniApp")
            .tag(TAG)
            .summary("One of the caller's mini-programs, every field but the secret.")
            .response(200, MiniAppResponse.class)
            .errors(404),
        (ctx, caller) ->
            ctx.json(
                MiniAppResponse.of(service.owned(caller.accountId(), ctx.pathParam("appId")))));
    api.authenticated(
        Operation.patch("/api/v1/miniapps/{appId}", "editMiniApp")
            .tag(TAG)
            .summary(
                "Edit the listing; absent fields stay. New scopes or domains send an approved app "
                    + "back to review, an edit resubmits a rejected one.")
            .request(ListingRequest.class)
            .response(200, MiniAppResponse.class)
            .errors(400, 404, 422),
        (ctx, caller) -> {
          ListingRequest request = body(ctx, ListingRequest.class);
          webhooks.checkUrl(request.webhookUrl());
          ctx.json(
              MiniAppResponse.of(
                  service.edit(caller.accountId(), ctx.pathParam("appId"), request.listing())));
        });
    api.authenticated(
        Operation.post("/api/v1/miniapps/{appId}/secret", "rotateMiniAppSecret")
            .tag(TAG)
            .summary("A new secret, shown only in this answer; the old one stops working at once.")
            .response(200, MiniAppResponse.class)
            .errors(404),
        (ctx, caller) -> {
          String appId = ctx.pathParam("appId");
          String secret = service.rotateSecret(caller.accountId(), appId);
          ctx.json(MiniAppResponse.of(service.owned(caller.accountId(), appId), secret));
        });
  }

  private void registerCatalogue(Api api) {
    api.authenticated(
        Operation.get("/api/v1/miniapps", "listMiniAppCatalogue")
            .tag(TAG)
            .queryString("q", "Text in the name or description, at most 100 characters.")
            .queryString("category", "Only this category (food, health, ...).")
            .queryInteger(
                "limit",
                1,
                MiniAppService.LIST_ROWS_MAX,
                "At most this many; default " + MiniAppService.CATALOGUE_ROWS_DEFAULT + ".")
            .summary("Approved mini-programs, by name.")
            .response(200, ListingList.class)
            .errors(400),
        (ctx, caller) -> {
          String text = ctx.queryParam("q");
          if (text != null
              && (text.length() > QUERY_CHARS_MAX
                  || text.chars().anyMatch(Character::isISOControl))) {
            // PostgreSQL refuses NUL in text, so control characters are refused here, as a 400.
            throw RequestError.invalidParameter(
                "q",
                "At most " + QUERY_CHARS_MAX + " characters, none of them control characters.");
          }
          int limit =
              Requests.queryInt(
                  ctx,
                  "limit",
                  MiniAppService.CATALOGUE_ROWS_DEFAULT,
                  1,
                  MiniAppService.LIST_ROWS_MAX);
          List<MiniApp> apps = service.catalogue(text, category(ctx.queryParam("category")), limit);
          java.util.Map<String, MiniAppVersion> live =
              versions.live(apps.stream().map(MiniApp::appId).toList());
          int port = ctx.req().getLocalPort();
          ctx.json(
              new ListingList(
                  apps.stream()
                      .map(
                          app ->
                              ListingResponse.of(
                                  app, origins.of(app.appId(), port), live.get(app.appId())))
                      .toList()));
        });
    api.authenticated(
        Operation.get("/api/v1/miniapps/{appId}/listing", "getMiniAppListing")
            .tag(TAG)
            .summary("What users see of an approved mini-program; 404 for any other.")
            .response(200, ListingResponse.class)
            .errors(404),
        (ctx, caller) -> {
          MiniApp app = service.listed(ctx.pathParam("appId"));
          ctx.json(
              ListingResponse.of(
                  app,
                  origins.of(app.appId(), ctx.req().getLocalPort()),
                  versions.live(app.appId()).orElse(null)));
        });
  }

  private void registerAdmin(Api api) {
    api.open(
        Operation.get("/api/v1/admin/miniapps", "listMiniAppsForOperator")
            .tag(ADMIN_TAG)
            .queryString("status", "pending_review (default), approved, rejected or suspended.")
            .summary("Operator only. Mini-programs with one status, oldest first.")
            .response(200, MiniAppList.class)
            .errors(400, 401),
        ctx -> {
          operator.require(ctx);
          ctx.json(list(service.appsWithStatus(status(ctx.queryParam("status")))));
        });
    decision(api, "approve", "Approve: listed, and its server may call the API.", false);
    decision(api, "reject", "Reject with a reason shown to the provider.", true);
    decision(
        api,
        "suspend",
        "Suspend at once with a reason: unlisted, every provider call refused.",
        true);
    decision(api, "resume", "Resume a suspended mini-program: approved again.", false);
  }

  private void decision(Api api, String verb, String summary, boolean needsReason) {
    Operation.Builder operation =
        Operation.post("/api/v1/admin/miniapps/{appId}/" + verb, verb + "MiniApp")
            .tag(ADMIN_TAG)
            .summary("Operator only. " + summary)
            .response(200, MiniAppResponse.class);
    if (needsReason) {
      operation.request(DecisionRequest.class).errors(400, 401, 404, 409, 422);
    } else {
      operation.errors(401, 404, 409);
    }
    api.open(
        operation,
        ctx -> {
          operator.require(ctx);
          String appId = ctx.pathParam("appId");
          MiniApp decided =
              switch (verb) {
                case "approve" -> service.approve(appId);
                case "resume" -> service.resume(appId);
                case "reject" -> service.reject(appId, reason(ctx));
                default -> service.suspend(appId, reason(ctx));
              };
          ctx.json(MiniAppResponse.of(decided));
        });
  }

  private static String reason(Context ctx) {
    return body(ctx, DecisionRequest.class).reason();
  }

  private static MiniAppList list(List<MiniApp> apps) {
    return new MiniAppList(apps.stream().map(MiniAppResponse::of).toList());
  }

  private static MiniApp.Status status(String text) {
    if (text == null) {
      return MiniApp.Status.PENDING_REVIEW;
    }
    MiniApp.Status status = MiniApp.Status.fromWire(text);
    if (status == null) {
      throw RequestError.invalidParameter(
          "status", "One of pending_review, approved, rejected, suspended.");
    }
    return status;
  }

  private static MiniApp.Category category(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    MiniApp.Category category = MiniApp.Category.fromWire(text);
    if (category == null) {
      throw RequestError.invalidParameter(
          "category",
          "One of food, health, transport, travel, shopping, games, tools, services, other.");
    }
    return category;
  }
}
