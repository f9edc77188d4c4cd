package dev.atrium.miniapps;

import static dev.atrium.platform.http.Requests.body;

import dev.atrium.miniapps.MiniAppNoticeApi.NoticeList;
import dev.atrium.miniapps.MiniAppNoticeApi.NoticeResponse;
import dev.atrium.miniapps.MiniAppNoticeApi.OptInAccepted;
import dev.atrium.miniapps.MiniAppNoticeApi.OptInList;
import dev.atrium.miniapps.MiniAppNoticeApi.OptInRequest;
import dev.atrium.miniapps.MiniAppNoticeApi.OptInResponse;
import dev.atrium.miniapps.MiniAppNoticeApi.ReadRequest;
import dev.atrium.miniapps.MiniAppNoticeApi.ReadResponse;
import dev.atrium.miniapps.MiniAppNoticeApi.SendRequest;
import dev.atrium.miniapps.MiniAppNoticeApi.SendResponse;
import dev.atrium.miniapps.MiniAppNoticeApi.TemplateList;
import dev.atrium.miniapps.MiniAppNoticeApi.TemplateRequest;
import dev.atrium.miniapps.MiniAppNoticeApi.TemplateResponse;
import dev.atrium.platform.http.Api;
import dev.atrium.platform.http.Caller;
import dev.atrium.platform.http.Operation;
import dev.atrium.platform.http.Requests;
import dev.atrium.platform.http.RouteModule;
import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP for mini-program notifications: the owner's templates (device token), users' opt-ins and
 * their system chat (device token), and sending from the app's server (app credentials).
 */
final class MiniAppNoticeRoutes implements RouteModule {
  private static final String TAG = "miniapp-notices";
  private static final String PROVIDER_TAG = "miniapp-provider";
  private static final String TEMPLATES = "/api/v1/miniapps/{appId}/notice-templates";
  private static final String ME = "/api/v1/me/miniapp-notices";
  private final MiniAppNoticeService service;
  private final MiniAppNoticeTargets targets;
  private final MiniAppProviderAuth providerAuth;

  MiniAppNoticeRoutes(
      MiniAppNoticeService service,
      MiniAppNoticeTargets targets,
      MiniAppProviderAuth providerAuth) {
    this.service = service;
    this.targets = targets;
    this.providerAuth = providerAuth;
  }

  @Override
  public void register(Api api) {
    registerTemplates(api);
    registerOptIns(api);
    registerNotices(api);
    api.open(
        Operation.post("/api/v1/provider/notices", "sendMiniAppNotice")
            .tag(PROVIDER_TAG)
            .summary(
                "App credentials (Authorization: Bearer <appId>.<secret>). Send one notice to a"
                    + " user who opted in to the template; spends one credit. 409 no_opt_in when"
                    + " there is none (also for an openId this app does not know).")
            .request(SendRequest.class)
            .response(201, SendResponse.class)
            .errors(400, 401, 403, 404, 409, 422, 429),
        ctx -> {
          MiniApp app = providerAuth.require(ctx);
          SendRequest request = body(ctx, SendRequest.class);
          MiniAppNotice notice =
              service.send(
                  app, request.openId(), request.templateId(), request.data(), request.path());
          ctx.status(201).json(new SendResponse(notice.noticeId()));
        });
  }

