package dev.atrium.miniapps;

import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.platform.security.SecretTokens;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MiniAppModels.CatalogueEntry;
import dev.atrium.sdk.MiniAppModels.Listing;
import dev.atrium.sdk.MiniAppModels.MiniApp;
import dev.atrium.sdk.MiniAppModels.ScopeRequest;
import dev.atrium.sdk.MiniAppsClient;
import dev.atrium.testing.TestServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mini-program registry: providers, the operator's review, the catalogue, app credentials. */
class MiniAppsIntegrationTest {
  static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
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
  void registering_showsTheSecretOnce_andWaitsForReview() {
    AtriumClient provider = server.newUserClient("provider");

    MiniApp registered = provider.miniApps().register(listing("Noodle Bar"));
    MiniApp read = provider.miniApps().get(registered.appId());

    assertThat(registered.appId()).matches("ma[a-z2-7]{16}");
    assertThat(registered.secret()).startsWith("mas_");
    assertThat(registered.status()).isEqualTo("pending_review");
    assertThat(registered.domains()).containsExactly("https://api.noodles.example");
    assertThat(registered.scopes())
        .containsExactly(new ScopeRequest("location", "To find the nearest shop."));
    assertThat(read.secret()).isNull();
    assertThat(read.webhookUrl()).isEqualTo("https://hooks.noodles.example/atrium");
    assertThat(provider.miniApps().mine().items())
        .extracting(MiniApp::appId)
        .containsExactly(registered.appId());
    assertThat(provider.miniApps().mine().items().getFirst().secret()).isNull();
  }

  @Test
  void badListings_areRefusedWith422NamingTheField() {
    AtriumClient provider = server.newUserClient("provider");
    Listing good = listing("Good");

    assertThat(field(provider, withDomains(good, List.of("http://api.example.com"))))
        .isEqualTo("domains");
    assertThat(field(provider, withDomains(good, List.of("http://localhost:8080"))))
        .isEqualTo("domains");
    assertThat(field(provider, withDomains(good, List.of("https://api.example.com/path"))))
        .isEqualTo("domains");
    assertThat(field(provider, withDomains(good, List.of("ftp://files.example.com"))))
        .isEqualTo("domains");
    assertThat(
            field(
                provider,
                withScopes(good, List.of(new ScopeRequest("contacts", "To invite friends.")))))
        .isEqualTo("scopes");
    assertThat(field(provider, withScopes(good, List.of(new ScopeRequest("profile", " ")))))
        .isEqualTo("scopes");
    assertThat(field(provider, withName(good, "x".repeat(41)))).isEqualTo("name");
    assertThat(field(provider, withCategory(good, "weapons"))).isEqualTo("category");
    assertThat(field(provider, withIcon(good, "https://example.com/icon.png"))).isEqualTo("icon");
    assertThat(field(provider, withIcon(good, "data:image/png;base64," + "A".repeat(20_000))))
        .isEqualTo("icon");
    assertThat(field(provider, withWebhook(good, "http://hooks.example.com/x")))
        .isEqualTo("webhookUrl");
    assertThat(provider.miniApps().mine().items()).isEmpty();
  }

  @Test
  void catalogue_showsOnlyApprovedApps_andNeverTheOwnerOrSecrets() {
    AtriumClient provider = server.newUserClient("provider");
    AtriumClient user = server.newUserClient("user");
    String marker = "Zq" + Long.toString(System.nanoTime(), 36);
    MiniApp pending = provider.miniApps().register(listing(marker + " pending"));
    MiniApp rejected = provider.miniApps().register(listing(marker + " rejected"));
    MiniApp approved = provider.miniApps().register(listing(marker + " approved"));
    MiniApp suspended = provider.miniApps().register(listing(marker + " suspended"));
    operator().miniApps().reject(rejected.appId(), "Describe what it does.");
    operator().miniApps().approve(approved.appId());
    operator().miniApps().approve(suspended.appId());
    operator().miniApps().suspend(suspended.appId(), "Fraud reports.");

    List<CatalogueEntry> found = user.miniApps().catalogue(marker, "food", 50).items();

    assertThat(found).extracting(CatalogueEntry::appId).containsExactly(approved.appId());
    assertThat(user.miniApps().catalogue(marker, "games", 50).items()).isEmpty();
    assertThat(user.miniApps().listing(approved.appId()).name()).isEqualTo(marker + " approved");
    for (MiniApp hidden : List.of(pending, rejected, suspended)) {
      assertThat(catchApi(() -> user.miniApps().listing(hidden.appId())).status()).isEqualTo(404);
    }
    String raw = user.raw("GET", "/api/v1/miniapps?q=" + marker, null, null).body();
    assertThat(raw).doesNotContain("webhook", "secret", "owner", "domains");
    assertThat(provider.miniApps().get(rejected.appId()).statusReason())
        .isEqualTo("Describe what it does.");
  }

