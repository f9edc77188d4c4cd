package dev.atrium.wallet.sepa;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.SepaModels.Pain001Export;
import dev.atrium.sdk.SepaModels.Withdrawal;
import dev.atrium.sdk.SepaModels.WithdrawalPage;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Withdrawals to an IBAN end to end: PIN, idempotency, limits, payout files, paid and failed. */
class SepaWithdrawalIntegrationTest {
  private static final String PIN = "480213";
  private static final String ANNA_IBAN = "DE89 3704 0044 0532 0130 00";
  private static TestServer server;
  private static int statements;

  @BeforeAll
  static void start() {
    server =
        SepaTopUpIntegrationTest.withBank(TestServer.builder())
            .set("ATRIUM_WALLET_PAYMENT_CENTS_MAX", "4000")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void withdrawal_movesMoneyToPayoutAtOnce_andTheSameKeyNeverPaysTwice() throws IOException {
    AtriumClient anna = fundedUser("anna");
    String key = UUID.randomUUID().toString();

    Withdrawal first = anna.sepa().withdraw(2_000, ANNA_IBAN, "Anna Schmidt", PIN, key);
    Withdrawal replay = anna.sepa().withdraw(2_000, ANNA_IBAN, "Anna Schmidt", PIN, key);

    assertThat(first.status()).isEqualTo("PENDING");
    assertThat(first.creditorIban()).isEqualTo("DE89370400440532013000");
    assertThat(replay).isEqualTo(first);
    assertThat(anna.wallet().get().balanceCents()).isEqualTo(3_000);
    assertThat(
            catchApi(() -> anna.sepa().withdraw(2_500, ANNA_IBAN, "Anna Schmidt", PIN, key)).code())
        .isEqualTo("idempotency_key_reused");
    WithdrawalPage page = anna.sepa().withdrawals(10, null);
    assertThat(page.items()).extracting(Withdrawal::id).containsExactly(first.id());
    assertThat(ledger().check().isBalanced()).isTrue();
  }

  @Test
  void badRequests_areRefusedWithoutMovingMoney() throws IOException {
    AtriumClient ben = fundedUser("ben");
    String key = UUID.randomUUID().toString();

    assertThat(
            catchApi(() -> ben.sepa().withdraw(100, "DE89 3704 0044 0532 0130 01", "Ben", PIN, key))
                .code())
        .isEqualTo("invalid_iban");
    assertThat(catchApi(() -> ben.sepa().withdraw(100, ANNA_IBAN, "Ben", "000000", key)).code())
        .isEqualTo("pin_wrong");
    assertThat(catchApi(() -> ben.sepa().withdraw(4_001, ANNA_IBAN, "Ben", PIN, key)).code())
        .isEqualTo("limit_exceeded");
    assertThat(catchApi(() -> ben.sepa().withdraw(0, ANNA_IBAN, "Ben", PIN, key)).status())
        .isEqualTo(422);
    assertThat(catchApi(() -> ben.sepa().withdraw(100, ANNA_IBAN, " ", PIN, key)).code())
        .isEqualTo("validation_failed");
    assertThat(
            ben.raw(
                    "POST",
                    "/api/v1/wallet/withdrawals",
                    "application/json",
                    "{\"amountCents\":100,\"iban\":\"DE89370400440532013000\",\"name\":\"Ben\",\"pin\":\"480213\"}"
                        .getBytes(StandardCharsets.UTF_8))
                .errorCode())
        .isEqualTo("idempotency_key_required");
    assertThat(ben.wallet().get().balanceCents()).isEqualTo(5_000);
  }

  @Test
  void namesInThePayoutFile_areTransliteratedByTheEpcRules_andChineseNeedsLatinLetters()
      throws Exception {
    AtriumClient erik = fundedUser("erik");
    String[][] cases = {
      {"Straßenverkäufer Jürgen", "Strassenverkaufer Jurgen"},
      {"Françoise Lefèvre-Œhl", "Francoise Lefevre-OEhl"},
      {"Łukasz Wójcik", "Lukasz Wojcik"},
      {"Jiří Dvořák", "Jiri Dvorak"}
    };
    for (String[] names : cases) {
      erik.sepa().withdraw(100, ANNA_IBAN, names[0], PIN, UUID.randomUUID().toString());
    }
    var chinese =
        catchApi(
            () -> erik.sepa().withdraw(100, ANNA_IBAN, "王小明", PIN, UUID.randomUUID().toString()));

    Pain001Export export = operator().sepa().exportPain001();

    validatePain001(export.document());
    for (String[] names : cases) {
      assertThat(export.document()).contains("<Nm>" + names[1] + "</Nm>");
    }
    assertThat(chinese.status()).isEqualTo(422);
    assertThat(chinese.field()).isEqualTo("name");
    assertThat(erik.wallet().get().balanceCents()).isEqualTo(5_000 - 400);
  }

  @Test
  void moreThanTheBalance_isInsufficientFunds() throws IOException {
    AtriumClient carla = fundedUser("carla");
    carla.sepa().withdraw(3_000, ANNA_IBAN, "Carla", PIN, UUID.randomUUID().toString());

    assertThat(
            catchApi(
                    () ->
                        carla
                            .sepa()
                            .withdraw(2_001, ANNA_IBAN, "Carla", PIN, UUID.randomUUID().toString()))
                .code())
        .isEqualTo("insufficient_funds");
    assertThat(carla.wallet().get().balanceCents()).isEqualTo(2_000);
  }

  @Test
  void export_writesASchemaValidFile_thenPaidSettlesAndFailedRefunds() throws Exception {
    AtriumClient dora = fundedUser("dora");
    Withdrawal toPay =
        dora.sepa().withdraw(1_500, ANNA_IBAN, "Dora Müller", PIN, UUID.randomUUID().toString());
    Withdrawal toFail =
        dora.sepa()
            .withdraw(
                1_000,
                "FR14 2004 1010 0505 0001 3M02 606",
                "Dora M",
                PIN,
                UUID.randomUUID().toString());
    long payoutBefore = ledger().balanceCents(AccountId.PAYOUT);

    Pain001Export export = operator().sepa().exportPain001();

    assertThat(export.withdrawals()).extracting(Withdrawal::id).contains(toPay.id(), toFail.id());
    assertThat(export.withdrawals()).allMatch(w -> w.status().equals("EXPORTED"));
    validatePain001(export.document());
    assertThat(export.document())
        .contains(
            "<Nm>Dora Muller</Nm>",
            "<InstdAmt Ccy=\"EUR\">15.00</InstdAmt>",
            "<IBAN>DE02120300000000202051</IBAN>");
    assertThat(operator().sepa().exportPain001()).isNull();
    Pain001Export again = operator().sepa().earlierPain001(export.exportId());
    assertThat(again.document()).isEqualTo(export.document());
    assertThat(again.withdrawals())
        .extracting(Withdrawal::id)
        .containsExactlyInAnyOrderElementsOf(
            export.withdrawals().stream().map(Withdrawal::id).toList());
    assertThat(catchApi(() -> operator().sepa().earlierPain001("ATRIUM-nothing")).code())
        .isEqualTo("export_not_found");

    Withdrawal paid = operator().sepa().markWithdrawalPaid(toPay.id());
    Withdrawal failed = operator().sepa().markWithdrawalFailed(toFail.id());

    assertThat(paid.status()).isEqualTo("PAID");
    assertThat(failed.status()).isEqualTo("FAILED");
    assertThat(dora.wallet().get().balanceCents()).isEqualTo(5_000 - 1_500);
    assertThat(ledger().balanceCents(AccountId.PAYOUT)).isEqualTo(payoutBefore - 2_500);
    assertThat(catchApi(() -> operator().sepa().markWithdrawalPaid(toPay.id())).code())
        .isEqualTo("withdrawal_state");
    assertThat(catchApi(() -> operator().sepa().markWithdrawalFailed(toPay.id())).code())
        .isEqualTo("withdrawal_state");
    assertThat(catchApi(() -> operator().sepa().markWithdrawalFailed(toFail.id())).code())
        .isEqualTo("withdrawal_state");
    assertThat(catchApi(() -> operator().sepa().markWithdrawalPaid("wd_nothing")).status())
        .isEqualTo(404);
    assertThat(dora.sepa().withdrawals(10, null).items())
        .extracting(Withdrawal::status)
        .containsExactlyInAnyOrder("PAID", "FAILED");
    assertThat(ledger().check().isBalanced()).isTrue();
  }

  @Test
  void pendingWithdrawal_canFailBeforeExport() throws IOException {
    AtriumClient emil = fundedUser("emil");
    Withdrawal pending =
        emil.sepa().withdraw(700, ANNA_IBAN, "Emil", PIN, UUID.randomUUID().toString());

    assertThat(catchApi(() -> operator().sepa().markWithdrawalPaid(pending.id())).code())
        .isEqualTo("withdrawal_state");
    assertThat(operator().sepa().markWithdrawalFailed(pending.id()).status()).isEqualTo("FAILED");
    assertThat(emil.wallet().get().balanceCents()).isEqualTo(5_000);
  }

  @Test
  void withdrawalList_pagesNewestFirst() throws IOException {
    AtriumClient fay = fundedUser("fay");
    for (int i = 0; i < 3; i++) {
      fay.sepa().withdraw(100 + i, ANNA_IBAN, "Fay", PIN, UUID.randomUUID().toString());
    }

    WithdrawalPage first = fay.sepa().withdrawals(2, null);
    WithdrawalPage second = fay.sepa().withdrawals(2, first.nextCursor());

    assertThat(first.items()).extracting(Withdrawal::amountCents).containsExactly(102L, 101L);
    assertThat(second.items()).extracting(Withdrawal::amountCents).containsExactly(100L);
    assertThat(second.nextCursor()).isNull();
    assertThat(fay.raw("GET", "/api/v1/wallet/withdrawals?before=x", null, null).errorCode())
        .isEqualTo("invalid_parameter");
  }

  @Test
  void accountExportAndDeletion_respectWithdrawalsOnTheirWay() throws IOException {
    AtriumClient gina = fundedUser("gina");
    String reference = gina.sepa().topUpInstructions(null).reference();
    Withdrawal big =
        gina.sepa().withdraw(4_000, ANNA_IBAN, "Gina", PIN, UUID.randomUUID().toString());
    Withdrawal rest =
        gina.sepa().withdraw(1_000, ANNA_IBAN, "Gina", PIN, UUID.randomUUID().toString());

    var section = gina.export().sections().get("walletSepa");
    assertThat(section.path("topUpReference").asText()).isEqualTo(reference);
    assertThat(section.path("withdrawals")).hasSize(2);
    assertThat(catchApi(() -> gina.deleteAccount(PASSWORD)).code()).isEqualTo("withdrawals_open");

    operator().sepa().exportPain001();
    operator().sepa().markWithdrawalPaid(big.id());
    operator().sepa().markWithdrawalPaid(rest.id());
    gina.deleteAccount(PASSWORD);
    var report =
        operator()
            .sepa()
            .importCamt053(
                SepaTopUpIntegrationTest.statementFor(
                    reference,
                    server.newUserClient("other").sepa().topUpInstructions(null).reference(),
                    "G" + ++statements));

    assertThat(report.unmatched().getFirst().reason()).isEqualTo("unknown reference");
    assertThat(ledger().check().isBalanced()).isTrue();
  }

  /** A new user with a PIN and 50.00 credited by a camt.053 import. */
  private static AtriumClient fundedUser(String prefix) throws IOException {
    AtriumClient user = server.newUserClient(prefix);
    user.wallet().setPin(PIN, null, PASSWORD);
    String reference = user.sepa().topUpInstructions(null).reference();
    String other = server.newUserClient("other").sepa().topUpInstructions(null).reference();
    operator()
        .sepa()
        .importCamt053(SepaTopUpIntegrationTest.statementFor(reference, other, "W" + ++statements));
    assertThat(user.wallet().get().balanceCents()).isEqualTo(5_000);
    return user;
  }

  private static AtriumClient operator() {
    return server.client().withToken(SepaTopUpIntegrationTest.OPERATOR_TOKEN);
  }

  private static Ledger ledger() {
    return server.atrium().wallet().ledger();
  }

  private static void validatePain001(String document) throws Exception {
    SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory
        .newSchema(
            SepaWithdrawalIntegrationTest.class.getResource("/wallet/sepa/pain.001.001.09.xsd"))
        .newValidator()
        .validate(
            new StreamSource(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))));
  }
}
