package dev.atrium.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.atrium.testing.TestServer;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerError;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.PostingKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many threads on two nodes sharing one database move money among a few hot accounts, through plain
 * postings and through works. Afterwards nothing was created or lost, no balance is negative, and
 * every balance equals its lines.
 */
class LedgerConcurrencyIntegrationTest {
  private static final int THREADS = 16;
  private static final int TRANSFERS_PER_THREAD = 150;
  private static final long START_CENTS = 1_000;

  @Test
  void concurrentTransfersAmongFewAccounts_onTwoNodes_keepEveryInvariant() throws Exception {
    try (TestServer first = TestServer.start();
        TestServer second = TestServer.builder().sharingDatabaseOf(first).start()) {
      Ledger[] ledgers = {first.atrium().wallet().ledger(), second.atrium().wallet().ledger()};
      List<AccountId> accounts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        AccountId account =
            ledgers[0].ensureAccount(AccountId.user("hot-" + i + "-" + UUID.randomUUID()));
        ledgers[0].post(
            LedgerPosting.transfer(
                PostingKind.SANDBOX_TOP_UP, AccountId.FUNDING, account, START_CENTS, null));
        accounts.add(account);
      }
      AtomicInteger moved = new AtomicInteger();
      AtomicInteger refused = new AtomicInteger();

      try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          done.add(
              threads.submit(
                  () -> moveMoney(ledgers[thread % 2], accounts, thread, moved, refused)));
        }
        for (Future<?> future : done) {
          future.get(120, TimeUnit.SECONDS);
        }
      }

      long total = 0;
      for (AccountId account : accounts) {
        long balance = ledgers[1].balanceCents(account);
        assertThat(balance).as(account.value()).isNotNegative();
        total += balance;
      }
      assertThat(total + ledgers[0].balanceCents(AccountId.ESCROW)).isEqualTo(4 * START_CENTS);
      assertThat(moved.get() + refused.get()).isEqualTo(THREADS * TRANSFERS_PER_THREAD);
      assertThat(moved.get()).isPositive();
      assertThat(ledgers[0].check().problems()).isEmpty();
    }
  }

  private static void moveMoney(
      Ledger ledger,
      List<AccountId> accounts,
      int seed,
      AtomicInteger moved,
      AtomicInteger refused) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < TRANSFERS_PER_THREAD; i++) {
      AccountId from = accounts.get(random.nextInt(accounts.size()));
      AccountId to = accounts.get(random.nextInt(accounts.size()));
      long amount = 1L + random.nextInt(400);
      try {
        if (from.equals(to)) {
          // A work: hold in escrow and pay straight out again, atomically.
          ledger.run(
              Set.of(from, AccountId.ESCROW),
              transaction -> {
                transaction.post(
                    LedgerPosting.transfer(
                        PostingKind.CHAT_TRANSFER_HOLD, from, AccountId.ESCROW, amount, null));
                return transaction.post(
                    LedgerPosting.transfer(
                        PostingKind.CHAT_TRANSFER_REFUND, AccountId.ESCROW, from, amount, null));
              });
        } else {
          ledger.post(LedgerPosting.transfer(PostingKind.ADJUSTMENT, from, to, amount, null));
        }
        moved.incrementAndGet();
      } catch (LedgerError.InsufficientFunds e) {
        refused.incrementAndGet();
      }
    }
  }
}
