package dev.atrium.miniapps;

import static dev.atrium.platform.http.Requests.body;

import dev.atrium.miniapps.MiniAppApi.DecisionRequest;
import dev.atrium.miniapps.MiniAppVersionApi.VersionList;
import dev.atrium.miniapps.MiniAppVersionApi.VersionResponse;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import java.io.InputStream;
import java.util.List;

/**
 * HTTP for bundles: the provider uploads, lists and releases versions (device token, owner only),
 * the operator reviews them (operator token).
 */
final class MiniAppVersionRoutes implements RouteModule {
  static final String ZIP = "application/zip";
  private static final String TAG = "miniapps";
  private static final String ADMIN_TAG = "admin";
  private static final String VERSIONS = "/api/v1/miniapps/{appId}/versions";
  private static final String ADMIN_VERSIONS = "/api/v1/admin/miniapps/{appId}/versions";
  private final MiniAppVersionService versions;
  private final OperatorCheck operator;

  MiniAppVersionRoutes(MiniAppVersionService versions, OperatorCheck operator) {
    this.versions = versions;
    this.operator = operator;
  }

  @Override
  public void register(Api api) {
    registerProvider(api);
    registerAdmin(api);
  }

  private void registerProvider(Api api) {
    long bytesMax = versions.settings().bundleBytesMax();
    api.upload(
        Operation.post(VERSIONS, "uploadMiniAppVersion")
            .tag(TAG)
            .summary(
                "Owner only. Upload a bundle (a zip with index.html and manifest.json at its root)"
                    + " as a new version, in review. 400 with a stable code for an unsafe or"
                    + " malformed bundle, 409 while another version is in review.")
            .response(201, VersionResponse.class)
            .errors(400, 404, 409, 413, 415),
        ZIP,
        bytesMax,
        () -> new MiniAppBundleError.TooLarge(bytesMax),
        this::upload);
    api.authenticated(
        Operation.get(VERSIONS, "listMiniAppVersions")
            .tag(TAG)
            .summary(
                "Owner only. The app's versions, newest first (at most "
                    + MiniAppVersionService.VERSION_ROWS_MAX
                    + ").")
            .response(200, VersionList.class)
            .errors(404),
        (ctx, caller) ->
            ctx.json(list(versions.versionsOf(caller.accountId(), ctx.pathParam("appId")))));
    api.authenticated(
        Operation.get(VERSIONS + "/{code}", "getMiniAppVersion")
            .tag(TAG)
            .summary("Owner only. One version with the list of its files.")
            .response(200, VersionResponse.class)
            .errors(400, 404),
        (ctx, caller) -> {
          MiniAppVersionService.Detailed detailed =
              versions.detailed(caller.accountId(), ctx.pathParam("appId"), code(ctx));
          ctx.json(VersionResponse.of(detailed.version(), detailed.files()));
        });
    api.authenticated(
        Operation.post(VERSIONS + "/{code}/release", "releaseMiniAppVersion")
            .tag(TAG)
            .summary(
                "Owner only. Make an approved version live; the live one becomes approved again."
                    + " Releasing an earlier approved version is the rollback.")
            .response(200, VersionResponse.class)
            .errors(400, 404, 409),
        (ctx, caller) ->
            ctx.json(
                VersionResponse.of(
                    versions.release(caller.accountId(), ctx.pathParam("appId"), code(ctx)))));
  }

  private void registerAdmin(Api api) {
    api.open(
        Operation.get("/api/v1/admin/miniapp-versions", "listMiniAppVersionsInReview")
            .tag(ADMIN_TAG)
            .summary(
                "Operator only. Versions in review across all apps, oldest first (at most "
                    + MiniAppVersionService.VERSION_ROWS_MAX
                    + ").")
            .response(200, VersionList.class)
            .errors(401),
        ctx -> {
          operator.require(ctx);
          ctx.json(list(versions.inReview()));
        });
    api.open(
        Operation.get(ADMIN_VERSIONS, "listMiniAppVersionsForOperator")
            .tag(ADMIN_TAG)
            .summary("Operator only. One app's versions, newest first.")
            .response(200, VersionList.class)
            .errors(401, 404),
        ctx -> {
          operator.require(ctx);
          ctx.json(list(versions.versionsOf(ctx.pathParam("appId"))));
        });
    api.open(
        Operation.post(ADMIN_VERSIONS + "/{code}/approve", "approveMiniAppVersion")
            .tag(ADMIN_TAG)
            .summary("Operator only. Approve a version in review; its provider may release it.")
            .response(200, VersionResponse.class)
            .errors(400, 401, 404, 409),
        ctx -> {
          operator.require(ctx);
          ctx.json(VersionResponse.of(versions.approve(ctx.pathParam("appId"), code(ctx))));
        });
    api.open(
        Operation.post(ADMIN_VERSIONS + "/{code}/reject", "rejectMiniAppVersion")
            .tag(ADMIN_TAG)
            .summary("Operator only. Reject a version in review with a reason for the provider.")
            .request(DecisionRequest.class)
            .response(200, VersionResponse.class)
            .errors(400, 401, 404, 409, 422),
        ctx -> {
          operator.require(ctx);
          String reason = body(ctx, DecisionRequest.class).reason();
          ctx.json(VersionResponse.of(versions.reject(ctx.pathParam("appId"), code(ctx), reason)));
        });
  }

  private void upload(Context ctx, dev.atrium.platform.http.Caller caller) throws Exception {
    try (InputStream body = Requests.uploadBody(ctx)) {
      MiniAppVersion version = versions.upload(caller.accountId(), ctx.pathParam("appId"), body);
      MiniAppVersionService.Detailed detailed =
          versions.detailed(caller.accountId(), version.appId(), version.code());
      ctx.status(201).json(VersionResponse.of(detailed.version(), detailed.files()));
    }
  }

  private static int code(Context ctx) {
    String text = ctx.pathParam("code");
    try {
      int code = Integer.parseInt(text);
      if (code >= 1) {
        return code;
      }
    } catch (NumberFormatException e) {
      // Answered below, as for a code out of range.
    }
    throw RequestError.invalidParameter("code", "A version code is a positive integer.");
  }

  private static VersionList list(List<MiniAppVersion> found) {
    return new VersionList(found.stream().map(VersionResponse::of).toList());
  }
}
