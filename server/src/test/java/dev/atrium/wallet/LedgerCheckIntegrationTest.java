package dev.atrium.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.testing.AdminCli;
import dev.atrium.testing.AdminCli.Result;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.PostingKind;
import java.io.IOException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * `atrium admin ledger-check` passes on a sound ledger and names the accounts of a corrupted one.
 */
class LedgerCheckIntegrationTest {

  @Test
  void ledgerCheck_passesOnASoundLedger_andNamesACorruptedBalance() throws IOException {
    try (TestServer server = TestServer.start()) {
      Ledger ledger = server.atrium().wallet().ledger();
      AccountId alice = ledger.ensureAccount(AccountId.user("alice-" + UUID.randomUUID()));
      AccountId bob = ledger.ensureAccount(AccountId.user("bob-" + UUID.randomUUID()));
      ledger.post(
          LedgerPosting.transfer(
              PostingKind.SANDBOX_TOP_UP, AccountId.FUNDING, alice, 10_00, null));
      ledger.post(LedgerPosting.transfer(PostingKind.ADJUSTMENT, alice, bob, 2_50, null));
      AdminCli cli = AdminCli.of(server);

      Result sound = cli.admin("ledger-check");
      server
          .atrium()
          .database()
          .inTransaction(
              handle ->
                  handle.update(
                      "UPDATE wallet_accounts SET balance_cents = balance_cents + 1 WHERE id = ?",
                      bob.value()));
      Result corrupted = cli.admin("ledger-check");

      assertThat(sound.exitCode()).isZero();
      assertThat(sound.out()).contains("Ledger balanced").contains("journal sums to 0");
      assertThat(corrupted.exitCode()).isEqualTo(1);
      assertThat(corrupted.err())
          .contains("NOT balanced")
          .contains(bob.value() + ": stored balance 251 but lines sum to 250")
          .contains("stored balances sum to 1 cents")
          .doesNotContain(alice.value());
    }
  }

  @Test
  void ledgerCheck_namesAnUnbalancedPosting() throws IOException {
    try (TestServer server = TestServer.start()) {
      server
          .atrium()
          .database()
          .inTransaction(
              handle -> {
                handle.update(
                    "INSERT INTO wallet_postings (id, kind, amount_cents, created_at) VALUES ('pst_bad', 'FEE', 5, 0)");
                handle.update(
                    "INSERT INTO wallet_lines (account_id, entry_seq, posting_id, amount_cents, balance_after_cents)"
                        + " VALUES ('system:fees', 1, 'pst_bad', 5, 5)");
                return handle.update(
                    "UPDATE wallet_accounts SET balance_cents = 5, entry_count = 1 WHERE id = 'system:fees'");
              });

      Result result = AdminCli.of(server).admin("ledger-check");

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err())
          .contains("posting pst_bad is not balanced")
          .contains("journal sums to 5 cents");
    }
  }
}
