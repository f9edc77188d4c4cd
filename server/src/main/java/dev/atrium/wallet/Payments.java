package dev.atrium.wallet;

import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerWork;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one way a feature moves money on a person's or a shop's request: it names the payer's PIN,
 * the idempotency key, the limits to charge and the ledger accounts, and passes its own ledger
 * postings as a callback. Those postings run in the same ledger transaction as the stored response
 * of the key and the daily limit's accounting, so money moves exactly once and within the limits,
 * or not at all. Chat transfers, red packets, SEPA withdrawals and merchant payments all call
 * {@link #run}; a new feature that charges money (mini-program payments) does the same rather than
 * calling the PIN check, limits or idempotency keys itself. Thread-safe.
 */
public final class Payments {
  private final Ledger ledger;
  private final PaymentAuthorization authorization;
  private final Idempotency idempotency;
  private final PaymentLimits limits;

  Payments(
      Ledger ledger,
      PaymentAuthorization authorization,
      Idempotency idempotency,
      PaymentLimits limits) {
    this.ledger = ledger;
    this.authorization = authorization;
    this.idempotency = idempotency;
    this.limits = limits;
  }

  /**
   * One money-moving request.
   *
   * @param keyOwnerId whose Idempotency-Keys the key is among: the caller (a person, or a shop's
   *     ledger account for a till)
   * @param idempotencyKey the request's Idempotency-Key header as sent; {@link #run} checks it
   *     after the amount, so routes pass it unchecked
   * @param operation a stable name such as {@code withdrawal.create}; the same key under another
   *     operation is refused
   * @param requestWithoutPin what makes two requests the same (never the PIN): its JSON is hashed
   * @param accounts every ledger account the postings touch, locked for the transaction
   * @param successStatus the HTTP status of the first answer, stored and replayed with it
   * @param pin whose payment PIN confirms the request before any money moves; null for none
   * @param charge whose limits the amount counts towards; null when nothing leaves a payer
   * @param opened accounts created on first use before the transaction (a payer's wallet)
   */
  public record Payment(
      String keyOwnerId,
      String idempotencyKey,
      String operation,
      Object requestWithoutPin,
      Set<AccountId> accounts,
      int successStatus,
      Pin pin,
      Charge charge,
      Set<AccountId> opened) {
    /** A request answered 201 on success, without PIN and limits until added. */
    public static Payment of(
        String keyOwnerId,
        String idempotencyKey,
        String operation,
        Object requestWithoutPin,
        Set<AccountId> accounts) {
      return new Payment(
          keyOwnerId,
          idempotencyKey,
          operation,
          requestWithoutPin,
          accounts,
          201,
          null,
          null,
          Set.of());
    }

    /** Confirmed by {@code accountId}'s payment PIN. */
    public Payment confirmedBy(String accountId, String pin) {
      return new Payment(
          keyOwnerId,
          idempotencyKey,
          operation,
          requestWithoutPin,
          accounts,
          successStatus,
          new Pin(accountId, pin),
          charge,
          opened);
    }

    /**
     * {@code amountCents} counts towards the per-payment and daily limits of {@code
     * limitAccountId}.
     */
    public Payment charging(String limitAccountId, long amountCents) {
      return new Payment(
          keyOwnerId,
          idempotencyKey,
          operation,
          requestWithoutPin,
          accounts,
          successStatus,
          pin,
          new Charge(limitAccountId, amountCents),
          opened);
    }

    /**
     * Also creates {@code account} first if it does not exist yet (a person's wallet on first
     * payment).
     */
    public Payment opening(AccountId account) {
      return new Payment(
          keyOwnerId,
          idempotencyKey,
          operation,
          requestWithoutPin,
          accounts,
          successStatus,
          pin,
          charge,
          Stream.concat(opened.stream(), Stream.of(account))
              .collect(Collectors.toUnmodifiableSet()));
    }

    /** Answers {@code status} instead of 201 (200 for resolving a payment that already exists). */
    public Payment answering(int status) {
      return new Payment(
          keyOwnerId,
          idempotencyKey,
          operation,
          requestWithoutPin,
          accounts,
          status,
          pin,
          charge,
          opened);
    }
  }

  /** Who confirms a request with which PIN; the PIN never appears in logs or fingerprints. */
  public record Pin(String accountId, String pin) {
    @Override
    public String toString() {
      return "Pin[accountId=" + accountId + "]";
    }
  }

  /**
   * What a request charges against limits.
   *
   * @param limitAccountId the person's account id, or a shop's ledger account id for its payouts
   */
  public record Charge(String limitAccountId, long amountCents) {}

  /**
   * Runs {@code payment} once per idempotency key: checks the amount against the per-payment limit
   * and the key's shape, then replays the first answer if the key was used; otherwise checks the
   * PIN (outside the transaction, since hashing is slow), and in one ledger transaction over {@code
   * payment.accounts()} checks and counts the daily limit, runs {@code postings} (whose result is
   * the response body) and stores the answer under the key. Refusals move nothing and are not
   * stored.
   */
  public Idempotency.Response run(Payment payment, LedgerWork<?> postings) {
    Charge charge = payment.charge();
    if (charge != null) {
      limits.checkPayment(charge.amountCents());
    }
    String key = Idempotency.key(payment.idempotencyKey());
    payment.opened().forEach(ledger::ensureAccount);
    Pin pin = payment.pin();
    Runnable authorize =
        pin == null ? () -> {} : () -> authorization.authorize(pin.accountId(), pin.pin());
    return idempotency.execute(
        payment.keyOwnerId(),
        key,
        payment.operation(),
        Idempotency.fingerprint(payment.operation(), payment.requestWithoutPin()),
        payment.successStatus(),
        authorize,
        payment.accounts(),
        transaction -> {
          if (charge != null) {
            limits.checkAndRecord(transaction, charge.limitAccountId(), charge.amountCents());
          }
          return postings.apply(transaction);
        });
  }

  /**
   * Refuses a non-positive amount or one above the per-payment limit (422); {@link #run} does it
   * too, so call it only to refuse early, before other slower checks.
   */
  public void checkAmount(long amountCents) {
    limits.checkPayment(amountCents);
  }

  /**
   * The Idempotency-Key header as sent, checked (400 idempotency_key_required); {@link #run} checks
   * it too, so call it only to refuse early, before other checks.
   */
  public static String checkedKey(String header) {
    return Idempotency.key(header);
  }

  /**
   * Checks a PIN for an action that moves no money by itself but enables it (a one-time payment
   * code, a shop's payout IBAN): pin_invalid, pin_not_set, pin_locked, pin_wrong.
   */
  public void authorize(String accountId, String pin) {
    authorization.authorize(accountId, pin);
  }
}
