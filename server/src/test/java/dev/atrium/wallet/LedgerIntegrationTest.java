package dev.atrium.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.atrium.platform.errors.OperatingError;
import dev.atrium.testing.TestServer;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerError;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.PostingKind;
import dev.atrium.wallet.ledger.StatementEntry;
import dev.atrium.wallet.ledger.StoredPosting;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger's Java API on a real node's database: balanced postings, floors, keys, works,
 * statements.
 */
class LedgerIntegrationTest {
  private static TestServer server;
  private static Ledger ledger;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    ledger = server.atrium().wallet().ledger();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void topUpAndTransfer_moveMoney_andKeepTheLedgerBalanced() {
    AccountId alice = newUser();
    AccountId bob = newUser();

    StoredPosting topUp =
        ledger.post(
            LedgerPosting.transfer(
                PostingKind.SANDBOX_TOP_UP, AccountId.FUNDING, alice, 10_00, "test"));
    StoredPosting transfer =
        ledger.post(LedgerPosting.transfer(PostingKind.ADJUSTMENT, alice, bob, 3_50, null));

    assertThat(topUp.lineOf(alice).orElseThrow().balanceAfterCents()).isEqualTo(10_00);
    assertThat(transfer.lineOf(alice).orElseThrow().balanceAfterCents()).isEqualTo(6_50);
    assertThat(ledger.balanceCents(alice)).isEqualTo(6_50);
    assertThat(ledger.balanceCents(bob)).isEqualTo(3_50);
    assertThat(ledger.posting(transfer.id()).orElseThrow().lines()).hasSize(2);
    assertThat(ledger.check().problems()).isEmpty();
  }

  @Test
  void transferAboveBalance_isRejectedAndLedgerUnchanged() {
    AccountId alice = funded(5_00);
    AccountId bob = newUser();

    assertThatThrownBy(
            () ->
                ledger.post(LedgerPosting.transfer(PostingKind.ADJUSTMENT, alice, bob, 5_01, null)))
        .isInstanceOf(LedgerError.InsufficientFunds.class)
        .extracting(error -> ((OperatingError) error).code())
        .isEqualTo("insufficient_funds");

    assertThat(ledger.balanceCents(alice)).isEqualTo(5_00);
    assertThat(ledger.balanceCents(bob)).isZero();
    assertThat(ledger.statement(bob, null, 10)).isEmpty();
  }

  @Test
  void unknownAccount_isRefused() {
    AccountId ghost = AccountId.user("ghost-" + UUID.randomUUID());

    assertThatThrownBy(
            () ->
                ledger.post(
                    LedgerPosting.transfer(
                        PostingKind.ADJUSTMENT, AccountId.FUNDING, ghost, 1, null)))
        .isInstanceOf(LedgerError.UnknownAccount.class);
  }

