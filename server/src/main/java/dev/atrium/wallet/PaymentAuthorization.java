package dev.atrium.wallet;

import dev.atrium.identity.IdentityService;
import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.UniqueViolation;
import dev.atrium.platform.security.PasswordHasher;
import java.time.Clock;
import java.util.Optional;

/**
 * The payment PIN: six digits, stored as Argon2id, required for every outgoing payment. Five
 * wrong tries lock outgoing payments for fifteen minutes. Other wallet features (withdrawals,
 * merchant payments) call {@link #authorize} too. Hashing happens outside transactions.
 * Thread-safe.
 */
public final class PaymentAuthorization {
  public static final int TRIES_MAX = 5;
  public static final long LOCK_MILLIS = 15 * 60_000L;

  private final Database database;
  private final PinStore pins = new PinStore();
  private final PasswordHasher hasher;
  private final IdentityService identity;
  private final Clock clock;

  PaymentAuthorization(Database database, PasswordHasher hasher, IdentityService identity, Clock clock) {
    this.database = database;
    this.hasher = hasher;
    this.identity = identity;
    this.clock = clock;
  }

  /** Whether a PIN is set, and until when outgoing payments are locked (null: not locked). */
  public record PinStatus(boolean set, Long lockedUntilMillis) {}

  public PinStatus status(String accountId) {
    long now = clock.millis();
    return database.read(handle -> pins.find(handle, accountId))
        .map(pin -> new PinStatus(true, pin.lockedUntilMillis() != null && pin.lockedUntilMillis() > now
            ? pin.lockedUntilMillis() : null))
        .orElse(new PinStatus(false, null));
  }

  /**
   * Checks the PIN for an outgoing payment. Throws {@link WalletError} pin_invalid (not six
   * digits; counts no try), pin_not_set, pin_locked (with Retry-After) or pin_wrong (with the
   * tries left).
   */
  public AuthorizedPayer authorize(String accountId, String pin) {
    requireSixDigits(pin);
    checkPin(accountId, pin);
    return new AuthorizedPayer(accountId);
  }

  /**
   * Sets the PIN. The first PIN needs only the session; changing it needs the current PIN or
   * the account password (for a forgotten PIN).
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
        throw WalletError.of(WalletError.Reason.PIN_ALREADY_SET);
      }
    }
    String hash = hasher.hash(newPin);
    long now = clock.millis();
    try {
      database.inTransaction(handle -> {
        if (exists) {
          pins.replace(handle, accountId, hash, now);
        } else {
          pins.insert(handle, accountId, hash, now);
        }
        return null;
      });
    } catch (UniqueViolation e) {
      throw WalletError.of(WalletError.Reason.PIN_ALREADY_SET);
    }
  }

  private void checkPin(String accountId, String pin) {
    long now = clock.millis();
    Optional<PinStore.Pin> stored = database.read(handle -> pins.find(handle, accountId));
    if (stored.isEmpty()) {
      throw WalletError.of(WalletError.Reason.PIN_NOT_SET);
    }
    boolean reserved = database.inTransaction(handle -> pins.reserveTry(handle, accountId, TRIES_MAX, now));
    if (!reserved) {
      Long until = stored.get().lockedUntilMillis();
      throw WalletError.pinLocked(until == null ? 1 : Math.ceilDiv(until - now, 1000));
    }
    if (hasher.verify(pin, stored.get().hash())) {
      database.inTransaction(handle -> {
        pins.resetTries(handle, accountId);
        return null;
      });
      return;
    }
    long lockedUntil = now + LOCK_MILLIS;
    int used = database.inTransaction(handle -> pins.lockIfExhausted(handle, accountId, TRIES_MAX, lockedUntil));
    if (used >= TRIES_MAX) {
      throw WalletError.pinLocked(LOCK_MILLIS / 1000);
    }
    throw WalletError.pinWrong(TRIES_MAX - used);
  }

  private static void requireSixDigits(String pin) {
    if (pin == null || !pin.matches("[0-9]{6}")) {
      throw WalletError.of(WalletError.Reason.PIN_INVALID);
    }
  }
}
