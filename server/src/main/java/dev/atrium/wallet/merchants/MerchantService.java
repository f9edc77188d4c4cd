package dev.atrium.wallet.merchants;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.limits.Invariants;
import dev.atrium.platform.security.SecretTokens;
import dev.atrium.wallet.LatinText;
import dev.atrium.wallet.emvco.EmvcoFormatException;
import dev.atrium.wallet.emvco.MerchantPresentedQr;
import dev.atrium.wallet.emvco.MerchantPresentedQr.PointOfInitiation;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.LedgerTransaction;
import dev.atrium.wallet.ledger.PostingKind;
import dev.atrium.wallet.sepa.Iban;
import dev.atrium.wallet.sepa.SepaService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Merchants: applying and the operator's decision, point-of-sale API keys, static and dynamic EMVCo
 * QR codes, customers' one-minute payment codes, payments, refunds and statements. Money moves only
 * through the ledger, each movement with the merchant's or the payer's row checks in the same
 * ledger transaction. Thread-safe: all state is in the database.
 */
public final class MerchantService {
  public static final int LIST_ROWS_MAX = 100;
  public static final int STATEMENT_PAGE_ROWS_MAX = 500;

  /** PRODUCT: the customer's payment code is valid for one minute. */
  public static final long PAYMENT_CODE_TTL_MILLIS = 60_000;

  /**
   * Used and expired codes are kept as long as idempotency keys at least, so retried charges
   * replay.
   */
  static final long PAYMENT_CODE_KEPT_MILLIS = 3 * 86_400_000L;

  static final String KEY_PREFIX = "mk";
  static final String PAYMENT_CODE_PREFIX = "pc";

  private final Database database;
  private final Ledger ledger;
  private final MerchantStore store = new MerchantStore();
  private final MerchantSettings settings;
  private final Clock clock;

  public MerchantService(Database database, Ledger ledger, MerchantSettings settings, Clock clock) {
    this.database = database;
    this.ledger = ledger;
    this.settings = settings;
    this.clock = clock;
  }

  // Onboarding

  /**
   * An application to become a merchant; the operator approves it later. The name and city are
   * stored as the QR code carries them (EMVCo tags 59 and 60: printable ASCII, at most 25 and 15
   * characters), transliterated to Latin letters. A name with letters that have no Latin form
   * (Chinese, Cyrillic, ...) needs {@code latinName} (and a city {@code latinCity}), the Latin name
   * the merchant goes by; letters are never silently dropped.
   */
  public Merchant apply(
      String ownerAccountId,
      String name,
      String city,
      String categoryCode,
      String latinName,
      String latinCity) {
    String printableName =
        qrText(
            required(name, "name"),
            latinName,
            "name",
            "latinName",
            MerchantPresentedQr.NAME_LENGTH_MAX);
    String printableCity =
        qrText(
            required(city, "city"),
            latinCity,
            "city",
            "latinCity",
            MerchantPresentedQr.CITY_LENGTH_MAX);
    if (categoryCode == null || !categoryCode.matches("[0-9]{4}")) {
      throw RequestError.validation(
          "categoryCode", "The merchant category code (ISO 18245) is four digits.");
    }
    Merchant merchant =
        new Merchant(
            "m_" + SecretTokens.newId(),
            ownerAccountId,
            printableName,
            printableCity,
            categoryCode,
            Merchant.Status.PENDING,
            clock.millis(),
            null,
            null,
            null);
    database.inTransaction(
        handle -> {
          store.insertMerchant(handle, merchant);
          return null;
        });
    return merchant;
  }

  public List<Merchant> merchantsOf(String ownerAccountId) {
    return database.read(handle -> store.merchantsOf(handle, ownerAccountId, LIST_ROWS_MAX));
  }

  public List<Merchant> merchantsWithStatus(Merchant.Status status) {
    return database.read(handle -> store.merchantsWithStatus(handle, status, LIST_ROWS_MAX));
  }

