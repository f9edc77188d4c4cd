package dev.atrium.wallet;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.UniqueViolation;
import dev.atrium.platform.json.Json;
import dev.atrium.platform.security.SecretTokens;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerWork;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Exactly-once money-moving requests: every such POST carries an {@code Idempotency-Key}; the first
 * successful response is stored in the same ledger transaction as the money it moved, and the same
 * key with the same request returns that response again (status and body) without doing anything;
 * with a different request, 422. Refusals are not stored, since they moved nothing: retrying one
 * runs it again. Keys are per account.
 *
 * <p>Parallel copies of one request (same key) on this node run one at a time: a copy waits for the
 * running one and then replays its response, so it neither repeats the PIN check nor holds a PIN
 * slot; after a refusal (not stored) the next copy runs itself. A copy still waiting after 20
 * seconds gets 409 {@code idempotency_in_progress} with Retry-After, as Stripe answers. Across
 * nodes, a copy finds the stored response inside the ledger transaction and answers with it, so
 * money moves once either way. Thread-safe.
 *
 * <p>Only {@link Payments} runs requests through it; routes use its header names, OpenAPI notes and
 * {@link #respond}.
 */
public final class Idempotency {
  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  /** For the OpenAPI summaries of routes that take an Idempotency-Key. */
  public static final String OPENAPI_NOTE =
      " Needs an Idempotency-Key header: the same key and request return the"
          + " first response again (header Idempotent-Replayed: true); the same key with another request gets 422"
          + " idempotency_key_reused; a copy sent while the first still runs waits for its answer, or after 20 s gets"
          + " 409 idempotency_in_progress with Retry-After.";

  /** The same, for summaries that already say the route needs an Idempotency-Key. */
  public static final String IN_PROGRESS_NOTE =
      " A copy sent while the first (same Idempotency-Key) still runs"
          + " waits for its answer, or after 20 s gets 409 idempotency_in_progress with Retry-After.";

  private static final long IN_PROGRESS_RETRY_AFTER_SECONDS = 1;

  /** How long a copy waits for the running request with its key before answering 409. */
  private static final long IN_PROGRESS_WAIT_MILLIS_MAX = 20_000;

  /** Copies in turn after refused ones (refusals are not stored, so the next copy runs). */
  private static final int IN_PROGRESS_ATTEMPTS_MAX = 100;

  private static final int KEY_CHARS_MAX = 100;

  private final Database database;
  private final Ledger ledger;
  private final IdempotencyStore store = new IdempotencyStore();

  /**
   * Keys being processed on this node, each with a marker completed when its request finishes;
   * bounded by the requests the server runs at once.
   */
  private final ConcurrentHashMap<String, CompletableFuture<Void>> running =
      new ConcurrentHashMap<>();

  Idempotency(Database database, Ledger ledger) {
    this.database = database;
    this.ledger = ledger;
  }

  /** A response to send: stored as JSON text, so a replay is byte for byte the first answer. */
  public record Response(int status, String body, boolean replayed) {}

  /** The request's Idempotency-Key; 400 idempotency_key_required when missing or malformed. */
  public static String key(Context ctx) {
    return key(ctx.header(HEADER));
  }

  /**
   * An Idempotency-Key header as sent, checked; 400 idempotency_key_required when missing or
   * malformed.
   */
  static String key(String key) {
    if (key == null
        || key.isEmpty()
        || key.length() > KEY_CHARS_MAX
        || !key.matches("[A-Za-z0-9_.:-]+")) {
      throw new WalletError.IdempotencyKeyRequired();
    }
    return key;
  }

  /**
   * A fingerprint of the request: the operation, its target and its body without the PIN (a PIN
   * must never be stored, not even hashed, next to a fast hash).
   */
  static String fingerprint(String operation, Object requestWithoutPin) {
    return SecretTokens.sha256Hex(operation + "\n" + Json.write(requestWithoutPin));
  }

  /**
   * Runs a money-moving operation once per key. {@code authorize} runs first unless the key replays
   * (it checks the PIN, limits and membership: slow or refusing work that must not happen on the
   * ledger's writer thread); then {@code work} runs atomically on the ledger with the stored
   * response, over the declared {@code accounts}. The work returns the response body.
   */
  Response execute(
      String accountId,
      String key,
      String operation,
      String fingerprint,
      int successStatus,
      Runnable authorize,
      Set<AccountId> accounts,
      LedgerWork<?> work) {
    Optional<Response> earlier = replay(accountId, key, operation, fingerprint);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    String runningKey = accountId + "\n" + key;
    long deadlineNanos = System.nanoTime() + IN_PROGRESS_WAIT_MILLIS_MAX * 1_000_000;
    for (int attempt = 0; attempt < IN_PROGRESS_ATTEMPTS_MAX; attempt++) {
      CompletableFuture<Void> mine = new CompletableFuture<>();
      CompletableFuture<Void> other = running.putIfAbsent(runningKey, mine);
      if (other == null) {
        try {
          // The first copy may have finished between our replay check and taking the key.
          earlier = replay(accountId, key, operation, fingerprint);
          return earlier.isPresent()
              ? earlier.get()
              : run(
                  accountId, key, operation, fingerprint, successStatus, authorize, accounts, work);
        } finally {
          running.remove(runningKey, mine);
          mine.complete(null);
        }
      }
      if (!awaitUntil(other, deadlineNanos)) {
        break;
      }
      earlier = replay(accountId, key, operation, fingerprint);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    throw new WalletError.IdempotencyInProgress(IN_PROGRESS_RETRY_AFTER_SECONDS);
  }

  /** Waits for another copy to finish, at most until the deadline; false when it did not. */
  private static boolean awaitUntil(CompletableFuture<Void> other, long deadlineNanos) {
    try {
      other.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a running copy's marker never fails", e);
    }
  }

  private Response run(
      String accountId,
      String key,
      String operation,
      String fingerprint,
      int successStatus,
      Runnable authorize,
      Set<AccountId> accounts,
      LedgerWork<?> work) {
    authorize.run();
    try {
      return ledger.run(
          accounts,
          transaction -> {
            Optional<IdempotencyStore.Stored> raced =
                store.find(transaction.handle(), accountId, key);
            if (raced.isPresent()) {
              return toResponse(raced.get(), operation, fingerprint);
            }
            String body = Json.write(work.apply(transaction));
            store.insert(
                transaction.handle(),
                accountId,
                key,
                new IdempotencyStore.Stored(operation, fingerprint, successStatus, body),
                transaction.nowMillis());
            return new Response(successStatus, body, false);
          });
    } catch (UniqueViolation e) {
      // Another node stored this key between our check and our insert: answer as it did.
      return replay(accountId, key, operation, fingerprint).orElseThrow(() -> e);
    }
  }

  /** Writes a response the way {@link #execute} returned it. */
  public static void respond(Context ctx, Response response) {
    if (response.replayed()) {
      ctx.header(REPLAYED_HEADER, "true");
    }
    ctx.status(response.status()).contentType("application/json").result(response.body());
  }

  /** Forgets keys older than {@code beforeMillis}; returns how many. */
  int sweep(long beforeMillis, int rowsMax) {
    return database.inTransaction(handle -> store.deleteOlderThan(handle, beforeMillis, rowsMax));
  }

  private Optional<Response> replay(
      String accountId, String key, String operation, String fingerprint) {
    return database
        .read(handle -> store.find(handle, accountId, key))
        .map(stored -> toResponse(stored, operation, fingerprint));
  }

  private static Response toResponse(
      IdempotencyStore.Stored stored, String operation, String fingerprint) {
    if (!stored.operation().equals(operation) || !stored.requestHash().equals(fingerprint)) {
      throw new WalletError.IdempotencyKeyReused();
    }
    return new Response(stored.status(), stored.responseBody(), true);
  }
}