  @Test
  void unbalancedPosting_cannotBeBuilt() {
    assertThatThrownBy(
            () ->
                new LedgerPosting(
                    PostingKind.ADJUSTMENT,
                    List.of(
                        new dev.atrium.wallet.ledger.PostingLine(AccountId.FUNDING, -5),
                        new dev.atrium.wallet.ledger.PostingLine(AccountId.FEES, 4)),
                    null,
                    null,
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to zero");
  }

  @Test
  void postingKey_makesAPostingExactlyOnce_andADifferentPostingUnderItConflicts() {
    AccountId alice = newUser();
    String key = "camt:" + UUID.randomUUID();
    LedgerPosting topUp =
        LedgerPosting.transfer(PostingKind.BANK_TOP_UP, AccountId.BANK, alice, 7_00, null)
            .withPostingKey(key);

    StoredPosting first = ledger.post(topUp);
    StoredPosting again = ledger.post(topUp);

    assertThat(first.replayed()).isFalse();
    assertThat(again.replayed()).isTrue();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(ledger.balanceCents(alice)).isEqualTo(7_00);
    assertThatThrownBy(
            () ->
                ledger.post(
                    LedgerPosting.transfer(
                            PostingKind.BANK_TOP_UP, AccountId.BANK, alice, 8_00, null)
                        .withPostingKey(key)))
        .isInstanceOf(LedgerError.PostingKeyConflict.class);
  }

  @Test
  void reverse_postsTheOppositeOnce() {
    AccountId alice = funded(9_00);

    StoredPosting original =
        ledger.post(LedgerPosting.transfer(PostingKind.FEE, alice, AccountId.FEES, 2_00, null));
    StoredPosting reversal = ledger.reverse(original.id(), "fee waived");
    StoredPosting again = ledger.reverse(original.id(), "fee waived");

    assertThat(reversal.reversesPostingId()).isEqualTo(original.id());
    assertThat(reversal.kind()).isEqualTo(PostingKind.REVERSAL);
    assertThat(again.replayed()).isTrue();
    assertThat(ledger.balanceCents(alice)).isEqualTo(9_00);
  }

  @Test
  void failingWork_undoesItsPostingsAndItsRows_only() {
    AccountId alice = funded(10_00);
    String marker = "work-" + UUID.randomUUID();

    assertThatThrownBy(
            () ->
                ledger.run(
                    Set.of(alice, AccountId.ESCROW),
                    transaction -> {
                      transaction.post(
                          LedgerPosting.transfer(
                              PostingKind.CHAT_TRANSFER_HOLD,
                              alice,
                              AccountId.ESCROW,
                              4_00,
                              marker));
                      transaction
                          .handle()
                          .update(
                              "INSERT INTO wallet_postings (id, kind, amount_cents, created_at) VALUES (?, ?, ?, ?)",
                              marker,
                              "ADJUSTMENT",
                              1L,
                              0L);
                      throw new LedgerError.PostingNotFound();
                    }))
        .isInstanceOf(LedgerError.PostingNotFound.class);
    long balance =
        ledger.run(
            Set.of(alice, AccountId.ESCROW),
            transaction -> {
              transaction.post(
                  LedgerPosting.transfer(
                      PostingKind.CHAT_TRANSFER_HOLD, alice, AccountId.ESCROW, 1_00, null));
              return transaction.balanceCents(alice);
            });

    assertThat(balance).isEqualTo(9_00);
    assertThat(ledger.balanceCents(alice)).isEqualTo(9_00);
    assertThat(ledger.posting(marker)).isEmpty();
    assertThat(ledger.postingsFor(marker, 10)).isEmpty();
    assertThat(ledger.check().problems()).isEmpty();
  }

  @Test
  void statement_pagesNewestFirst_withCounterpartyAndBalanceAfter() {
    AccountId alice = funded(10_00);
    AccountId bob = newUser();
    for (int i = 1; i <= 5; i++) {
      ledger.post(
          LedgerPosting.transfer(PostingKind.ADJUSTMENT, alice, bob, i, "page")
              .withMemo("payment " + i));
    }

    List<StatementEntry> first = ledger.statement(alice, null, 4);
    List<StatementEntry> second = ledger.statement(alice, first.getLast().entrySeq(), 4);

    assertThat(first).extracting(StatementEntry::amountCents).containsExactly(-5L, -4L, -3L, -2L);
    assertThat(first.getFirst().balanceAfterCents()).isEqualTo(10_00 - 15);
    assertThat(first.getFirst().counterparty()).isEqualTo(bob);
    assertThat(first.getFirst().memo()).isEqualTo("payment 5");
    assertThat(second).extracting(StatementEntry::amountCents).containsExactly(-1L, 10_00L);
    assertThat(second.getLast().counterparty()).isEqualTo(AccountId.FUNDING);
  }

  static AccountId newUser() {
    return ledger.ensureAccount(AccountId.user("acc-" + UUID.randomUUID()));
  }

  static AccountId funded(long cents) {
    AccountId account = newUser();
    ledger.post(
        LedgerPosting.transfer(
            PostingKind.SANDBOX_TOP_UP, AccountId.FUNDING, account, cents, null));
    return account;
  }
}