  /** The operator's decision; approving creates the merchant's ledger account. */
  public Merchant decide(String merchantId, Merchant.Status status) {
    Merchant merchant =
        database
            .read(handle -> store.merchant(handle, merchantId))
            .orElseThrow(() -> new MerchantError.NotFound("merchant"));
    if (status == Merchant.Status.APPROVED) {
      ledger.ensureAccount(AccountId.merchant(merchant.id()));
    }
    return database.inTransaction(
        handle -> {
          store.decide(handle, merchantId, status, clock.millis());
          return store.merchant(handle, merchantId).orElseThrow();
        });
  }

  /** The caller's own merchant; anyone else's looks like no merchant at all. */
  public Merchant owned(String ownerAccountId, String merchantId) {
    return database
        .read(handle -> store.merchant(handle, merchantId))
        .filter(merchant -> merchant.ownerAccountId().equals(ownerAccountId))
        .orElseThrow(() -> new MerchantError.NotFound("merchant"));
  }

  /** The caller's own merchant, approved: what moving its money (refunds, payouts) needs. */
  public Merchant ownedApproved(String ownerAccountId, String merchantId) {
    return requireApproved(owned(ownerAccountId, merchantId));
  }

  /** Sets the IBAN (checksum validated) and holder name the shop's balance is paid out to. */
  Merchant setPayoutAccount(
      String ownerAccountId, String merchantId, Iban iban, String holderName) {
    Merchant merchant = owned(ownerAccountId, merchantId);
    String name = holderName == null || holderName.isBlank() ? merchant.name() : holderName.strip();
    SepaService.checkHolderName(name);
    return database.inTransaction(
        handle -> {
          store.setPayoutAccount(handle, merchant.id(), iban.value(), name);
          return store.merchant(handle, merchant.id()).orElseThrow();
        });
  }

  /** The merchant's balance in cents (0 before approval, when it has no ledger account yet). */
  public long balanceCents(Merchant merchant) {
    return ledger.balanceCents(AccountId.merchant(merchant.id()));
  }

  // Point-of-sale keys

  /** The owner's view of a shop's keys, newest first, revoked ones included; never a secret. */
  public List<MerchantApiKey> apiKeys(String ownerAccountId, String merchantId) {
    Merchant merchant = owned(ownerAccountId, merchantId);
    return database.read(handle -> store.apiKeysOf(handle, merchant.id(), LIST_ROWS_MAX));
  }

  /** A new key: the secret is in the result only, and stored as its SHA-256. */
  public record NewApiKey(String id, String key, String label, long createdAtMillis) {}

  public NewApiKey createApiKey(String ownerAccountId, String merchantId, String label) {
    Merchant merchant = requireApproved(owned(ownerAccountId, merchantId));
    if (label != null && (label.isBlank() || label.length() > 100)) {
      throw RequestError.validation("label", "A label is 1-100 characters.");
    }
    String secret = SecretTokens.newSecret(KEY_PREFIX);
    NewApiKey key = new NewApiKey("key_" + SecretTokens.newId(), secret, label, clock.millis());
    database.inTransaction(
        handle -> {
          store.insertApiKey(
              handle,
              key.id(),
              merchant.id(),
              SecretTokens.sha256Hex(secret),
              label,
              key.createdAtMillis());
          return null;
        });
    return key;
  }

  public void revokeApiKey(String ownerAccountId, String merchantId, String keyId) {
    Merchant merchant = owned(ownerAccountId, merchantId);
    boolean revoked =
        database.inTransaction(
            handle -> store.revokeApiKey(handle, merchant.id(), keyId, clock.millis()));
    if (!revoked) {
      throw new MerchantError.NotFound("api key");
    }
  }

