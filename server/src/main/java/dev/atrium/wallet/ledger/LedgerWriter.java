package dev.atrium.wallet.ledger;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.GroupCommitWriter;
import dev.atrium.platform.db.Handle;
import dev.atrium.platform.limits.Invariants;
import dev.atrium.platform.security.SecretTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

/**
 * Writes postings by group commit: one platform thread takes a batch of postings and works, locks
 * every account they touch (sorted by id, so nodes sharing PostgreSQL never deadlock on accounts),
 * decides each posting against the balances it read under that lock, and writes the whole batch in
 * one transaction. A refused posting or a failing work is undone alone (works run in a savepoint);
 * callers are answered only after the batch committed. Hot accounts such as escrow are thereby
 * serialised in process and touched once per batch, never by retrying row locks. Thread-safe for
 * submitting.
 */
final class LedgerWriter implements AutoCloseable {
  private final GroupCommitWriter<Write> writer;
  private final LedgerStore store;
  private final Clock clock;

  LedgerWriter(
      Database database,
      LedgerStore store,
      Clock clock,
      LedgerSettings settings,
      MeterRegistry metrics) {
    this.store = store;
    this.clock = clock;
    this.writer =
        new GroupCommitWriter<>(
            database,
            "ledger",
            settings.writerQueueMax(),
            settings.writerBatchMax(),
            this::applyBatch,
            metrics);
  }

  /** A queued write. */
  sealed interface Write extends GroupCommitWriter.Pending permits Post, Work {
    Set<AccountId> accounts();
  }

  /** One posting on its own. */
  record Post(LedgerPosting posting, CompletableFuture<StoredPosting> result) implements Write {
    @Override
    public Set<AccountId> accounts() {
      return posting.accounts();
    }

    @Override
    public void fail(Throwable cause) {
      result.completeExceptionally(cause);
    }
  }

  /** A unit of work with rows of its own, posting only to the accounts it declared. */
  record Work(Set<AccountId> accounts, LedgerWork<?> work, CompletableFuture<Object> result)
      implements Write {
    @Override
    public void fail(Throwable cause) {
      result.completeExceptionally(cause);
    }
  }

  CompletableFuture<StoredPosting> submit(LedgerPosting posting) {
    CompletableFuture<StoredPosting> result = new CompletableFuture<>();
    writer.submit(new Post(posting, result));
    return result;
  }

