package dev.atrium.wallet.ledger;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.errors.RequestError;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The double-entry ledger every money-moving feature goes through. Postings are balanced and
 * immutable; user and merchant balances never go below zero; a posting returns only once it is
 * durable. Reads see committed data. Thread-safe. See docs/decisions/0005-ledger.md.
 */
public final class Ledger implements AutoCloseable {
  /** Statement lines per page at most. */
  public static final int STATEMENT_PAGE_ROWS_MAX = 500;

  private final Database database;
  private final LedgerStore store = new LedgerStore();
  private final LedgerWriter writer;
  private final Clock clock;
  private final LedgerSettings settings;

  public Ledger(Database database, Clock clock, LedgerSettings settings, MeterRegistry metrics) {
    this.database = database;
    this.clock = clock;
    this.settings = settings;
    this.writer =
        new LedgerWriter(
            database,
            store,
            clock,
            settings,
            metrics != null
                ? metrics
                : new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
  }

  /**
   * Writes a posting and returns it once durable, or throws {@link LedgerError} (insufficient
   * funds, unknown account, posting key conflict). A posting key seen before returns the first
   * posting, marked {@link StoredPosting#replayed()}.
   */
  public StoredPosting post(LedgerPosting posting) {
    return await(writer.submit(posting));
  }

  /**
   * Like {@link #post} without waiting; the future completes once the posting is durable or
   * refused.
   */
  public CompletableFuture<StoredPosting> submit(LedgerPosting posting) {
    return writer.submit(posting);
  }

  /**
   * Runs {@code work} atomically with its postings, on the writer thread; it may post only to
   * {@code accounts}, which are locked for it. Returns the work's result once durable; rethrows
   * what it threw (its postings and SQL then had no effect).
   */
  @SuppressWarnings("unchecked")
  public <R> R run(Set<AccountId> accounts, LedgerWork<R> work) {
    return (R) await(writer.submit(accounts, work));
  }

  /**
   * Posts the exact opposite of a posting, once: reversing the same posting again returns the first
   * reversal. The reversal can be refused for insufficient funds like any posting.
   */
  public StoredPosting reverse(String postingId, String memo) {
    StoredPosting original = posting(postingId).orElseThrow(LedgerError.PostingNotFound::new);
    List<PostingLine> lines = new ArrayList<>();
    original
        .lines()
        .forEach(line -> lines.add(new PostingLine(line.account(), -line.amountCents())));
    return post(
        new LedgerPosting(
            PostingKind.REVERSAL,
            lines,
            original.reference(),
            "reversal:" + postingId,
            memo,
            postingId));
  }

  /** Creates the user or merchant account unless it exists, and returns its id. Idempotent. */
  public AccountId ensureAccount(AccountId id) {
    if (account(id).isEmpty()) {
      database.inTransaction(
          handle -> {
            store.ensureAccount(handle, id, clock.millis());
            return null;
          });
    }
    return id;
  }

  public Optional<LedgerAccount> account(AccountId id) {
    return database.read(handle -> store.find(handle, id));
  }

  /** The committed balance; zero for an account not created yet. */
  public long balanceCents(AccountId id) {
    return account(id).map(LedgerAccount::balanceCents).orElse(0L);
  }

  /** An account's lines, newest first, before entry {@code beforeSeq} (null: from the newest). */
  public List<StatementEntry> statement(AccountId id, Long beforeSeq, int rowsMax) {
    int rows = Math.clamp(rowsMax, 1, STATEMENT_PAGE_ROWS_MAX);
    long before = beforeSeq == null ? Long.MAX_VALUE : beforeSeq;
    return database.read(handle -> store.statement(handle, id, before, rows));
  }

  public Optional<StoredPosting> posting(String postingId) {
    return database.read(handle -> store.findPosting(handle, postingId));
  }

  /**
   * Postings written for one thing (a transfer, a withdrawal ...), oldest first, at most {@code
   * rowsMax}.
   */
  public List<StoredPosting> postingsFor(String reference, int rowsMax) {
    return database.read(
        handle -> store.findByReference(handle, reference, Math.clamp(rowsMax, 1, 1000)));
  }

  /** Verifies the whole ledger; see {@link LedgerCheck}. Reads only; safe while the server runs. */
  public LedgerCheck check() {
    return database.read(
        handle -> {
          long[] totals = store.journalAndBalanceTotals(handle);
          return new LedgerCheck(
              totals[0],
              totals[1],
              totals[2],
              totals[3],
              store.accountProblems(handle, LedgerCheck.PROBLEMS_MAX),
              store.unbalancedPostings(handle, LedgerCheck.PROBLEMS_MAX));
        });
  }

  /** Writes waiting for the writer right now; for metrics and tests. */
  public int queued() {
    return writer.queued();
  }

  @Override
  public void close() {
    writer.close();
  }

  private <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(settings.waitMillisMax(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw RequestError.overloaded(1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RequestError.overloaded(1);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("Ledger write failed", cause);
    }
  }
}
