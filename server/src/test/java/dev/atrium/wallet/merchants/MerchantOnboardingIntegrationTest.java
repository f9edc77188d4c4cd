package dev.atrium.wallet.merchants;

import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.platform.security.SecretTokens;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.MerchantModels.ApiKey;
import dev.atrium.sdk.MerchantModels.Merchant;
import dev.atrium.sdk.MerchantModels.Order;
import dev.atrium.sdk.RawResponse;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.emvco.MerchantPresentedQr;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Merchants from application to point-of-sale keys and codes; no money moves here. */
class MerchantOnboardingIntegrationTest {
  static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
  private static TestServer server;

  @BeforeAll
  static void start() {
    server =
        TestServer.builder()
            .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN))
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void application_waitsForTheOperator_thenGetsKeysAndCodes() {
    AtriumClient owner = server.newUserClient("shop");
    Merchant applied = owner.merchants().apply("Café Zürich Bäckerei", "München", "5812");

    assertThat(applied.status()).isEqualTo("PENDING");
    assertThat(applied.name()).isEqualTo("Cafe Zurich Backerei");
    assertThat(applied.city()).isEqualTo("Munchen");
    assertThat(owner.merchants().mine().items())
        .extracting(Merchant::id)
        .containsExactly(applied.id());
    assertThat(catchApi(() -> owner.merchants().staticCode(applied.id())).code())
        .isEqualTo("merchant_not_approved");
    assertThat(catchApi(() -> owner.merchants().createApiKey(applied.id(), "till 1")).code())
        .isEqualTo("merchant_not_approved");
    assertThat(operator().merchants().withStatus("PENDING").items())
        .extracting(Merchant::id)
        .contains(applied.id());

    Merchant approved = operator().merchants().approve(applied.id());
    ApiKey key = owner.merchants().createApiKey(applied.id(), "till 1");
    MerchantPresentedQr code =
        MerchantPresentedQr.decode(owner.merchants().staticCode(applied.id()).payload());

    assertThat(approved.status()).isEqualTo("APPROVED");
    assertThat(operator().merchants().withStatus("APPROVED").items())
        .extracting(Merchant::id)
        .contains(applied.id());
    assertThat(key.key()).startsWith("mk_");
    assertThat(code.merchantId()).isEqualTo(applied.id());
    assertThat(code.pointOfInitiation()).isEqualTo(MerchantPresentedQr.PointOfInitiation.STATIC);
    assertThat(code.merchantName()).isEqualTo("Cafe Zurich Backerei");
    assertThat(code.merchantCategoryCode()).isEqualTo("5812");
    assertThat(code.countryCode()).isEqualTo("DE");
    assertThat(code.amountCents()).isNull();
    assertThat(
            new String(
                owner.merchants().staticCodeSvg(applied.id()).bytes(), StandardCharsets.UTF_8))
        .startsWith("<svg");
  }

  @Test
  void namesWithLettersBeyondAscii_areTransliteratedInTheQrCode_notCut() {
    String[][] cases = {
      {"Straßenverkäufer", "Köln", "Strassenverkaufer", "Koln"},
      {"Crêperie Œuvre Noël", "Besançon", "Creperie OEuvre Noel", "Besancon"},
      {"Łukasz Żółć Sklep", "Łódź", "Lukasz Zolc Sklep", "Lodz"},
      {"Řeznictví Šťastný", "Brno-Žabovřesky", "Reznictvi Stastny", "Brno-Zabovresky"},
      {"Ærø Smørrebrød", "Tórshavn", "AEro Smorrebrod", "Torshavn"}
    };
    for (String[] names : cases) {
      AtriumClient owner = server.newUserClient("shop");
      Merchant applied = owner.merchants().apply(names[0], names[1], "5812");
      operator().merchants().approve(applied.id());

      MerchantPresentedQr code =
          MerchantPresentedQr.decode(owner.merchants().staticCode(applied.id()).payload());

      assertThat(applied.name()).isEqualTo(names[2]);
      assertThat(code.merchantName()).isEqualTo(names[2]);
      assertThat(code.merchantCity()).isEqualTo(names[3]);
    }
  }

  @Test
  void chineseName_needsTheMerchantsLatinName_whichTheQrCodeCarries() {
    AtriumClient owner = server.newUserClient("shop");

    RawResponse withoutLatin =
        apply(owner, "{\"name\":\"老王面馆\",\"city\":\"Berlin\",\"categoryCode\":\"5812\"}");
    RawResponse mixed =
        apply(owner, "{\"name\":\"老王 Noodles\",\"city\":\"Berlin\",\"categoryCode\":\"5812\"}");
    RawResponse cityWithoutLatin =
        apply(
            owner,
            "{\"name\":\"老王面馆\",\"latinName\":\"Lao Wang Noodles\",\"city\":\"北京\",\"categoryCode\":\"5812\"}");
    RawResponse applied =
        apply(
            owner,
            "{\"name\":\"老王面馆\",\"latinName\":\"Lao Wang Noodles\",\"city\":\"北京\","
                + "\"latinCity\":\"Beijing\",\"categoryCode\":\"5812\"}");

    assertThat(withoutLatin.status()).isEqualTo(422);
    assertThat(withoutLatin.json().path("error").path("field").asText()).isEqualTo("name");
    assertThat(withoutLatin.json().path("error").path("message").asText()).contains("latinName");
    assertThat(mixed.status()).isEqualTo(422);
    assertThat(cityWithoutLatin.json().path("error").path("field").asText()).isEqualTo("city");
    assertThat(applied.status()).isEqualTo(201);
    String id = applied.json().path("id").asText();
    operator().merchants().approve(id);
    MerchantPresentedQr code =
        MerchantPresentedQr.decode(owner.merchants().staticCode(id).payload());
    assertThat(code.merchantName()).isEqualTo("Lao Wang Noodles");
    assertThat(code.merchantCity()).isEqualTo("Beijing");
  }

  private static RawResponse apply(AtriumClient owner, String json) {
    return owner.raw(
        "POST", "/api/v1/merchants", "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pointOfSale_createsSingleUseDynamicOrders_withItsKeyOnly() {
    AtriumClient owner = server.newUserClient("till");
    Merchant merchant = approvedMerchant(owner);
    ApiKey key = owner.merchants().createApiKey(merchant.id(), null);
    AtriumClient till = server.client().withToken(key.key());

    Order order = till.merchants().createOrder("ord-1001", 850, "INV-1001");
    MerchantPresentedQr code = MerchantPresentedQr.decode(order.qrPayload());

    assertThat(order.status()).isEqualTo("OPEN");
    assertThat(code.pointOfInitiation()).isEqualTo(MerchantPresentedQr.PointOfInitiation.DYNAMIC);
    assertThat(code.amountCents()).isEqualTo(850L);
    assertThat(code.orderReference()).isEqualTo("ord-1001");
    assertThat(code.billNumber()).isEqualTo("INV-1001");
    assertThat(till.merchants().order("ord-1001")).isEqualTo(order);
    assertThat(catchApi(() -> till.merchants().createOrder("ord-1001", 100, null)).code())
        .isEqualTo("order_exists");
    assertThat(catchApi(() -> till.merchants().createOrder("bad ref!", 100, null)).code())
        .isEqualTo("validation_failed");
    assertThat(catchApi(() -> till.merchants().createOrder("ord-0", 0, null)).status())
        .isEqualTo(422);
    assertThat(catchApi(() -> till.merchants().order("missing")).code())
        .isEqualTo("order_not_found");

    owner.merchants().revokeApiKey(merchant.id(), key.id());

    assertThat(catchApi(() -> till.merchants().order("ord-1001")).code())
        .isEqualTo("merchant_key_required");
    assertThat(catchApi(() -> owner.merchants().revokeApiKey(merchant.id(), key.id())).status())
        .isEqualTo(404);
  }

  @Test
  void suspendedMerchant_losesItsKeysAndCodes() {
    AtriumClient owner = server.newUserClient("gone");
    Merchant merchant = approvedMerchant(owner);
    AtriumClient till =
        server.client().withToken(owner.merchants().createApiKey(merchant.id(), "x").key());

    operator().merchants().suspend(merchant.id());

    assertThat(catchApi(() -> till.merchants().createOrder("o1", 100, null)).code())
        .isEqualTo("merchant_not_approved");
    assertThat(catchApi(() -> owner.merchants().staticCode(merchant.id())).code())
        .isEqualTo("merchant_not_approved");
  }

  @Test
  void othersMerchants_badInput_andMissingTokens_areRefused() {
    AtriumClient owner = server.newUserClient("mine");
    AtriumClient stranger = server.newUserClient("stranger");
    Merchant merchant = approvedMerchant(owner);

    assertThat(catchApi(() -> stranger.merchants().createApiKey(merchant.id(), null)).code())
        .isEqualTo("merchant_not_found");
    assertThat(catchApi(() -> stranger.merchants().staticCode(merchant.id())).status())
        .isEqualTo(404);
    assertThat(catchApi(() -> owner.merchants().apply("Shop", "Berlin", "58")).field())
        .isEqualTo("categoryCode");
    assertThat(catchApi(() -> owner.merchants().apply("田中", "Berlin", "5812")).field())
        .isEqualTo("name");
    assertThat(catchApi(() -> owner.merchants().apply(null, "Berlin", "5812")).code())
        .isEqualTo("missing_field");
    assertThat(catchApi(() -> owner.merchants().withStatus("PENDING")).code())
        .isEqualTo("operator_token_required");
    assertThat(catchApi(() -> owner.merchants().approve(merchant.id())).status()).isEqualTo(401);
    assertThat(catchApi(() -> operator().merchants().approve("m_missing")).code())
        .isEqualTo("merchant_not_found");
    assertThat(catchApi(() -> operator().merchants().withStatus("LATE")).code())
        .isEqualTo("invalid_parameter");
    assertThat(catchApi(() -> server.client().merchants().createOrder("o", 1, null)).code())
        .isEqualTo("merchant_key_required");
    assertThat(
            catchApi(() -> server.client().withToken("mk_forged").merchants().payments(10, null))
                .status())
        .isEqualTo(401);
  }

  private static Merchant approvedMerchant(AtriumClient owner) {
    Merchant merchant = owner.merchants().apply("Kiosk am Eck", "Berlin", "5499");
    return operator().merchants().approve(merchant.id());
  }

  static AtriumClient operator() {
    return server.client().withToken(OPERATOR_TOKEN);
  }
}