  @Test
  void providerCredentials_workWhileApproved_andRotationKillsTheOldSecret() {
    AtriumClient provider = server.newUserClient("provider");
    MiniApp app = provider.miniApps().register(listing("Taxi"));

    AtriumApiException beforeApproval = catchApi(() -> asApp(app.credentials()).providerApp());
    operator().miniApps().approve(app.appId());
    MiniApp seen = asApp(app.credentials()).providerApp();
    MiniApp rotated = provider.miniApps().rotateSecret(app.appId());
    AtriumApiException oldSecret = catchApi(() -> asApp(app.credentials()).providerApp());
    MiniApp seenWithNew = asApp(rotated.credentials()).providerApp();

    assertThat(beforeApproval.status()).isEqualTo(403);
    assertThat(beforeApproval.code()).isEqualTo("miniapp_not_approved");
    assertThat(seen.appId()).isEqualTo(app.appId());
    assertThat(seen.status()).isEqualTo("approved");
    assertThat(rotated.secret()).isNotEqualTo(app.secret()).startsWith("mas_");
    assertThat(oldSecret.status()).isEqualTo(401);
    assertThat(oldSecret.code()).isEqualTo("miniapp_credentials_required");
    assertThat(seenWithNew.appId()).isEqualTo(app.appId());
    assertThat(catchApi(() -> asApp(app.appId() + ".mas_wrong").providerApp()).status())
        .isEqualTo(401);
    assertThat(catchApi(() -> asApp("garbage").providerApp()).status()).isEqualTo(401);
    assertThat(catchApi(() -> server.client().miniApps().providerApp()).status()).isEqualTo(401);
  }

  @Test
  void suspension_takesTheAppOfflineAtOnce_andResumeBringsItBack() {
    AtriumClient provider = server.newUserClient("provider");
    AtriumClient user = server.newUserClient("user");
    MiniApp app = provider.miniApps().register(listing("Clinic"));
    operator().miniApps().approve(app.appId());
    asApp(app.credentials()).providerApp();

    MiniApp suspended = operator().miniApps().suspend(app.appId(), "Under investigation.");
    AtriumApiException providerCall = catchApi(() -> asApp(app.credentials()).providerApp());
    int listingStatus = catchApi(() -> user.miniApps().listing(app.appId())).status();
    MiniApp resumed = operator().miniApps().resume(app.appId());

    assertThat(suspended.status()).isEqualTo("suspended");
    assertThat(suspended.statusReason()).isEqualTo("Under investigation.");
    assertThat(operator().miniApps().withStatus("approved").items())
        .extracting(MiniApp::appId)
        .contains(app.appId());
    assertThat(providerCall.status()).isEqualTo(403);
    assertThat(providerCall.code()).isEqualTo("miniapp_not_approved");
    assertThat(listingStatus).isEqualTo(404);
    assertThat(resumed.status()).isEqualTo("approved");
    assertThat(asApp(app.credentials()).providerApp().status()).isEqualTo("approved");
    assertThat(user.miniApps().listing(app.appId()).appId()).isEqualTo(app.appId());
    assertThat(catchApi(() -> operator().miniApps().resume(app.appId())).status()).isEqualTo(409);
    assertThat(catchApi(() -> operator().miniApps().suspend(app.appId(), " ")).status())
        .isEqualTo(400);
  }

  @Test
  void operatorRoutes_needTheOperatorToken() {
    AtriumClient provider = server.newUserClient("provider");
    MiniApp app = provider.miniApps().register(listing("Games"));

    assertThat(catchApi(() -> provider.miniApps().approve(app.appId())).status()).isEqualTo(401);
    assertThat(catchApi(() -> provider.miniApps().withStatus("pending_review")).status())
        .isEqualTo(401);
    assertThat(operator().miniApps().withStatus("pending_review").items())
        .extracting(MiniApp::appId)
        .contains(app.appId());
    assertThat(catchApi(() -> operator().miniApps().withStatus("bogus")).status()).isEqualTo(400);
  }