  private void registerTemplates(Api api) {
    api.authenticated(
        Operation.post(TEMPLATES, "createMiniAppNoticeTemplate")
            .tag(TAG)
            .summary(
                "Declare a notice template for one of the caller's mini-programs (at most "
                    + MiniAppNoticeService.TEMPLATES_PER_APP_MAX
                    + ").")
            .request(TemplateRequest.class)
            .response(201, TemplateResponse.class)
            .errors(400, 404, 409, 422),
        (ctx, caller) -> {
          TemplateRequest request = body(ctx, TemplateRequest.class);
          List<MiniAppTemplate.Variant> variants =
              request.variants().stream()
                  .map(
                      v ->
                          v == null
                              ? null
                              : new MiniAppTemplate.Variant(v.language(), v.title(), v.body()))
                  .toList();
          MiniAppTemplate template =
              service.createTemplate(
                  caller.accountId(), ctx.pathParam("appId"), request.kind(), variants);
          ctx.status(201).json(TemplateResponse.of(template));
        });
    api.authenticated(
        Operation.get(TEMPLATES, "listMiniAppNoticeTemplates")
            .tag(TAG)
            .summary("The notice templates of one of the caller's mini-programs, oldest first.")
            .response(200, TemplateList.class)
            .errors(404),
        (ctx, caller) ->
            ctx.json(
                new TemplateList(
                    service.templates(caller.accountId(), ctx.pathParam("appId")).stream()
                        .map(TemplateResponse::of)
                        .toList())));
    api.authenticated(
        Operation.delete(TEMPLATES + "/{templateId}", "deleteMiniAppNoticeTemplate")
            .tag(TAG)
            .summary("Delete a notice template and every opt-in users gave for it.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          service.deleteTemplate(
              caller.accountId(), ctx.pathParam("appId"), ctx.pathParam("templateId"));
          ctx.status(204);
        });
  }

  private void registerOptIns(Api api) {
    api.authenticated(
        Operation.post("/api/v1/miniapps/{appId}/notice-opt-ins", "optInToMiniAppNotices")
            .tag(TAG)
            .summary(
                "The caller accepted these templates (the bridge's requestSubscribe): each allows"
                    + " the mini-program one more notice.")
            .request(OptInRequest.class)
            .response(200, OptInAccepted.class)
            .errors(400, 404, 409, 422),
        (ctx, caller) -> {
          List<MiniAppTemplate> accepted =
              service.optIn(
                  caller.accountId(),
                  ctx.pathParam("appId"),
                  body(ctx, OptInRequest.class).templateIds());
          ctx.json(new OptInAccepted(accepted.stream().map(MiniAppTemplate::templateId).toList()));
        });
    api.authenticated(
        Operation.get(ME + "/opt-ins", "listMiniAppNoticeOptIns")
            .tag(TAG)
            .summary(
                "The caller's opt-ins with credits left, newest first, titles in the caller's"
                    + " language.")
            .response(200, OptInList.class),
        (ctx, caller) -> ctx.json(optIns(caller)));
    api.authenticated(
        Operation.delete(ME + "/opt-ins/{templateId}", "withdrawMiniAppNoticeOptIn")
            .tag(TAG)
            .summary("Withdraw every credit the caller gave this template.")
            .noContent()
            .errors(404),
        (ctx, caller) -> {
          service.withdraw(caller.accountId(), ctx.pathParam("templateId"));
          ctx.status(204);
        });
  }

  private void registerNotices(Api api) {
    api.authenticated(
        Operation.get(ME, "listMiniAppNotices")
            .tag(TAG)
            .queryInteger(
                "limit",
                1,
                MiniAppNoticeService.NOTICE_PAGE_ROWS_MAX,
                "At most this many; default " + MiniAppNoticeService.NOTICE_PAGE_ROWS_DEFAULT + ".")
            .queryString("before", "Only notices older than this notice id.")
            .summary(
                "The system chat \"Mini-program notifications\": the caller's notices, newest"
                    + " first, with the unread count.")
            .response(200, NoticeList.class)
            .errors(400),
        (ctx, caller) -> {
          int limit =
              Requests.queryInt(
                  ctx,
                  "limit",
                  MiniAppNoticeService.NOTICE_PAGE_ROWS_DEFAULT,
                  1,
                  MiniAppNoticeService.NOTICE_PAGE_ROWS_MAX);
          ctx.json(
              noticeList(service.notices(caller.accountId(), ctx.queryParam("before"), limit)));
        });
    api.authenticated(
        Operation.post(ME + "/read", "markMiniAppNoticesRead")
            .tag(TAG)
            .summary("Mark a notice and every older one read.")
            .request(ReadRequest.class)
            .response(200, ReadResponse.class)
            .errors(400, 422),
        (ctx, caller) -> markRead(ctx, caller));
  }

  private void markRead(Context ctx, Caller caller) {
    ReadRequest request = body(ctx, ReadRequest.class);
    ctx.json(new ReadResponse(service.markRead(caller.accountId(), request.upTo())));
  }

  private OptInList optIns(Caller caller) {
    String language = targets.languageOf(caller.accountId());
    Map<String, Optional<MiniApp>> apps = new HashMap<>();
    return new OptInList(
        service.optIns(caller.accountId()).stream()
            .map(
                view ->
                    new OptInResponse(
                        view.optIn().appId(),
                        apps.computeIfAbsent(view.optIn().appId(), service::app)
                            .map(MiniApp::name)
                            .orElse(null),
                        view.optIn().templateId(),
                        view.template().variantFor(language).title(),
                        view.optIn().credits(),
                        view.optIn().updatedAtMillis()))
            .toList());
  }

  private NoticeList noticeList(MiniAppNoticeService.Page page) {
    Map<String, Optional<MiniApp>> apps = new HashMap<>();
    return new NoticeList(
        page.notices().stream()
            .map(
                notice -> {
                  Optional<MiniApp> app = apps.computeIfAbsent(notice.appId(), service::app);
                  return new NoticeResponse(
                      notice.noticeId(),
                      notice.appId(),
                      app.map(MiniApp::name).orElse(null),
                      app.map(MiniApp::icon).orElse(null),
                      notice.title(),
                      notice.body(),
                      notice.path(),
                      notice.createdAtMillis(),
                      notice.readAtMillis() != null);
                })
            .toList(),
        page.unread());
  }
}