  CompletableFuture<Object> submit(Set<AccountId> accounts, LedgerWork<?> work) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    writer.submit(new Work(Set.copyOf(accounts), work, result));
    return result;
  }

  int queued() {
    return writer.queued();
  }

  @Override
  public void close() {
    writer.close();
  }

  private Runnable applyBatch(Handle handle, List<Write> batch) {
    Set<AccountId> accountIds = new TreeSet<>();
    Set<String> keys = new HashSet<>();
    for (Write write : batch) {
      accountIds.addAll(write.accounts());
      if (write instanceof Post post && post.posting().postingKey() != null) {
        keys.add(post.posting().postingKey());
      }
    }
    Batch state =
        new Batch(handle, store.lock(handle, accountIds), store.findByKeys(handle, keys), keys);
    List<Runnable> answers = new ArrayList<>(batch.size());
    for (Write write : batch) {
      switch (write) {
        case Post post -> answers.add(state.apply(post));
        case Work work -> answers.add(state.apply(work));
      }
    }
    state.flush();
    return () -> answers.forEach(Runnable::run);
  }

  /** One account's state within a batch. */
  private static final class Balance {
    final LedgerAccount stored;
    long balanceCents;
    long entryCount;

    Balance(LedgerAccount stored) {
      this.stored = stored;
      this.balanceCents = stored.balanceCents();
      this.entryCount = stored.entryCount();
    }
  }

  /** What to restore when a work is undone. */
  private record Undo(Balance balance, long balanceCents, long entryCount) {}

  /** A point to undo to: sizes of the batch's lists when a work started. */
  private record Mark(int postings, int undos, int keys) {}

  /**
   * The state of one batch: balances read under lock, postings decided so far, and how to undo a
   * work.
   */
  private final class Batch {
    private final Handle handle;
    private final long nowMillis = clock.millis();
    private final Map<AccountId, Balance> balances = new LinkedHashMap<>();
    private final Map<String, StoredPosting> storedByKey;
    private final Set<String> keysLookedUp;
    private final Map<String, StoredPosting> keysInBatch = new HashMap<>();
    private final List<String> keysInOrder = new ArrayList<>();
    private final List<StoredPosting> postings = new ArrayList<>();
    private final Deque<Undo> undos = new ArrayDeque<>();

    Batch(
        Handle handle,
        Map<AccountId, LedgerAccount> locked,
        Map<String, StoredPosting> storedByKey,
        Set<String> keysLookedUp) {
      this.handle = handle;
      locked.forEach((id, account) -> balances.put(id, new Balance(account)));
      this.storedByKey = new HashMap<>(storedByKey);
      this.keysLookedUp = new HashSet<>(keysLookedUp);
    }

    Runnable apply(Post post) {
      try {
        StoredPosting stored = post(post.posting(), post.accounts());
        return () -> post.result().complete(stored);
      } catch (LedgerError refusal) {
        return () -> post.result().completeExceptionally(refusal);
      }
    }

    Runnable apply(Work work) {
      Mark mark = new Mark(postings.size(), undos.size(), keysInOrder.size());
      try {
        Object value =
            handle.inSavepoint(savepointHandle -> work.work().apply(view(work.accounts())));
        return () -> work.result().complete(value);
      } catch (RuntimeException | Error failure) {
        if (isDeadlockOrSerializationFailure(failure)) {
          // PostgreSQL picked this transaction as a deadlock victim (through a work's own rows;
          // accounts are always locked in order). Fail the batch: the group-commit writer then
          // retries each of its writes alone, in a fresh transaction.
          throw failure;
        }
        undoTo(mark);
        return () -> work.result().completeExceptionally(failure);
      }
    }

    private static boolean isDeadlockOrSerializationFailure(Throwable failure) {
      for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
        if (cause instanceof java.sql.SQLException sql
            && sql.getSQLState() != null
            && (sql.getSQLState().equals("40P01") || sql.getSQLState().equals("40001"))) {
          return true;
        }
      }
      return false;
    }

    private LedgerTransaction view(Set<AccountId> declared) {
      return new LedgerTransaction() {
        @Override
        public StoredPosting post(LedgerPosting posting) {
          return Batch.this.post(posting, declared);
        }

        @Override
        public long balanceCents(AccountId account) {
          Invariants.check(
              declared.contains(account),
              "a ledger work reads only accounts it declared: " + account);
          Balance balance = balances.get(account);
          if (balance == null) {
            throw new LedgerError.UnknownAccount(account);
          }
          return balance.balanceCents;
        }

        @Override
        public Handle handle() {
          return handle;
        }

        @Override
        public long nowMillis() {
          return nowMillis;
        }
      };
    }

    private StoredPosting post(LedgerPosting posting, Set<AccountId> declared) {
      if (posting.postingKey() != null) {
        StoredPosting earlier = earlierWithKey(posting.postingKey());
        if (earlier != null) {
          return replay(earlier, posting);
        }
      }
      for (PostingLine line : posting.lines()) {
        Invariants.check(
            declared.contains(line.account()),
            "a posting uses only declared accounts: " + line.account());
        Balance balance = balances.get(line.account());
        if (balance == null) {
          throw new LedgerError.UnknownAccount(line.account());
        }
        if (balance.balanceCents + line.amountCents() < 0 && !balance.stored.negativeAllowed()) {
          throw new LedgerError.InsufficientFunds(line.account());
        }
      }
      return record(posting);
    }

    private StoredPosting record(LedgerPosting posting) {
      List<StoredPosting.Line> lines = new ArrayList<>(posting.lines().size());
      long sum = 0;
      for (PostingLine line : posting.lines()) {
        Balance balance = balances.get(line.account());
        undos.push(new Undo(balance, balance.balanceCents, balance.entryCount));
        balance.balanceCents += line.amountCents();
        balance.entryCount++;
        sum += line.amountCents();
        lines.add(
            new StoredPosting.Line(
                line.account(), balance.entryCount, line.amountCents(), balance.balanceCents));
      }
      Invariants.check(sum == 0, "debits equal credits before a posting is written");
      StoredPosting stored =
          new StoredPosting(
              postingId(nowMillis),
              posting.kind(),
              posting.amountCents(),
              lines,
              posting.reference(),
              posting.postingKey(),
              posting.memo(),
              posting.reversesPostingId(),
              nowMillis,
              false);
      postings.add(stored);
      if (posting.postingKey() != null) {
        keysInBatch.put(posting.postingKey(), stored);
        keysInOrder.add(posting.postingKey());
      }
      return stored;
    }

    /**
     * A unique posting id that sorts by time: the batch's millisecond in hex, then 72 random bits.
     * New postings and lines then land at the right end of their indexes instead of at random
     * pages, which keeps large batches cheap.
     */
    private static String postingId(long nowMillis) {
      return "pst_" + String.format("%011x", nowMillis) + SecretTokens.randomUrlSafe(9);
    }

    private StoredPosting earlierWithKey(String key) {
      StoredPosting inBatch = keysInBatch.get(key);
      if (inBatch != null) {
        return inBatch;
      }
      if (keysLookedUp.add(key)) {
        storedByKey.putAll(store.findByKeys(handle, List.of(key)));
      }
      return storedByKey.get(key);
    }

    private static StoredPosting replay(StoredPosting earlier, LedgerPosting posting) {
      Map<AccountId, Long> earlierLines = new HashMap<>();
      earlier.lines().forEach(line -> earlierLines.put(line.account(), line.amountCents()));
      Map<AccountId, Long> newLines = new HashMap<>();
      posting.lines().forEach(line -> newLines.put(line.account(), line.amountCents()));
      if (earlier.kind() != posting.kind() || !earlierLines.equals(newLines)) {
        throw new LedgerError.PostingKeyConflict();
      }
      return earlier.asReplay();
    }

    private void undoTo(Mark mark) {
      while (undos.size() > mark.undos()) {
        Undo undo = undos.pop();
        undo.balance().balanceCents = undo.balanceCents();
        undo.balance().entryCount = undo.entryCount();
      }
      postings.subList(mark.postings(), postings.size()).clear();
      List<String> added = keysInOrder.subList(mark.keys(), keysInOrder.size());
      added.forEach(keysInBatch::remove);
      added.clear();
    }

    void flush() {
      if (postings.isEmpty()) {
        return;
      }
      store.insertPostings(handle, postings);
      List<LedgerStore.BalanceUpdate> updates = new ArrayList<>();
      for (Balance balance : balances.values()) {
        if (balance.entryCount != balance.stored.entryCount()) {
          updates.add(
              new LedgerStore.BalanceUpdate(
                  balance.stored.id(),
                  balance.balanceCents,
                  balance.entryCount,
                  balance.stored.balanceCents(),
                  balance.stored.entryCount()));
        }
      }
      int touched = store.updateBalances(handle, updates);
      Invariants.check(
          touched == updates.size(), "no balance changed while its account was locked");
    }
  }
}
