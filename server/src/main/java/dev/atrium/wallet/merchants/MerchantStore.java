package dev.atrium.wallet.merchants;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;
import java.util.Optional;

/** SQL for merchants, their API keys, orders, payments, refunds and customers' payment codes. */
final class MerchantStore {
  private static final String MERCHANT_COLUMNS =
      "id, owner_account_id, name, city, category_code, status, created_at, decided_at, payout_iban, payout_name";
  private static final RowMapper<Merchant> MERCHANT =
      row ->
          new Merchant(
              row.getString("id"),
              row.getString("owner_account_id"),
              row.getString("name"),
              row.getString("city"),
              row.getString("category_code"),
              Merchant.Status.valueOf(row.getString("status")),
              row.getLong("created_at"),
              nullableLong(row, "decided_at"),
              row.getString("payout_iban"),
              row.getString("payout_name"));
  private static final String ORDER_COLUMNS =
      "merchant_id, order_reference, amount_cents, bill_number, payment_id, created_at, expires_at";
  private static final RowMapper<MerchantOrder> ORDER =
      row ->
          new MerchantOrder(
              row.getString("merchant_id"),
              row.getString("order_reference"),
              row.getLong("amount_cents"),
              row.getString("bill_number"),
              row.getString("payment_id"),
              row.getLong("created_at"),
              row.getLong("expires_at"));
  private static final String PAYMENT_COLUMNS =
      "id, merchant_id, merchant_seq, payer_account_id, amount_cents, refunded_cents, method, order_reference, created_at";
  private static final RowMapper<MerchantPayment> PAYMENT =
      row ->
          new MerchantPayment(
              row.getString("id"),
              row.getString("merchant_id"),
              row.getLong("merchant_seq"),
              row.getString("payer_account_id"),
              row.getLong("amount_cents"),
              row.getLong("refunded_cents"),
              MerchantPayment.Method.valueOf(row.getString("method")),
              row.getString("order_reference"),
              row.getLong("created_at"));

  private static Long nullableLong(java.sql.ResultSet row, String column)
      throws java.sql.SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  void insertMerchant(Handle handle, Merchant merchant) {
    handle.update(
        "INSERT INTO merchants (" + MERCHANT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        merchant.id(),
        merchant.ownerAccountId(),
        merchant.name(),
        merchant.city(),
        merchant.categoryCode(),
        merchant.status().name(),
        merchant.createdAtMillis(),
        merchant.decidedAtMillis(),
        merchant.payoutIban(),
        merchant.payoutName());
  }

  Optional<Merchant> merchant(Handle handle, String id) {
    return handle.queryOne(
        "SELECT " + MERCHANT_COLUMNS + " FROM merchants WHERE id = ?", MERCHANT, id);
  }

