package dev.atrium.wallet;

import dev.atrium.identity.IdentityService;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.UniqueViolation;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.security.PasswordHasher;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The payment PIN: six digits, stored as Argon2id, required for every outgoing payment. Five wrong
 * tries lock outgoing payments for fifteen minutes. Other features reach it only through {@link
 * Payments}. Hashing happens outside transactions.
 *
 * <p>Concurrency: each check takes a slot in the stored counter ({@link PinState}) before it
 * hashes, by compare-and-set, so that wrong tries plus checks in flight never exceed {@link
 * #TRIES_MAX} across threads and nodes; a check that finds every slot taken by running checks waits
 * for one (they may be right PINs) rather than answering pin_locked. Only a stored lock is reported
 * as one, and each wrong PIN counts exactly once. Thread-safe.
 */
final class PaymentAuthorization {
  public static final int TRIES_MAX = 5;
  public static final long LOCK_MILLIS = 15 * 60_000L;

  /** How long a check waits for a slot held by other checks of the same account before a 503. */
  private static final long ADMIT_WAIT_MILLIS_MAX = 15_000;

  private static final long ADMIT_POLL_MILLIS = 10;
  private static final int ADMIT_ATTEMPTS_MAX = 3_000;
  private static final int FINISH_ATTEMPTS_MAX = 1_000;

  /**
   * A slot taken this long ago belongs to a check no node can still be running (a hash waits at
   * most 10 s for its turn and then takes well under a second): it counts as a wrong try.
   */
  private static final long ABANDONED_MILLIS = 120_000;

  private final Database database;
  private final PinStore pins = new PinStore();
  private final PasswordHasher hasher;
  private final IdentityService identity;
  private final Clock clock;

  PaymentAuthorization(
      Database database, PasswordHasher hasher, IdentityService identity, Clock clock) {
    this.database = database;
    this.hasher = hasher;
    this.identity = identity;
    this.clock = clock;
  }

  /** Whether a PIN is set, and until when outgoing payments are locked (null: not locked). */
  public record PinStatus(boolean set, Long lockedUntilMillis) {}

  public PinStatus status(String accountId) {
    long now = clock.millis();
    return database
        .read(handle -> pins.find(handle, accountId))
        .map(
            pin ->
                new PinStatus(
                    true,
                    pin.lockedUntilMillis() != null && pin.lockedUntilMillis() > now
                        ? pin.lockedUntilMillis()
                        : null))
        .orElse(new PinStatus(false, null));
  }

  /**
   * Checks the PIN for an outgoing payment. Throws {@link WalletError} pin_invalid (not six digits;
   * counts no try), pin_not_set, pin_locked (with Retry-After) or pin_wrong (with the tries left).
   */
  public AuthorizedPayer authorize(String accountId, String pin) {
    requireSixDigits(pin);
    checkPin(accountId, pin);
    return new AuthorizedPayer(accountId);
  }

  /**
   * Sets the PIN. The first PIN needs only the session; changing it needs the current PIN or the
   * account password (for a forgotten PIN).
   */
  public void setPin(String accountId, String newPin, String currentPin, String password) {
    requireSixDigits(newPin);
    boolean exists = database.read(handle -> pins.find(handle, accountId)).isPresent();
    if (exists) {
      if (currentPin != null) {
        requireSixDigits(currentPin);
        checkPin(accountId, currentPin);
      } else if (password != null) {
        identity.verifyPassword(accountId, password);
      } else {
        throw new WalletError.PinAlreadySet();
      }
    }
    String hash = hasher.hash(newPin);
    long now = clock.millis();
    try {
      database.inTransaction(
          handle -> {
            if (exists) {
              pins.replace(handle, accountId, hash, now);
            } else {
              pins.insert(handle, accountId, hash, now);
            }
            return null;
          });
    } catch (UniqueViolation e) {
      throw new WalletError.PinAlreadySet();
    }
  }

  private void checkPin(String accountId, String pin) {
    PinStore.Pin admitted = admit(accountId);
    boolean right;
    try {
      right = hasher.verify(pin, admitted.hash());
    } catch (RuntimeException e) {
      // Too busy to hash (503): no PIN was checked, so no try counts.
      finish(accountId, PinState::afterNotChecked);
      throw e;
    }
    if (right) {
      finish(accountId, PinState::afterRight);
      return;
    }
    long now = clock.millis();
    PinState after = finish(accountId, state -> state.afterWrong(now, TRIES_MAX, LOCK_MILLIS));
    if (after.failedTries() >= TRIES_MAX) {
      throw new WalletError.PinLocked(Math.ceilDiv(after.lockedUntilMillis() - now, 1000));
    }
    throw new WalletError.PinWrong(TRIES_MAX - after.failedTries());
  }

  /**
   * Takes a slot for one check, waiting (bounded) while every slot is held by checks still running:
   * those may all be right PINs, so a full house is not a lock. Returns the stored PIN.
   */
  private PinStore.Pin admit(String accountId) {
    long waitDeadlineNanos = System.nanoTime() + ADMIT_WAIT_MILLIS_MAX * 1_000_000;
    for (int attempt = 0; attempt < ADMIT_ATTEMPTS_MAX; attempt++) {
      PinStore.Pin stored =
          database
              .read(handle -> pins.find(handle, accountId))
              .orElseThrow(WalletError.PinNotSet::new);
      long now = clock.millis();
      PinState.Admission admission =
          stored.state().admit(now, now - ABANDONED_MILLIS, TRIES_MAX, LOCK_MILLIS);
      if (admission.verdict() == PinState.Verdict.BUSY) {
        if (System.nanoTime() > waitDeadlineNanos) {
          break;
        }
        sleep(ADMIT_POLL_MILLIS);
        continue;
      }
      boolean unchanged = admission.next().equals(stored.state());
      if (!unchanged
          && !database.inTransaction(
              handle -> pins.compareAndSet(handle, accountId, stored.state(), admission.next()))) {
        continue;
      }
      if (admission.verdict() == PinState.Verdict.LOCKED) {
        throw new WalletError.PinLocked(
            Math.ceilDiv(admission.next().lockedUntilMillis() - now, 1000));
      }
      return stored;
    }
    throw RequestError.overloaded(1);
  }

  /** Applies a check's outcome to the counter, retrying when other checks change it meanwhile. */
  private PinState finish(String accountId, UnaryOperator<PinState> outcome) {
    for (int attempt = 0; attempt < FINISH_ATTEMPTS_MAX; attempt++) {
      Optional<PinStore.Pin> stored = database.read(handle -> pins.find(handle, accountId));
      if (stored.isEmpty()) {
        throw new WalletError.PinNotSet();
      }
      PinState next = outcome.apply(stored.get().state());
      if (database.inTransaction(
          handle -> pins.compareAndSet(handle, accountId, stored.get().state(), next))) {
        return next;
      }
    }
    throw RequestError.overloaded(1);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RequestError.overloaded(1);
    }
  }

  private static void requireSixDigits(String pin) {
    if (pin == null || !pin.matches("[0-9]{6}")) {
      throw new WalletError.PinInvalid();
    }
  }
}