  @Test
  void changingScopesOrDomains_sendsAnApprovedAppBackToReview_otherEditsDoNot() {
    AtriumClient provider = server.newUserClient("provider");
    MiniApp app = provider.miniApps().register(listing("Travel"));
    operator().miniApps().approve(app.appId());

    MiniApp renamed =
        provider
            .miniApps()
            .edit(
                app.appId(), new Listing("Travel Plus", null, null, null, null, null, null, null));
    MiniApp newScopes =
        provider
            .miniApps()
            .edit(
                app.appId(),
                new Listing(
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of(new ScopeRequest("payment", "To pay for tickets.")),
                    null));

    assertThat(renamed.name()).isEqualTo("Travel Plus");
    assertThat(renamed.status()).isEqualTo("approved");
    assertThat(renamed.domains()).isEqualTo(app.domains());
    assertThat(newScopes.status()).isEqualTo("pending_review");
    assertThat(newScopes.scopes())
        .containsExactly(new ScopeRequest("payment", "To pay for tickets."));
  }

  @Test
  void anotherAccount_cannotReadEditOrRotateYourApp() {
    AtriumClient provider = server.newUserClient("provider");
    AtriumClient stranger = server.newUserClient("stranger");
    MiniApp app = provider.miniApps().register(listing("Private"));

    assertThat(catchApi(() -> stranger.miniApps().get(app.appId())).status()).isEqualTo(404);
    assertThat(
            catchApi(
                    () ->
                        stranger
                            .miniApps()
                            .edit(
                                app.appId(),
                                new Listing("Mine", null, null, null, null, null, null, null)))
                .status())
        .isEqualTo(404);
    assertThat(catchApi(() -> stranger.miniApps().rotateSecret(app.appId())).status())
        .isEqualTo(404);
    assertThat(provider.miniApps().get(app.appId()).name()).isEqualTo("Private");
  }

  private static String field(AtriumClient provider, Listing listing) {
    AtriumApiException refused = catchApi(() -> provider.miniApps().register(listing));
    assertThat(refused.status()).isEqualTo(422);
    return refused.field();
  }

  static Listing listing(String name) {
    return new Listing(
        name,
        "data:image/png;base64,iVBORw0KGgo=",
        "food",
        "Order noodles to your table.",
        List.of("en", "zh-Hans"),
        List.of("https://api.noodles.example"),
        List.of(new ScopeRequest("location", "To find the nearest shop.")),
        "https://hooks.noodles.example/atrium");
  }

  private static Listing withDomains(Listing l, List<String> domains) {
    return new Listing(
        l.name(),
        l.icon(),
        l.category(),
        l.description(),
        l.languages(),
        domains,
        l.scopes(),
        l.webhookUrl());
  }

  private static Listing withScopes(Listing l, List<ScopeRequest> scopes) {
    return new Listing(
        l.name(),
        l.icon(),
        l.category(),
        l.description(),
        l.languages(),
        l.domains(),
        scopes,
        l.webhookUrl());
  }

  private static Listing withName(Listing l, String name) {
    return new Listing(
        name,
        l.icon(),
        l.category(),
        l.description(),
        l.languages(),
        l.domains(),
        l.scopes(),
        l.webhookUrl());
  }

  private static Listing withCategory(Listing l, String category) {
    return new Listing(
        l.name(),
        l.icon(),
        category,
        l.description(),
        l.languages(),
        l.domains(),
        l.scopes(),
        l.webhookUrl());
  }

  private static Listing withIcon(Listing l, String icon) {
    return new Listing(
        l.name(),
        icon,
        l.category(),
        l.description(),
        l.languages(),
        l.domains(),
        l.scopes(),
        l.webhookUrl());
  }

  private static Listing withWebhook(Listing l, String webhookUrl) {
    return new Listing(
        l.name(),
        l.icon(),
        l.category(),
        l.description(),
        l.languages(),
        l.domains(),
        l.scopes(),
        webhookUrl);
  }

  private static MiniAppsClient asApp(String credentials) {
    return server.client().withToken(credentials).miniApps();
  }

  static AtriumClient operator() {
    return server.client().withToken(OPERATOR_TOKEN);
  }
}
