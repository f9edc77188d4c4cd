package dev.atrium.wallet.sepa;

import static dev.atrium.testing.ApiCalls.catchApi;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.platform.security.SecretTokens;
import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.ContactModels.Image;
import dev.atrium.sdk.SepaModels.ImportReport;
import dev.atrium.sdk.SepaModels.TopUpInstructions;
import dev.atrium.testing.TestPushService;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bank top-ups end to end: instructions and EPC QR codes, then camt.053 imports that credit exactly
 * once.
 */
class SepaTopUpIntegrationTest {
  static final String OPERATOR_TOKEN = "op_" + SecretTokens.randomUrlSafe(32);
  private static TestServer server;

  private static TestPushService pushService;

  @BeforeAll
  static void start() {
    pushService = TestPushService.start();
    server =
        withBank(TestServer.builder()).set("ATRIUM_PUSH_ALLOW_LOCAL_ENDPOINTS", "true").start();
  }

  @AfterAll
  static void stop() {
    server.close();
    pushService.close();
  }

  static TestServer.Builder withBank(TestServer.Builder builder) {
    return builder
        .set("ATRIUM_SEPA_OPERATOR_NAME", "Atrium Operator GmbH")
        .set("ATRIUM_SEPA_OPERATOR_IBAN", "DE02 1203 0000 0000 2020 51")
        .set("ATRIUM_SEPA_OPERATOR_BIC", "BYLADEM1001")
        .set("ATRIUM_ADMIN_TOKEN_SHA256", SecretTokens.sha256Hex(OPERATOR_TOKEN));
  }

  @Test
  void instructions_nameTheOperatorAccountAndAStableReferencePerPerson() {
    AtriumClient anna = server.newUserClient("anna");
    AtriumClient ben = server.newUserClient("ben");

    TopUpInstructions first = anna.sepa().topUpInstructions(null);
    TopUpInstructions again = anna.sepa().topUpInstructions(2_500L);
    TopUpInstructions other = ben.sepa().topUpInstructions(null);

    assertThat(first.iban()).isEqualTo("DE02120300000000202051");
    assertThat(first.bic()).isEqualTo("BYLADEM1001");
    assertThat(first.beneficiaryName()).isEqualTo("Atrium Operator GmbH");
    assertThat(CreditorReference.parse(first.reference())).isPresent();
    assertThat(first.reference())
        .hasSize(20)
        .isEqualTo(again.reference())
        .isNotEqualTo(other.reference());
    assertThat(first.epcQrPayload())
        .isEqualTo(
            String.join(
                "\n",
                "BCD",
                "002",
                "1",
                "SCT",
                "BYLADEM1001",
                "Atrium Operator GmbH",
                "DE02120300000000202051",
                "",
                "",
                first.reference()));
    assertThat(again.amountCents()).isEqualTo(2_500L);
    assertThat(again.epcQrPayload()).contains("\nEUR25\n");
  }

