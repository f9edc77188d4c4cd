package dev.atrium.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.app.Main;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.PostingKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `atrium admin ledger-check` passes on a sound ledger and names the accounts of a corrupted one. */
class LedgerCheckIntegrationTest {

  @Test
  void ledgerCheck_passesOnASoundLedger_andNamesACorruptedBalance() throws IOException {
    try (TestServer server = TestServer.start()) {
      Ledger ledger = server.atrium().wallet().ledger();
      AccountId alice = ledger.ensureAccount(AccountId.user("alice-" + UUID.randomUUID()));
      AccountId bob = ledger.ensureAccount(AccountId.user("bob-" + UUID.randomUUID()));
      ledger.post(LedgerPosting.transfer(PostingKind.SANDBOX_TOP_UP, AccountId.FUNDING, alice, 10_00, null));
      ledger.post(LedgerPosting.transfer(PostingKind.ADJUSTMENT, alice, bob, 2_50, null));
      Path config = writeConfigFor(server);

      Result sound = ledgerCheck(config);
      server.atrium().database().inTransaction(handle -> handle.update(
          "UPDATE wallet_accounts SET balance_cents = balance_cents + 1 WHERE id = ?", bob.value()));
      Result corrupted = ledgerCheck(config);

      assertThat(sound.exitCode()).isZero();
      assertThat(sound.out()).contains("Ledger balanced").contains("journal sums to 0");
      assertThat(corrupted.exitCode()).isEqualTo(1);
      assertThat(corrupted.err()).contains("NOT balanced")
          .contains(bob.value() + ": stored balance 251 but lines sum to 250")
          .contains("stored balances sum to 1 cents")
          .doesNotContain(alice.value());
    }
  }

  @Test
  void ledgerCheck_namesAnUnbalancedPosting() throws IOException {
    try (TestServer server = TestServer.start()) {
      server.atrium().database().inTransaction(handle -> {
        handle.update("INSERT INTO wallet_postings (id, kind, amount_cents, created_at) VALUES ('pst_bad', 'FEE', 5, 0)");
        handle.update("INSERT INTO wallet_lines (account_id, entry_seq, posting_id, amount_cents, balance_after_cents)"
            + " VALUES ('system:fees', 1, 'pst_bad', 5, 5)");
        return handle.update("UPDATE wallet_accounts SET balance_cents = 5, entry_count = 1 WHERE id = 'system:fees'");
      });

      Result result = ledgerCheck(writeConfigFor(server));

      assertThat(result.exitCode()).isEqualTo(1);
      assertThat(result.err()).contains("posting pst_bad is not balanced").contains("journal sums to 5 cents");
    }
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result ledgerCheck(Path config) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    int exitCode = commandLine.execute("admin", "ledger-check", "--config", config.toString());
    return new Result(exitCode, out.toString(), err.toString());
  }

  static Path writeConfigFor(TestServer server) throws IOException {
    Map<String, String> environment = server.environment();
    StringBuilder yaml = new StringBuilder("storage:\n");
    yaml.append("  dataDir: \"").append(environment.get("ATRIUM_DATA_DIR")).append("\"\n");
    if (environment.containsKey("ATRIUM_DATABASE_URL")) {
      yaml.append("  databaseUrl: \"").append(environment.get("ATRIUM_DATABASE_URL")).append("\"\n");
      yaml.append("  databaseSchema: \"").append(environment.get("ATRIUM_DATABASE_SCHEMA")).append("\"\n");
    }
    Path file = server.dataDir().resolve("admin-config-" + UUID.randomUUID() + ".yml");
    Files.writeString(file, yaml.toString());
    return file;
  }
}
