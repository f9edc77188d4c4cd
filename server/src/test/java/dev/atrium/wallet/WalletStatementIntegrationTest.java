package dev.atrium.wallet;

import static dev.atrium.testing.ApiCalls.catchApi;
import static dev.atrium.wallet.WalletFixture.PIN;
import static dev.atrium.wallet.WalletFixture.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.atrium.sdk.AtriumApiException;
import dev.atrium.sdk.WalletModels.StatementLine;
import dev.atrium.sdk.WalletModels.StatementPage;
import dev.atrium.sdk.WalletModels.Transfer;
import dev.atrium.testing.MutableClock;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.WalletFixture.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Statements with paging and CSV, and the wallet's part of account export and deletion. */
class WalletStatementIntegrationTest {
  private static final MutableClock CLOCK = WalletFixture.clock();
  private static TestServer server;

  @BeforeAll
  static void start() {
    server = WalletFixture.server(CLOCK).start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void statement_pagesNewestFirst_andExportsAsCsv() {
    Person alice = WalletFixture.person(server, "alice", 10_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    String conversation = WalletFixture.direct(server, alice, bob);
    for (int i = 1; i <= 4; i++) {
      alice
          .client()
          .wallet()
          .sendTransfer(conversation, i * 10L, i == 4 ? "=cmd, \"quoted\"" : null, PIN, key());
    }

    StatementPage first = alice.client().wallet().statement(null, 3);
    StatementPage second = alice.client().wallet().statement(first.nextBefore(), 3);
    String csv = alice.client().wallet().statementCsv(100);

    assertThat(first.lines())
        .extracting(StatementLine::amountCents)
        .containsExactly(-40L, -30L, -20L);
    assertThat(first.lines().getFirst().balanceAfterCents()).isEqualTo(10_00 - 100);
    assertThat(first.lines().getFirst().kind()).isEqualTo("chat_transfer_hold");
    assertThat(first.lines().getFirst().counterparty()).isEqualTo("system:escrow");
    assertThat(second.lines()).extracting(StatementLine::amountCents).containsExactly(-10L, 10_00L);
    assertThat(second.nextBefore()).isNull();
    assertThat(csv.lines().toList()).hasSize(6);
    assertThat(csv)
        .startsWith("entry,time,kind,amount_eur,balance_after_eur")
        .contains(",chat_transfer_hold,-0.40,9.00,system:escrow,trf_")
        .contains("\"'=cmd, \"\"quoted\"\"\"")
        .contains(",sandbox_top_up,10.00,10.00,system:funding,");
    assertThat(catchApi(() -> alice.client().wallet().statement(null, 201)).status())
        .isEqualTo(400);
  }

  @Test
  void accountWithMoney_cannotBeDeleted_andExportShowsTheWallet() {
    Person alice = WalletFixture.person(server, "alice", 5_00);
    Person bob = WalletFixture.person(server, "bob", 0);
    String conversation = WalletFixture.direct(server, alice, bob);
    Transfer pending = alice.client().wallet().sendTransfer(conversation, 5_00, null, PIN, key());

    JsonNode export = alice.client().raw("GET", "/api/v1/me/export", null, null).json();
    AtriumApiException refused = catchApi(() -> alice.client().deleteAccount(TestServer.PASSWORD));
    bob.client().wallet().acceptTransfer(pending.id(), key());
    AtriumApiException bobRefused = catchApi(() -> bob.client().deleteAccount(TestServer.PASSWORD));

    assertThat(export.path("sections").path("wallet").path("balanceCents").asLong()).isZero();
    assertThat(export.path("sections").path("wallet").path("chatTransfers").size()).isEqualTo(1);
    assertThat(export.path("sections").path("wallet").path("statement").size()).isEqualTo(2);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.code()).isEqualTo("wallet_balance_not_zero");
    assertThat(bobRefused.code()).isEqualTo("wallet_balance_not_zero");
    alice.client().deleteAccount(TestServer.PASSWORD);
    assertThat(server.atrium().wallet().ledger().check().problems()).isEmpty();
  }
}