  @Test
  void aCreditedTopUp_wakesThePersonsDevices_sayingOnlyPayment() throws Exception {
    AtriumClient anna = server.newUserClient("woken");
    AtriumClient ben = server.newUserClient("woken");
    TestPushService.Subscription annaPush = pushService.subscribe();
    var subscribed =
        anna.raw(
            "PUT",
            "/api/v1/devices/current/push-subscription",
            "application/json",
            ("{\"endpoint\":\""
                    + annaPush.endpoint()
                    + "\",\"keys\":{\"p256dh\":\""
                    + annaPush.p256dh()
                    + "\",\"auth\":\""
                    + annaPush.auth()
                    + "\"}}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(200);

    operator()
        .sepa()
        .importCamt053(
            statementFor(
                anna.sepa().topUpInstructions(null).reference(),
                ben.sepa().topUpInstructions(null).reference(),
                "W1"));

    TestPushService.Received push = pushService.next(java.time.Duration.ofSeconds(10));
    assertThat(push).as("a push reached anna's device").isNotNull();
    assertThat(push.endpoint()).isEqualTo(annaPush.endpoint());
    assertThat(push.vapidProblem()).isNull();
    assertThat(push.plaintext()).isEqualTo("{\"v\":1,\"reason\":\"payment\"}");
  }

  @Test
  void qrCodes_comeAsSvgAndPng() {
    AtriumClient anna = server.newUserClient("qr");

    Image svg = anna.sepa().topUpQrSvg(1_000L);
    Image png = anna.sepa().topUpQrPng(null);

    assertThat(svg.contentType()).startsWith("image/svg+xml");
    assertThat(new String(svg.bytes(), StandardCharsets.UTF_8)).startsWith("<svg");
    assertThat(png.contentType()).isEqualTo("image/png");
    assertThat(png.bytes()).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void badAmountsAndMissingSession_areRefused() {
    AtriumClient anna = server.newUserClient("bad");

    assertThat(catchApi(() -> anna.sepa().topUpInstructions(0L)).code())
        .isEqualTo("invalid_parameter");
    assertThat(anna.raw("GET", "/api/v1/wallet/top-up?amountCents=ten", null, null).status())
        .isEqualTo(400);
    assertThat(anna.raw("GET", "/api/v1/wallet/top-up/qr.svg?size=5", null, null).status())
        .isEqualTo(400);
    assertThat(catchApi(() -> server.client().sepa().topUpInstructions(null)).status())
        .isEqualTo(401);
  }

  @Test
  void statementImport_creditsMatchingEntriesOnce_andReportsTheRest() throws IOException {
    AtriumClient anna = server.newUserClient("payer");
    AtriumClient ben = server.newUserClient("payer");
    String annaReference = anna.sepa().topUpInstructions(null).reference();
    String benReference = ben.sepa().topUpInstructions(null).reference();
    byte[] statement = statementFor(annaReference, benReference, "A1");
    Ledger ledger = server.atrium().wallet().ledger();

    ImportReport first = operator().sepa().importCamt053(statement);
    ImportReport second = operator().sepa().importCamt053(statement);

    assertThat(first.credited()).extracting(c -> c.amountCents()).containsExactly(5_000L, 1_234L);
    assertThat(first.credited())
        .extracting(c -> c.accountId())
        .containsExactly(anna.me().id(), ben.me().id());
    assertThat(first.alreadyImported()).isEmpty();
    assertThat(first.unmatched())
        .extracting(u -> u.reason())
        .containsExactly("no Atrium reference", "not in euros", "not booked yet");
    assertThat(first.unmatched().get(0).remittance()).isEqualTo("Rechnung 4711 vom 20.11.2026");
    assertThat(first.unmatched().get(0).debtorName()).isEqualTo("Max Muster");
    assertThat(first.unmatched().get(1).currency()).isEqualTo("USD");
    assertThat(first.debitsSkipped()).isEqualTo(1);
    assertThat(second.credited()).isEmpty();
    assertThat(second.alreadyImported())
        .extracting(c -> c.postingId())
        .containsExactlyElementsOf(first.credited().stream().map(c -> c.postingId()).toList());
    assertThat(ledger.balanceCents(AccountId.user(anna.me().id()))).isEqualTo(5_000);
    assertThat(ledger.balanceCents(AccountId.user(ben.me().id()))).isEqualTo(1_234);
    assertThat(ledger.check().isBalanced()).isTrue();
  }

  @Test
  void sameStatementImportedFourTimesAtOnce_creditsEachEntryOnce() throws Exception {
    AtriumClient anna = server.newUserClient("race");
    AtriumClient ben = server.newUserClient("race");
    byte[] statement =
        statementFor(
            anna.sepa().topUpInstructions(null).reference(),
            ben.sepa().topUpInstructions(null).reference(),
            "R1");
    List<Future<ImportReport>> imports = new ArrayList<>();

    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < 4; i++) {
        imports.add(threads.submit(() -> operator().sepa().importCamt053(statement)));
      }
    }

    int credited = 0;
    int earlier = 0;
    for (Future<ImportReport> report : imports) {
      credited += report.get().credited().size();
      earlier += report.get().alreadyImported().size();
    }
    assertThat(credited).isEqualTo(2);
    assertThat(earlier).isEqualTo(6);
    Ledger ledger = server.atrium().wallet().ledger();
    assertThat(ledger.balanceCents(AccountId.user(anna.me().id()))).isEqualTo(5_000);
    assertThat(ledger.balanceCents(AccountId.user(ben.me().id()))).isEqualTo(1_234);
    assertThat(ledger.check().isBalanced()).isTrue();
  }

  @Test
  void validReferenceOfNobody_isReportedAndTheNextStatementStillCredits() throws IOException {
    AtriumClient anna = server.newUserClient("second");
    String annaReference = anna.sepa().topUpInstructions(null).reference();
    String nobody = CreditorReference.of("NOBODY2345678923").value();

    ImportReport report =
        operator().sepa().importCamt053(statementFor(nobody, annaReference, "B1"));

    assertThat(report.unmatched().getFirst().reason()).isEqualTo("unknown reference");
    assertThat(report.unmatched().getFirst().remittance()).isEqualTo(nobody);
    assertThat(report.credited())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.accountId()).isEqualTo(anna.me().id());
              assertThat(c.bankReference()).isEqualTo("B1-2026112200001235");
            });
    assertThat(server.atrium().wallet().ledger().balanceCents(AccountId.user(anna.me().id())))
        .isEqualTo(1_234);
  }

  @Test
  void hostileOrBrokenStatements_areRefusedWithoutCrediting() {
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE Document [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt/></Document>
        """;

    var refused =
        catchApi(() -> operator().sepa().importCamt053(xxe.getBytes(StandardCharsets.UTF_8)));
    var notXml =
        catchApi(() -> operator().sepa().importCamt053("hello".getBytes(StandardCharsets.UTF_8)));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("invalid_statement");
    assertThat(refused.getMessage()).contains("DOCTYPE");
    assertThat(notXml.code()).isEqualTo("invalid_statement");
  }

  @Test
  void adminRoutes_needTheOperatorToken() {
    byte[] empty = "<x/>".getBytes(StandardCharsets.UTF_8);
    AtriumClient user = server.newUserClient("sneaky");
    AtriumClient wrong = server.client().withToken("op_wrong");

    assertThat(catchApi(() -> server.client().sepa().importCamt053(empty)).code())
        .isEqualTo("operator_token_required");
    assertThat(catchApi(() -> user.sepa().importCamt053(empty)).status()).isEqualTo(401);
    assertThat(catchApi(() -> wrong.sepa().exportPain001()).code())
        .isEqualTo("operator_token_required");
    assertThat(catchApi(() -> wrong.sepa().markWithdrawalPaid("wd_x")).status()).isEqualTo(401);
    assertThat(catchApi(() -> wrong.sepa().markWithdrawalFailed("wd_x")).status()).isEqualTo(401);
  }

  @Test
  void statementForAnotherAccount_isRefusedAndNothingIsCredited() throws IOException {
    AtriumClient anna = server.newUserClient("payer");
    AtriumClient ben = server.newUserClient("payer");
    String annaReference = anna.sepa().topUpInstructions(null).reference();
    String benReference = ben.sepa().topUpInstructions(null).reference();
    byte[] genuine = statementFor(annaReference, benReference, "X1");
    byte[] foreign =
        new String(genuine, StandardCharsets.UTF_8)
            .replace(
                "<IBAN>DE02120300000000202051</IBAN>", "<IBAN>FR1420041010050500013M02606</IBAN>")
            .getBytes(StandardCharsets.UTF_8);
    byte[] withoutIban =
        new String(genuine, StandardCharsets.UTF_8)
            .replace("<IBAN>DE02120300000000202051</IBAN>", "<Othr><Id>12345</Id></Othr>")
            .getBytes(StandardCharsets.UTF_8);

    var refused = catchApi(() -> operator().sepa().importCamt053(foreign));
    var unnamed = catchApi(() -> operator().sepa().importCamt053(withoutIban));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.code()).isEqualTo("statement_account_mismatch");
    assertThat(refused.getMessage())
        .contains("FR1420041010050500013M02606", "nothing was imported");
    assertThat(unnamed.code()).isEqualTo("statement_account_mismatch");
    assertThat(anna.wallet().get().balanceCents()).isZero();
    assertThat(ben.wallet().get().balanceCents()).isZero();
    assertThat(operator().sepa().importCamt053(genuine).credited()).hasSize(2);
    assertThat(anna.wallet().get().balanceCents()).isEqualTo(5_000);
  }

  @Test
  void withoutABankAccountConfigured_topUpsAreOffAndTheAdminApiClosed() {
    try (TestServer plain = TestServer.start()) {
      AtriumClient user = plain.newUserClient("plain");

      assertThat(catchApi(() -> user.sepa().topUpInstructions(null)).code())
          .isEqualTo("sepa_not_configured");
      assertThat(catchApi(() -> user.sepa().topUpQrPng(null)).status()).isEqualTo(409);
      assertThat(
              catchApi(() -> plain.client().withToken(OPERATOR_TOKEN).sepa().exportPain001())
                  .status())
          .isEqualTo(401);
    }
  }

  static AtriumClient operator() {
    return server.client().withToken(OPERATOR_TOKEN);
  }

  /**
   * The realistic test statement with two references swapped in (one structured, one typed into the
   * remittance text in groups of four) and the bank references made unique per test.
   */
  static byte[] statementFor(
      String structuredReference, String unstructuredReference, String bankPrefix)
      throws IOException {
    String xml =
        new String(Camt053ParserTest.resource("camt053-v02-statement.xml"), StandardCharsets.UTF_8);
    String grouped = String.join(" ", unstructuredReference.split("(?<=\\G.{4})"));
    for (Map.Entry<String, String> swap :
        Map.of(
                "RF90K7QD2M9XWB4TR6NP", structuredReference,
                "RF35 H3ZC 8V5L YA2G S9EF", grouped,
                "<AcctSvcrRef>20261122", "<AcctSvcrRef>" + bankPrefix + "-20261122")
            .entrySet()) {
      xml = xml.replace(swap.getKey(), swap.getValue());
    }
    return xml.getBytes(StandardCharsets.UTF_8);
  }
}