  /**
   * The approved merchant a POS key belongs to; 401 for unknown or revoked keys, 409 when
   * suspended.
   */
  public Merchant authenticate(String key) {
    if (key == null || !key.startsWith(KEY_PREFIX + "_") || key.length() > 100) {
      throw new MerchantError.KeyRequired();
    }
    Merchant merchant =
        database
            .read(
                handle ->
                    store
                        .merchantOfKey(handle, SecretTokens.sha256Hex(key))
                        .flatMap(id -> store.merchant(handle, id)))
            .orElseThrow(MerchantError.KeyRequired::new);
    return requireApproved(merchant);
  }

  // QR codes

  /** The merchant's static code: the customer scans it and types the amount. */
  public MerchantPresentedQr staticCode(Merchant merchant) {
    requireApproved(merchant);
    return new MerchantPresentedQr(
        PointOfInitiation.STATIC,
        merchant.id(),
        null,
        merchant.categoryCode(),
        null,
        settings.countryCode(),
        merchant.name(),
        merchant.city(),
        null);
  }

  /** A dynamic code for one order of a fixed amount, payable once within the order lifetime. */
  public MerchantOrder createOrder(
      Merchant merchant, String orderReference, long amountCents, String billNumber) {
    requireApproved(merchant);
    if (orderReference == null || !orderReference.matches("[A-Za-z0-9._-]{1,25}")) {
      throw RequestError.validation(
          "orderReference", "An order reference is 1-25 letters, digits or . _ -");
    }
    if (amountCents < 1 || amountCents > LedgerPosting.AMOUNT_CENTS_MAX) {
      throw RequestError.validation("amountCents", "The amount must be at least 1 cent.");
    }
    if (billNumber != null && !billNumber.matches("[\\x20-\\x7E]{1,25}")) {
      throw RequestError.validation(
          "billNumber", "A bill number is 1-25 printable ASCII characters.");
    }
    long now = clock.millis();
    MerchantOrder order =
        new MerchantOrder(
            merchant.id(),
            orderReference,
            amountCents,
            billNumber,
            null,
            now,
            now + settings.orderTtlSeconds() * 1000L);
    boolean created = database.inTransaction(handle -> store.insertOrder(handle, order));
    if (!created) {
      throw new MerchantError.OrderExists();
    }
    return order;
  }

  /** OPEN, PAID or EXPIRED, as of now. */
  public String status(MerchantOrder order) {
    if (order.paymentId() != null) {
      return "PAID";
    }
    return order.expiresAtMillis() <= clock.millis() ? "EXPIRED" : "OPEN";
  }

  public MerchantPresentedQr dynamicCode(Merchant merchant, MerchantOrder order) {
    return new MerchantPresentedQr(
        PointOfInitiation.DYNAMIC,
        merchant.id(),
        order.orderReference(),
        merchant.categoryCode(),
        order.amountCents(),
        settings.countryCode(),
        merchant.name(),
        merchant.city(),
        order.billNumber());
  }

  public MerchantOrder order(Merchant merchant, String orderReference) {
    return database
        .read(handle -> store.order(handle, merchant.id(), orderReference))
        .orElseThrow(() -> new MerchantError.NotFound("order"));
  }

  // Payments

  /**
   * What a scanned code asks for, checked before any money moves: the merchant (approved), the
   * amount (the stored order's for a dynamic code, else typed by the customer) and the order, if
   * any.
   */
  public record ScannedPayment(Merchant merchant, long amountCents, String orderReference) {}

