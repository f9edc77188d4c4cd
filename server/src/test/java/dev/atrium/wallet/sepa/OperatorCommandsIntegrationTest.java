package dev.atrium.wallet.sepa;

import static dev.atrium.testing.TestServer.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.sdk.AtriumClient;
import dev.atrium.sdk.SepaModels.Withdrawal;
import dev.atrium.testing.AdminCli;
import dev.atrium.testing.AdminCli.Result;
import dev.atrium.testing.TestServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator's SEPA and merchant commands work on the running server's data. */
class OperatorCommandsIntegrationTest {
  private static TestServer server;
  private static AdminCli cli;

  @BeforeAll
  static void start() throws IOException {
    server = SepaTopUpIntegrationTest.withBank(TestServer.builder()).start();
    cli =
        AdminCli.of(
            server,
            """
        wallet:
          sepa:
            operatorName: "Atrium Operator GmbH"
            operatorIban: "DE02120300000000202051"
            operatorBic: "BYLADEM1001"
        """);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Result admin(String... arguments) {
    return cli.admin(arguments);
  }

  @Test
  void importCamt053_creditsOnce_andListsUnmatchedEntries() throws IOException {
    AtriumClient anna = server.newUserClient("cli");
    AtriumClient ben = server.newUserClient("cli");
    Path statement = server.dataDir().resolve("statement-" + UUID.randomUUID() + ".xml");
    Files.write(
        statement,
        SepaTopUpIntegrationTest.statementFor(
            anna.sepa().topUpInstructions(null).reference(),
            ben.sepa().topUpInstructions(null).reference(),
            "C1"));

    Result first = admin("import-camt053", statement.toString());
    Result second = admin("import-camt053", statement.toString());

    assertThat(first.exitCode()).isZero();
    assertThat(first.out())
        .contains(
            "credited  C1-2026112200001234",
            "UNMATCHED C1-2026112200001236  99.00 EUR",
            "UNMATCHED C1-2026112200001238  100.00 USD  not in euros",
            "2 credited, 0 credited before, 3 unmatched, 1 debits skipped.");
    assertThat(second.out())
        .contains("0 credited, 2 credited before, 3 unmatched, 1 debits skipped.");
    assertThat(anna.wallet().get().balanceCents()).isEqualTo(5_000);
    assertThat(ben.wallet().get().balanceCents()).isEqualTo(1_234);
  }

  @Test
  void importCamt053_ofAnotherAccountsStatement_isRefusedAndCreditsNothing() throws IOException {
    AtriumClient anna = server.newUserClient("cli");
    AtriumClient ben = server.newUserClient("cli");
    Path statement = server.dataDir().resolve("foreign-" + UUID.randomUUID() + ".xml");
    String xml =
        new String(
            SepaTopUpIntegrationTest.statementFor(
                anna.sepa().topUpInstructions(null).reference(),
                ben.sepa().topUpInstructions(null).reference(),
                "F1"),
            StandardCharsets.UTF_8);
    Files.writeString(
        statement,
        xml.replace("<IBAN>DE02120300000000202051</IBAN>", "<IBAN>DE89370400440532013000</IBAN>"));

    Result result = admin("import-camt053", statement.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("Refused:", "DE89370400440532013000", "nothing was imported");
    assertThat(anna.wallet().get().balanceCents()).isZero();
    assertThat(ben.wallet().get().balanceCents()).isZero();
  }

  @Test
  void hostileStatement_isRefusedWithExitCodeOne() throws IOException {
    Path bomb = server.dataDir().resolve("bomb.xml");
    Files.writeString(bomb, "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\">]><d>&a;</d>");

    Result result = admin("import-camt053", bomb.toString());

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("Refused: The bank statement cannot be imported", "DOCTYPE");
    assertThat(admin("import-camt053", server.dataDir().resolve("missing.xml").toString()).err())
        .contains("Cannot read");
  }

  @Test
  void exportPain001_writesTheFile_thenPaidAndFailedSettleIt() throws IOException {
    AtriumClient carla = server.newUserClient("cli");
    carla.wallet().setPin("123987", null, PASSWORD);
    Path statement = server.dataDir().resolve("fund-" + UUID.randomUUID() + ".xml");
    Files.write(
        statement,
        SepaTopUpIntegrationTest.statementFor(
            carla.sepa().topUpInstructions(null).reference(),
            server.newUserClient("x").sepa().topUpInstructions(null).reference(),
            "C2"));
    admin("import-camt053", statement.toString());
    Withdrawal paid =
        carla.sepa().withdraw(1_000, "DE89370400440532013000", "Carla", "123987", "k1");
    Withdrawal failed =
        carla.sepa().withdraw(500, "DE89370400440532013000", "Carla", "123987", "k2");
    Path file = server.dataDir().resolve("payout.xml");

    Result export = admin("export-pain001", "--out", file.toString());
    Result again = admin("export-pain001", "--out", file.toString());
    Result markedPaid = admin("withdrawal-paid", paid.id());
    Result markedFailed = admin("withdrawal-failed", failed.id());
    Result twice = admin("withdrawal-paid", paid.id());

    assertThat(export.exitCode()).isZero();
    assertThat(export.out()).contains("exported " + paid.id(), "Wrote " + file);
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .contains("pain.001.001.09", "<CtrlSum>");
    assertThat(again.out()).contains("No pending withdrawals.");
    String exportId = export.out().replaceAll("(?s).*\\(export (\\S+)\\)\\..*", "$1");
    Path copy = server.dataDir().resolve("payout-again.xml");
    Result rewritten = admin("export-pain001", "--again", exportId, "--out", copy.toString());
    assertThat(rewritten.exitCode()).isZero();
    assertThat(Files.readString(copy, StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(markedPaid.out()).contains(paid.id() + " is PAID.");
    assertThat(markedFailed.out()).contains(failed.id() + " is FAILED; 500 cents refunded.");
    assertThat(twice.exitCode()).isEqualTo(1);
    assertThat(twice.err()).contains("Refused: The withdrawal is PAID");
    assertThat(carla.wallet().get().balanceCents()).isEqualTo(4_000);
  }

  @Test
  void withdrawalList_showsMerchantPayouts_andAFailedPayoutRefundsTheShop() throws IOException {
    AtriumClient owner = server.newUserClient("cli");
    AtriumClient customer = server.newUserClient("cli");
    owner.wallet().setPin("123987", null, PASSWORD);
    customer.wallet().setPin("123987", null, PASSWORD);
    Path statement = server.dataDir().resolve("fund-" + UUID.randomUUID() + ".xml");
    Files.write(
        statement,
        SepaTopUpIntegrationTest.statementFor(
            customer.sepa().topUpInstructions(null).reference(),
            server.newUserClient("x").sepa().topUpInstructions(null).reference(),
            "C3"));
    admin("import-camt053", statement.toString());
    String shop = owner.merchants().apply("Kiosk", "Bremen", "5411").id();
    admin("merchant-approve", shop);
    customer
        .merchants()
        .pay(owner.merchants().staticCode(shop).payload(), 3_000L, "123987", "pay-1");
    owner.merchants().setPayoutAccount(shop, "DE89370400440532013000", null, "123987");
    Withdrawal payout = owner.merchants().payout(shop, 2_000, "123987", "payout-1");

    Result pending = admin("withdrawal-list");
    Result failed = admin("withdrawal-failed", payout.id());
    Result listedFailed = admin("withdrawal-list", "--status", "FAILED");

    assertThat(pending.exitCode()).isZero();
    assertThat(pending.out())
        .contains(
            payout.id() + "  PENDING  2000 cents  to DE89370400440532013000  merchant " + shop);
    assertThat(failed.out()).contains(payout.id() + " is FAILED; 2000 cents refunded.");
    assertThat(listedFailed.out()).contains(payout.id() + "  FAILED");
    assertThat(
            server
                .atrium()
                .wallet()
                .ledger()
                .balanceCents(dev.atrium.wallet.ledger.AccountId.merchant(shop)))
        .isEqualTo(3_000);
    assertThat(server.atrium().wallet().ledger().check().isBalanced()).isTrue();
  }

  @Test
  void merchantCommands_listApproveAndSuspend() {
    AtriumClient owner = server.newUserClient("cli");
    String id = owner.merchants().apply("Bistro", "Hamburg", "5812").id();

    Result pending = admin("merchant-list");
    Result approved = admin("merchant-approve", id);
    Result listed = admin("merchant-list", "--status", "APPROVED");
    Result suspended = admin("merchant-suspend", id);
    Result unknown = admin("merchant-approve", "m_unknown");

    assertThat(pending.out()).contains(id + "  Bistro  Hamburg  MCC 5812");
    assertThat(approved.out()).contains(id + " is APPROVED.");
    assertThat(listed.out()).contains(id);
    assertThat(suspended.out()).contains(id + " is SUSPENDED.");
    assertThat(owner.merchants().mine().items().getFirst().status()).isEqualTo("SUSPENDED");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("Refused: No such merchant.");
  }
}