  List<Merchant> merchantsOf(Handle handle, String ownerAccountId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + MERCHANT_COLUMNS
            + " FROM merchants WHERE owner_account_id = ? ORDER BY created_at, id LIMIT ?",
        MERCHANT,
        rowsMax,
        ownerAccountId,
        rowsMax);
  }

  List<Merchant> merchantsWithStatus(Handle handle, Merchant.Status status, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + MERCHANT_COLUMNS
            + " FROM merchants WHERE status = ? ORDER BY created_at, id LIMIT ?",
        MERCHANT,
        rowsMax,
        status.name(),
        rowsMax);
  }

  void decide(Handle handle, String id, Merchant.Status status, long nowMillis) {
    handle.update(
        "UPDATE merchants SET status = ?, decided_at = ? WHERE id = ?",
        status.name(),
        nowMillis,
        id);
  }

  void insertApiKey(
      Handle handle, String id, String merchantId, String keyHash, String label, long nowMillis) {
    handle.update(
        """
        INSERT INTO merchant_api_keys (id, merchant_id, key_hash, label, created_at) VALUES (?, ?, ?, ?, ?)
        """,
        id,
        merchantId,
        keyHash,
        label,
        nowMillis);
  }

  void setPayoutAccount(Handle handle, String id, String iban, String name) {
    handle.update(
        "UPDATE merchants SET payout_iban = ?, payout_name = ? WHERE id = ?", iban, name, id);
  }

  /** A merchant's API keys (never their secrets), newest first, revoked ones included. */
  List<MerchantApiKey> apiKeysOf(Handle handle, String merchantId, int rowsMax) {
    return handle.queryList(
        """
        SELECT id, label, created_at, revoked_at FROM merchant_api_keys WHERE merchant_id = ?
        ORDER BY created_at DESC, id DESC LIMIT ?
        """,
        row ->
            new MerchantApiKey(
                row.getString("id"),
                row.getString("label"),
                row.getLong("created_at"),
                nullableLong(row, "revoked_at")),
        rowsMax,
        merchantId,
        rowsMax);
  }

  /** The merchant of an unrevoked key. */
  Optional<String> merchantOfKey(Handle handle, String keyHash) {
    return handle.queryOne(
        "SELECT merchant_id FROM merchant_api_keys WHERE key_hash = ? AND revoked_at IS NULL",
        row -> row.getString("merchant_id"),
        keyHash);
  }

  boolean revokeApiKey(Handle handle, String merchantId, String keyId, long nowMillis) {
    return handle.update(
            """
        UPDATE merchant_api_keys SET revoked_at = ? WHERE id = ? AND merchant_id = ? AND revoked_at IS NULL
        """,
            nowMillis,
            keyId,
            merchantId)
        == 1;
  }

  /** False when the merchant used this order reference before. */
  boolean insertOrder(Handle handle, MerchantOrder order) {
    return handle.update(
            "INSERT INTO merchant_orders ("
                + ORDER_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (merchant_id, order_reference) DO NOTHING",
            order.merchantId(),
            order.orderReference(),
            order.amountCents(),
            order.billNumber(),
            order.paymentId(),
            order.createdAtMillis(),
            order.expiresAtMillis())
        == 1;
  }

  Optional<MerchantOrder> order(Handle handle, String merchantId, String orderReference) {
    return handle.queryOne(
        "SELECT "
            + ORDER_COLUMNS
            + " FROM merchant_orders WHERE merchant_id = ? AND order_reference = ?",
        ORDER,
        merchantId,
        orderReference);
  }

  /** Marks the order paid; false when someone paid it first. */
  boolean markOrderPaid(Handle handle, String merchantId, String orderReference, String paymentId) {
    return handle.update(
            """
        UPDATE merchant_orders SET payment_id = ?
        WHERE merchant_id = ? AND order_reference = ? AND payment_id IS NULL
        """,
            paymentId,
            merchantId,
            orderReference)
        == 1;
  }

  void insertPaymentCode(
      Handle handle, String codeHash, String accountId, long expiresAtMillis, long nowMillis) {
    handle.update(
        "INSERT INTO wallet_payment_codes (code_hash, account_id, expires_at, created_at) VALUES (?, ?, ?, ?)",
        codeHash,
        accountId,
        expiresAtMillis,
        nowMillis);
  }

  /** The account a payment code belongs to, used or not: a retried charge needs it to replay. */
  Optional<String> payerOfCode(Handle handle, String codeHash) {
    return handle.queryOne(
        "SELECT account_id FROM wallet_payment_codes WHERE code_hash = ?",
        row -> row.getString("account_id"),
        codeHash);
  }

  /** Uses the code for a payment; false when it was used (or expired) in the meantime. */
  boolean useCode(Handle handle, String codeHash, String paymentId, long nowMillis) {
    return handle.update(
            """
        UPDATE wallet_payment_codes SET payment_id = ? WHERE code_hash = ? AND payment_id IS NULL AND expires_at > ?
        """,
            paymentId,
            codeHash,
            nowMillis)
        == 1;
  }

  int deleteCodesExpiredBefore(Handle handle, long beforeMillis) {
    return handle.update("DELETE FROM wallet_payment_codes WHERE expires_at < ?", beforeMillis);
  }

  /**
   * The next number of the merchant's payments; call only while holding the merchant account's
   * ledger lock.
   */
  long nextPaymentSeq(Handle handle, String merchantId) {
    return handle.queryLong(
        "SELECT COALESCE(MAX(merchant_seq), 0) + 1 FROM merchant_payments WHERE merchant_id = ?",
        merchantId);
  }

  void insertPayment(Handle handle, MerchantPayment payment) {
    handle.update(
        "INSERT INTO merchant_payments ("
            + PAYMENT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        payment.id(),
        payment.merchantId(),
        payment.merchantSeq(),
        payment.payerAccountId(),
        payment.amountCents(),
        payment.refundedCents(),
        payment.method().name(),
        payment.orderReference(),
        payment.createdAtMillis());
  }

  Optional<MerchantPayment> payment(Handle handle, String id) {
    return handle.queryOne(
        "SELECT " + PAYMENT_COLUMNS + " FROM merchant_payments WHERE id = ?", PAYMENT, id);
  }

  /** Adds a refund unless it would pass the payment's amount; false then. */
  boolean addRefund(
      Handle handle, String paymentId, String refundId, long amountCents, long nowMillis) {
    int updated =
        handle.update(
            """
        UPDATE merchant_payments SET refunded_cents = refunded_cents + ?
        WHERE id = ? AND refunded_cents + ? <= amount_cents
        """,
            amountCents,
            paymentId,
            amountCents);
    if (updated == 0) {
      return false;
    }
    handle.update(
        "INSERT INTO merchant_refunds (id, payment_id, amount_cents, created_at) VALUES (?, ?, ?, ?)",
        refundId,
        paymentId,
        amountCents,
        nowMillis);
    return true;
  }

  /** The merchant's payments, newest first, numbered below {@code beforeSeq}. */
  List<MerchantPayment> paymentsOf(Handle handle, String merchantId, long beforeSeq, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + PAYMENT_COLUMNS
            + """
         FROM merchant_payments WHERE merchant_id = ? AND merchant_seq < ?
        ORDER BY merchant_seq DESC LIMIT ?
        """,
        PAYMENT,
        rowsMax,
        merchantId,
        beforeSeq,
        rowsMax);
  }

  /** Suspends every merchant of the owner and revokes their keys; returns how many merchants. */
  int suspendAllOf(Handle handle, String ownerAccountId, long nowMillis) {
    handle.update(
        """
        UPDATE merchant_api_keys SET revoked_at = ?
        WHERE revoked_at IS NULL AND merchant_id IN (SELECT id FROM merchants WHERE owner_account_id = ?)
        """,
        nowMillis,
        ownerAccountId);
    return handle.update(
        "UPDATE merchants SET status = 'SUSPENDED', decided_at = ? WHERE owner_account_id = ?",
        nowMillis,
        ownerAccountId);
  }

  /**
   * Drops the account's unused codes: a new code replaces them, so each account has one live code
   * at most.
   */
  void deleteUnusedCodesOf(Handle handle, String accountId) {
    handle.update(
        "DELETE FROM wallet_payment_codes WHERE account_id = ? AND payment_id IS NULL", accountId);
  }

  void deleteCodesOf(Handle handle, String accountId) {
    handle.update("DELETE FROM wallet_payment_codes WHERE account_id = ?", accountId);
  }
}