  /**
   * Reads a scanned payload and checks it against what the server issued. The CRC is a checksum
   * anyone can recompute, so nothing in the payload is trusted: the merchant and the order are
   * looked up by their ids, the code the server would issue for them is rebuilt, and any other
   * field (amount, currency, name, city, MCC, country, bill number) must equal it, else
   * qr_code_mismatch. The amount charged is the stored order's.
   */
  public ScannedPayment readCode(String payload, Long typedAmountCents) {
    MerchantPresentedQr code;
    try {
      code = MerchantPresentedQr.decode(payload);
    } catch (EmvcoFormatException e) {
      throw new MerchantError.InvalidCode(e.getMessage());
    }
    Merchant merchant =
        requireApproved(
            database
                .read(handle -> store.merchant(handle, code.merchantId()))
                .orElseThrow(() -> new MerchantError.NotFound("merchant")));
    if (code.pointOfInitiation() == PointOfInitiation.DYNAMIC) {
      if (code.orderReference() == null) {
        throw new MerchantError.CodeMismatch();
      }
      MerchantOrder order =
          database
              .read(handle -> store.order(handle, merchant.id(), code.orderReference()))
              .orElseThrow(() -> new MerchantError.NotFound("order"));
      requireIssued(code, dynamicCode(merchant, order));
      if (typedAmountCents != null && typedAmountCents.longValue() != order.amountCents()) {
        throw RequestError.validation(
            "amountCents", "This code fixes the amount; leave amountCents out.");
      }
      return new ScannedPayment(merchant, order.amountCents(), order.orderReference());
    }
    requireIssued(code, staticCode(merchant));
    if (typedAmountCents == null
        || typedAmountCents < 1
        || typedAmountCents > LedgerPosting.AMOUNT_CENTS_MAX) {
      throw RequestError.validation("amountCents", "Enter the amount to pay, at least 1 cent.");
    }
    return new ScannedPayment(merchant, typedAmountCents, null);
  }

  private static void requireIssued(MerchantPresentedQr scanned, MerchantPresentedQr issued) {
    if (!scanned.equals(issued)) {
      throw new MerchantError.CodeMismatch();
    }
  }

  /** The ledger accounts a payment from {@code payerAccountId} to the merchant posts to. */
  static Set<AccountId> paymentAccounts(String payerAccountId, String merchantId) {
    return Set.of(AccountId.user(payerAccountId), AccountId.merchant(merchantId));
  }

  /**
   * The ledger work of paying a scanned code: for an order, claim it first (once, unexpired), then
   * move the money and record the payment, all in one ledger transaction.
   */
  MerchantPayment pay(LedgerTransaction tx, String payerAccountId, ScannedPayment scanned) {
    String paymentId = "pay_" + SecretTokens.newId();
    MerchantPayment.Method method = MerchantPayment.Method.STATIC_QR;
    long amountCents = scanned.amountCents();
    if (scanned.orderReference() != null) {
      MerchantOrder order =
          store
              .order(tx.handle(), scanned.merchant().id(), scanned.orderReference())
              .orElseThrow(() -> new MerchantError.NotFound("order"));
      // The stored order's amount, never the payload's; readCode checked they agree, and the
      // payment limits were checked on it.
      Invariants.check(
          order.amountCents() == scanned.amountCents(),
          "a dynamic payment charges its order's amount");
      claimOrder(tx, order, order.amountCents(), paymentId);
      amountCents = order.amountCents();
      method = MerchantPayment.Method.DYNAMIC_QR;
    }
    return record(
        tx,
        paymentId,
        payerAccountId,
        scanned.merchant(),
        amountCents,
        method,
        scanned.orderReference());
  }

  /**
   * A new payment code for the customer: shown as a QR code, valid one minute, charged at most
   * once. It replaces the account's unused codes, so an account has at most one live code.
   */
  public record PaymentCode(String code, long expiresAtMillis) {}

  PaymentCode createPaymentCode(String accountId) {
    String code = SecretTokens.newSecret(PAYMENT_CODE_PREFIX);
    long now = clock.millis();
    PaymentCode paymentCode = new PaymentCode(code, now + PAYMENT_CODE_TTL_MILLIS);
    database.inTransaction(
        handle -> {
          store.deleteCodesExpiredBefore(handle, now - PAYMENT_CODE_KEPT_MILLIS);
          store.deleteUnusedCodesOf(handle, accountId);
          store.insertPaymentCode(
              handle, SecretTokens.sha256Hex(code), accountId, paymentCode.expiresAtMillis(), now);
          return null;
        });
    return paymentCode;
  }

