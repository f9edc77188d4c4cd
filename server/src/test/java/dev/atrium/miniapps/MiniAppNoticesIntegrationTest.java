package dev.atrium.miniapps;

import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.platform.security.SecretTokens;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.DeviceSocket;
import dev.atrium.sdk.MiniAppModels.Listing;
import dev.atrium.sdk.MiniAppModels.MiniApp;
import dev.atrium.sdk.MiniAppModels.ScopeRequest;
import dev.atrium.sdk.MiniAppNoticeModels.Notice;
import dev.atrium.sdk.MiniAppNoticeModels.NoticeList;
import dev.atrium.sdk.MiniAppNoticeModels.Send;
import dev.atrium.sdk.MiniAppNoticeModels.Template;
import dev.atrium.sdk.MiniAppNoticeModels.TemplateRequest;
import dev.atrium.sdk.MiniAppNoticeModels.Variant;
import dev.atrium.sdk.MiniAppNoticesClient;
import dev.atrium.sdk.Models.Session;
import dev.atrium.sdk.SocketEvent;
import dev.atrium.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Mini-program notifications through the real server: templates, one-time opt-ins, sending with the
 * app's credentials, the notices chat in the user's language, the live frame, account data.
 */
class MiniAppNoticesIntegrationTest {
  private static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN))
            // The listings' *.example webhook hosts resolve nowhere; the URL policy's own
            // refusals are proven in MiniAppWebhookWiringIntegrationTest.
            .set("ATRIUM_MINIAPPS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void templates_areCheckedAndBounded() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = liveApp(owner);
    MiniAppNoticesClient notices = owner.miniAppNotices();

    Template created = notices.createTemplate(app.appId(), orderReady());

    assertThat(created.templateId()).startsWith("mt_");
    assertThat(created.placeholders()).containsExactly("dish", "table");
    assertThat(notices.templates(app.appId()).items())
        .extracting(Template::templateId)
        .containsExactly(created.templateId());
    assertThat(refusedField(notices, app, template("weekly", "Hi", "Body"))).isEqualTo("kind");
    assertThat(refusedField(notices, app, template("one_time", "x".repeat(41), "Body")))
        .isEqualTo("title");
    assertThat(refusedField(notices, app, template("one_time", "Hi", "x".repeat(201))))
        .isEqualTo("body");
    assertThat(refusedField(notices, app, template("one_time", "Hi", "{{broken")))
        .isEqualTo("body");
    String nine = "{{a}}{{b}}{{c}}{{d}}{{e}}{{f}}{{g}}{{h}}{{i}}";
    assertThat(refusedField(notices, app, template("one_time", "Hi", nine))).isEqualTo("variants");
    assertThat(
            refusedField(
                notices,
                app,
                new TemplateRequest(
                    "one_time", List.of(new Variant("en", "A", "B"), new Variant("en", "C", "D")))))
        .isEqualTo("variants");
    AtriumClient stranger = server.newUserClient("stranger");
    assertThat(
            catchApi(() -> stranger.miniAppNotices().createTemplate(app.appId(), orderReady()))
                .status())
        .isEqualTo(404);
    for (int i = 1; i < MiniAppNoticeService.TEMPLATES_PER_APP_MAX; i++) {
      notices.createTemplate(app.appId(), orderReady());
    }
    AtriumApiException full = catchApi(() -> notices.createTemplate(app.appId(), orderReady()));
    assertThat(full.code()).isEqualTo("notice_template_limit_reached");
    notices.deleteTemplate(app.appId(), created.templateId());
    assertThat(notices.templates(app.appId()).items()).hasSize(19);
  }

  @Test
  void oneOptIn_allowsExactlyOneNotice() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = liveApp(owner);
    Template template = owner.miniAppNotices().createTemplate(app.appId(), orderReady());
    Session user = server.newUser("user");
    AtriumClient userClient = server.client().as(user);
    String openId = openIdOf(user, app);
    Send send = new Send(openId, template.templateId(), values("Ramen", "7"), "pages/order?id=7");

    AtriumApiException before = catchApi(() -> asApp(app).send(send));
    userClient.miniAppNotices().optIn(app.appId(), List.of(template.templateId()));
    assertThat(userClient.miniAppNotices().optIns().items()).hasSize(1);
    String noticeId = asApp(app).send(send).noticeId();
    AtriumApiException second = catchApi(() -> asApp(app).send(send));

    assertThat(before.status()).isEqualTo(409);
    assertThat(before.code()).isEqualTo("no_opt_in");
    assertThat(noticeId).startsWith("mn_");
    assertThat(second.code()).isEqualTo("no_opt_in");
    assertThat(userClient.miniAppNotices().optIns().items()).isEmpty();
    NoticeList list = userClient.miniAppNotices().notices(20, null);
    assertThat(list.unread()).isEqualTo(1);
    Notice notice = list.items().getFirst();
    assertThat(notice.appName()).isEqualTo(app.name());
    assertThat(notice.appIcon()).startsWith("data:image/png");
    assertThat(notice.title()).isEqualTo("Your order is ready");
    assertThat(notice.body()).isEqualTo("Ramen is waiting at table 7.");
    assertThat(notice.path()).isEqualTo("pages/order?id=7");
    assertThat(userClient.miniAppNotices().markRead(noticeId)).isZero();
    assertThat(userClient.miniAppNotices().notices(20, null).items().getFirst().read()).isTrue();
  }

  @Test
  void notice_isInTheUsersLanguage_withPlaceholdersAsPlainText() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = liveApp(owner);
    Template template = owner.miniAppNotices().createTemplate(app.appId(), orderReady());
    Session user = server.newUser("user");
    AtriumClient userClient = server.client().as(user);
    userClient.updateProfile(null, "de");
    userClient.miniAppNotices().optIn(app.appId(), List.of(template.templateId()));

    asApp(app)
        .send(
            new Send(
                openIdOf(user, app),
                template.templateId(),
                values("<b>Ramen</b><script>x()</script>", "{{table}}"),
                null));

    Notice notice = userClient.miniAppNotices().notices(20, null).items().getFirst();
    assertThat(notice.title()).isEqualTo("Deine Bestellung ist fertig");
    assertThat(notice.body())
        .isEqualTo("<b>Ramen</b><script>x()</script> wartet an Tisch {{table}}.");
    assertThat(notice.path()).isNull();
  }

  @Test
  void badValues_areRefusedAndSpendNoCredit() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = liveApp(owner);
    Template template = owner.miniAppNotices().createTemplate(app.appId(), orderReady());
    Session user = server.newUser("user");
    server.client().as(user).miniAppNotices().optIn(app.appId(), List.of(template.templateId()));
    String openId = openIdOf(user, app);

    AtriumApiException missing =
        catchApi(
            () ->
                asApp(app)
                    .send(new Send(openId, template.templateId(), Map.of("dish", "Tea"), null)));
    AtriumApiException tooLong =
        catchApi(
            () ->
                asApp(app)
                    .send(
                        new Send(
                            openId, template.templateId(), values("x".repeat(65), "1"), null)));
    AtriumApiException otherPath =
        catchApi(
            () ->
                asApp(app)
                    .send(
                        new Send(
                            openId,
                            template.templateId(),
                            values("Tea", "1"),
                            "https://evil.example/")));

    assertThat(List.of(missing.field(), tooLong.field(), otherPath.field()))
        .containsExactly("data", "data", "path");
    assertThat(server.client().as(user).miniAppNotices().optIns().items().getFirst().credits())
        .isEqualTo(1);
  }

  @Test
  void notices_arePagedNewestFirst() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = liveApp(owner);
    Template template = owner.miniAppNotices().createTemplate(app.appId(), orderReady());
    Session user = server.newUser("user");
    AtriumClient userClient = server.client().as(user);
    userClient.miniAppNotices().optIn(app.appId(), List.of(template.templateId()));
    userClient.miniAppNotices().optIn(app.appId(), List.of(template.templateId()));
    String openId = openIdOf(user, app);
    String older =
        asApp(app).send(new Send(openId, template.templateId(), values("A", "1"), null)).noticeId();
    String newer =
        asApp(app).send(new Send(openId, template.templateId(), values("B", "2"), null)).noticeId();

    NoticeList first = userClient.miniAppNotices().notices(1, null);
    NoticeList second = userClient.miniAppNotices().notices(1, first.items().getFirst().noticeId());
    // Two sends may share a millisecond; the order is then the ids', so only the pages are fixed.
    long unreadAfterSecondPage =
        userClient.miniAppNotices().markRead(second.items().getFirst().noticeId());

    assertThat(first.items()).hasSize(1);
    assertThat(second.items()).hasSize(1);
    assertThat(List.of(first.items().getFirst().noticeId(), second.items().getFirst().noticeId()))
        .containsExactlyInAnyOrder(older, newer);
    assertThat(first.items().getFirst().createdAt())
        .isGreaterThanOrEqualTo(second.items().getFirst().createdAt());
    assertThat(first.unread()).isEqualTo(2);
    assertThat(unreadAfterSecondPage).isEqualTo(1);
    assertThat(catchApi(() -> userClient.miniAppNotices().notices(1, "mn_unknown")).status())
        .isEqualTo(400);
  }

  @Test
  void anotherApp_cannotSendToThisAppsUser() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = liveApp(owner);
    MiniApp other = liveApp(owner);
    Template template = owner.miniAppNotices().createTemplate(app.appId(), orderReady());
    Template otherTemplate = owner.miniAppNotices().createTemplate(other.appId(), orderReady());
    Session user = server.newUser("user");
    server.client().as(user).miniAppNotices().optIn(app.appId(), List.of(template.templateId()));
    server
        .client()
        .as(user)
        .miniAppNotices()
        .optIn(other.appId(), List.of(otherTemplate.templateId()));
    String openId = openIdOf(user, app);

    AtriumApiException withOwnTemplate =
        catchApi(
            () ->
                asApp(other)
                    .send(new Send(openId, otherTemplate.templateId(), values("A", "1"), null)));
    AtriumApiException withTheirTemplate =
        catchApi(
            () ->
                asApp(other).send(new Send(openId, template.templateId(), values("A", "1"), null)));
    AtriumApiException optInElsewhere =
        catchApi(
            () ->
                server
                    .client()
                    .as(user)
                    .miniAppNotices()
                    .optIn(other.appId(), List.of(template.templateId())));

    assertThat(withOwnTemplate.code()).isEqualTo("no_opt_in");
    assertThat(withTheirTemplate.code()).isEqualTo("notice_template_not_found");
    assertThat(optInElsewhere.status()).isEqualTo(404);
    assertThat(server.client().as(user).miniAppNotices().notices(20, null).items()).isEmpty();
  }

  @Test
  void sendingTooFast_isRateLimitedPerApp() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = liveApp(owner);
    Template template = owner.miniAppNotices().createTemplate(app.appId(), orderReady());
    Send send = new Send("ou_nobody", template.templateId(), values("A", "1"), null);

    AtriumApiException limited = null;
    for (int i = 0; i < 200 && limited == null; i++) {
      AtriumApiException refused = catchApi(() -> asApp(app).send(send));
      if (refused.status() == 429) {
        limited = refused;
      } else {
        assertThat(refused.code()).isEqualTo("no_opt_in");
      }
    }

    assertThat(limited).isNotNull();
    assertThat(limited.code()).isEqualTo("rate_limited");
  }

  @Test
  void notice_arrivesLiveOnAConnectedDevice() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = liveApp(owner);
    Template template = owner.miniAppNotices().createTemplate(app.appId(), orderReady());
    Session user = server.newUser("user");
    AtriumClient userClient = server.client().as(user);
    userClient.miniAppNotices().optIn(app.appId(), List.of(template.templateId()));

    try (DeviceSocket socket = userClient.openSocket()) {
      assertThat(socket.nextEvent(SocketEvent.Ready.class, WAIT)).isNotNull();
      String noticeId =
          asApp(app)
              .send(new Send(openIdOf(user, app), template.templateId(), values("Tea", "2"), null))
              .noticeId();

      SocketEvent.MiniAppNotice frame = socket.nextEvent(SocketEvent.MiniAppNotice.class, WAIT);

      assertThat(frame.noticeId()).isEqualTo(noticeId);
      assertThat(frame.appId()).isEqualTo(app.appId());
      assertThat(frame.appName()).isEqualTo(app.name());
      assertThat(frame.body()).isEqualTo("Tea is waiting at table 2.");
    }
  }

  @Test
  void export_listsNoticesAndOptIns_andDeletionRemovesThem() {
    AtriumClient owner = server.newUserClient("provider");
    MiniApp app = liveApp(owner);
    Template first = owner.miniAppNotices().createTemplate(app.appId(), orderReady());
    Template second = owner.miniAppNotices().createTemplate(app.appId(), orderReady());
    Session user = server.newUser("user");
    AtriumClient userClient = server.client().as(user);
    userClient
        .miniAppNotices()
        .optIn(app.appId(), List.of(first.templateId(), second.templateId()));
    asApp(app).send(new Send(openIdOf(user, app), first.templateId(), values("Tea", "2"), null));

    var section = userClient.export().sections().get("miniappNotices");
    assertThat(section.path("notices")).hasSize(1);
    assertThat(section.path("notices").get(0).path("body").asText())
        .isEqualTo("Tea is waiting at table 2.");
    assertThat(section.path("optIns")).hasSize(1);
    assertThat(section.path("optIns").get(0).path("templateId").asText())
        .isEqualTo(second.templateId());
    userClient.miniAppNotices().withdraw(second.templateId());
    assertThat(userClient.miniAppNotices().optIns().items()).isEmpty();
    userClient.miniAppNotices().optIn(app.appId(), List.of(second.templateId()));

    userClient.deleteAccount(TestServer.PASSWORD);

    long rows =
        server
            .atrium()
            .database()
            .read(
                handle ->
                    handle.queryLong(
                            "SELECT COUNT(*) FROM miniapp_notices WHERE account_id = ?",
                            user.account().id())
                        + handle.queryLong(
                            "SELECT COUNT(*) FROM miniapp_notice_opt_ins WHERE account_id = ?",
                            user.account().id()));
    assertThat(rows).isZero();
  }

  /** How an app learns a user's openId: a one-tap login code, exchanged by its server. */
  private static String openIdOf(Session user, MiniApp app) {
    String code = server.client().as(user).miniAppUsers().login(app.appId()).code();
    return server.client().miniAppProvider(app.credentials()).exchange(code).openId();
  }

  private static MiniApp liveApp(AtriumClient owner) {
    MiniApp app =
        owner
            .miniApps()
            .register(
                new Listing(
                    "Noodle Bar " + System.nanoTime() % 100_000,
                    "data:image/png;base64,iVBORw0KGgo=",
                    "food",
                    "Order noodles to your table.",
                    List.of("en", "de"),
                    List.of("https://api.noodles.example"),
                    List.of(new ScopeRequest("notifications", "To tell you when food is ready.")),
                    "https://hooks.noodles.example/atrium"));
    server.client().withToken(OPERATOR_TOKEN).miniApps().approve(app.appId());
    return app;
  }

  private static MiniAppNoticesClient asApp(MiniApp app) {
    return server.client().withToken(app.credentials()).miniAppNotices();
  }

  private static TemplateRequest orderReady() {
    return new TemplateRequest(
        "one_time",
        List.of(
            new Variant("en", "Your order is ready", "{{dish}} is waiting at table {{table}}."),
            new Variant(
                "de", "Deine Bestellung ist fertig", "{{dish}} wartet an Tisch {{ table }}.")));
  }

  private static TemplateRequest template(String kind, String title, String body) {
    return new TemplateRequest(kind, List.of(new Variant("en", title, body)));
  }

  private static Map<String, String> values(String dish, String table) {
    return Map.of("dish", dish, "table", table);
  }

  private static String refusedField(
      MiniAppNoticesClient notices, MiniApp app, TemplateRequest request) {
    AtriumApiException refused = catchApi(() -> notices.createTemplate(app.appId(), request));
    assertThat(refused.status()).isEqualTo(422);
    return refused.field();
  }
}