  /**
   * Whose payment code this is, even if used or expired, so that a retried charge can replay its
   * first answer; {@link #charge} refuses used and expired codes. Unknown codes:
   * payment_code_invalid.
   */
  public String payerOfCode(String code) {
    if (code == null || !code.startsWith(PAYMENT_CODE_PREFIX + "_") || code.length() > 100) {
      throw new MerchantError.PaymentCodeInvalid();
    }
    return database
        .read(handle -> store.payerOfCode(handle, SecretTokens.sha256Hex(code)))
        .orElseThrow(MerchantError.PaymentCodeInvalid::new);
  }

  /**
   * The ledger work of charging a payment code: use the code (once) and move the money. An {@code
   * orderReference} naming one of the merchant's stored orders pays that order: the amount must be
   * the order's (else order_amount_mismatch), and the order must still be open. Any other reference
   * is the till's own label.
   */
  MerchantPayment charge(
      LedgerTransaction tx,
      Merchant merchant,
      String code,
      String payerAccountId,
      long amountCents,
      String orderReference) {
    if (amountCents < 1 || amountCents > LedgerPosting.AMOUNT_CENTS_MAX) {
      throw RequestError.validation("amountCents", "The amount must be at least 1 cent.");
    }
    String paymentId = "pay_" + SecretTokens.newId();
    if (orderReference != null) {
      Optional<MerchantOrder> order = store.order(tx.handle(), merchant.id(), orderReference);
      if (order.isPresent()) {
        claimOrder(tx, order.get(), amountCents, paymentId);
      }
    }
    if (!store.useCode(tx.handle(), SecretTokens.sha256Hex(code), paymentId, tx.nowMillis())) {
      throw new MerchantError.PaymentCodeInvalid();
    }
    return record(
        tx,
        paymentId,
        payerAccountId,
        merchant,
        amountCents,
        MerchantPayment.Method.PAYMENT_CODE,
        orderReference);
  }

  /** Marks a stored order paid by {@code paymentId}: once, unexpired, for exactly its amount. */
  private void claimOrder(
      LedgerTransaction tx, MerchantOrder order, long amountCents, String paymentId) {
    if (order.amountCents() != amountCents) {
      throw new MerchantError.OrderAmountMismatch(order.amountCents());
    }
    if (order.paymentId() != null) {
      throw new MerchantError.OrderPaid();
    }
    if (order.expiresAtMillis() <= tx.nowMillis()) {
      throw new MerchantError.Expired("order");
    }
    if (!store.markOrderPaid(tx.handle(), order.merchantId(), order.orderReference(), paymentId)) {
      throw new MerchantError.OrderPaid();
    }
  }

  private MerchantPayment record(
      LedgerTransaction tx,
      String paymentId,
      String payerAccountId,
      Merchant merchant,
      long amountCents,
      MerchantPayment.Method method,
      String orderReference) {
    tx.post(
        LedgerPosting.transfer(
                PostingKind.MERCHANT_PAYMENT,
                AccountId.user(payerAccountId),
                AccountId.merchant(merchant.id()),
                amountCents,
                paymentId)
            .withMemo("Payment to " + merchant.name()));
    long seq = store.nextPaymentSeq(tx.handle(), merchant.id());
    MerchantPayment payment =
        new MerchantPayment(
            paymentId,
            merchant.id(),
            seq,
            payerAccountId,
            amountCents,
            0,
            method,
            orderReference,
            tx.nowMillis());
    store.insertPayment(tx.handle(), payment);
    return payment;
  }

  // Refunds and statements

  public MerchantPayment payment(Merchant merchant, String paymentId) {
    return database
        .read(handle -> store.payment(handle, paymentId))
        .filter(payment -> payment.merchantId().equals(merchant.id()))
        .orElseThrow(() -> new MerchantError.NotFound("payment"));
  }

  /** The ledger work of a refund: never more than what is left of the payment, in total. */
  MerchantPayment refund(
      LedgerTransaction tx, Merchant merchant, MerchantPayment payment, long amountCents) {
    if (amountCents < 1) {
      throw RequestError.validation("amountCents", "A refund is at least 1 cent.");
    }
    String refundId = "ref_" + SecretTokens.newId();
    if (!store.addRefund(tx.handle(), payment.id(), refundId, amountCents, tx.nowMillis())) {
      MerchantPayment current = store.payment(tx.handle(), payment.id()).orElseThrow();
      throw new MerchantError.RefundTooLarge(current.amountCents() - current.refundedCents());
    }
    tx.post(
        LedgerPosting.transfer(
                PostingKind.MERCHANT_REFUND,
                AccountId.merchant(merchant.id()),
                AccountId.user(payment.payerAccountId()),
                amountCents,
                payment.id())
            .withMemo("Refund from " + merchant.name()));
    return store.payment(tx.handle(), payment.id()).orElseThrow();
  }

  /**
   * A page of the merchant's payments, newest first; {@code cursor} is a previous page's, or null.
   */
  public record StatementPage(List<MerchantPayment> payments, String nextCursor) {}

  public StatementPage statement(Merchant merchant, String cursor, int rowsMax) {
    int rows = Math.clamp(rowsMax, 1, STATEMENT_PAGE_ROWS_MAX);
    long beforeSeq = Long.MAX_VALUE;
    if (cursor != null && !cursor.isEmpty()) {
      try {
        beforeSeq = Long.parseLong(cursor);
      } catch (NumberFormatException e) {
        throw RequestError.invalidParameter("before", "must be the nextCursor of a previous page.");
      }
    }
    long before = beforeSeq;
    List<MerchantPayment> page =
        database.read(handle -> store.paymentsOf(handle, merchant.id(), before, rows));
    String next = page.size() == rows ? Long.toString(page.getLast().merchantSeq()) : null;
    return new StatementPage(page, next);
  }

  public Optional<Merchant> merchant(String merchantId) {
    return database.read(handle -> store.merchant(handle, merchantId));
  }

  /** What the account export shows: the shops the account owns. */
  public List<Merchant> export(String accountId) {
    return merchantsOf(accountId);
  }

  /** A shop that still holds money would strand it: the owner pays it out or refunds first. */
  public void checkDeletable(String accountId) {
    for (Merchant merchant : merchantsOf(accountId)) {
      if (ledger.balanceCents(AccountId.merchant(merchant.id())) != 0) {
        throw new MerchantError.BalanceNotZero();
      }
    }
  }

  /** Suspends the owner's shops, revokes their keys and forgets the account's payment codes. */
  public void onAccountDeleted(String accountId) {
    database.inTransaction(
        handle -> {
          store.suspendAllOf(handle, accountId, clock.millis());
          store.deleteCodesOf(handle, accountId);
          return null;
        });
  }

  private static Merchant requireApproved(Merchant merchant) {
    if (merchant.status() != Merchant.Status.APPROVED) {
      throw new MerchantError.NotApproved();
    }
    return merchant;
  }

  /**
   * The EMVCo form of a name or city: the given Latin form if any, else the text transliterated.
   */
  private static String qrText(
      String text, String latin, String field, String latinField, int lengthMax) {
    boolean latinGiven = latin != null && !latin.isBlank();
    String source = latinGiven ? latin : text;
    String sourceField = latinGiven ? latinField : field;
    if (LatinText.hasLettersWithoutLatinForm(source)) {
      throw RequestError.validation(
          sourceField,
          "The QR code carries Latin letters only (EMVCo), and this has "
              + "letters without a Latin form; send "
              + latinField
              + ", the "
              + field
              + " in Latin letters.");
    }
    String printable = MerchantPresentedQr.printable(source, lengthMax);
    if (printable.isEmpty()) {
      throw RequestError.validation(
          sourceField, "The " + field + " needs letters or digits that a QR code can carry.");
    }
    return printable;
  }

  private static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw RequestError.missingField(field);
    }
    return value;
  }
}
