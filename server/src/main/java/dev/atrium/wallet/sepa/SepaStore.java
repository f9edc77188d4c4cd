package dev.atrium.wallet.sepa;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;
import java.util.Optional;

/** SQL for top-up references, imported bank entries and withdrawals. */
final class SepaStore {
  private static final String WITHDRAWAL_COLUMNS =
      "id, account_id, amount_cents, creditor_name, creditor_iban, status, export_id, created_at, updated_at, merchant_id";
  private static final RowMapper<Withdrawal> WITHDRAWAL =
      row ->
          new Withdrawal(
              row.getString("id"),
              row.getString("account_id"),
              row.getLong("amount_cents"),
              row.getString("creditor_name"),
              row.getString("creditor_iban"),
              Withdrawal.Status.valueOf(row.getString("status")),
              row.getString("export_id"),
              row.getLong("created_at"),
              row.getLong("updated_at"),
              row.getString("merchant_id"));

  Optional<String> referenceOf(Handle handle, String accountId) {
    return handle.queryOne(
        "SELECT reference FROM wallet_topup_references WHERE account_id = ?",
        row -> row.getString("reference"),
        accountId);
  }

  Optional<String> accountOfReference(Handle handle, String reference) {
    return handle.queryOne(
        "SELECT account_id FROM wallet_topup_references WHERE reference = ?",
        row -> row.getString("account_id"),
        reference);
  }

  /** False when the account already has a reference, or (rarely) the random one is taken. */
  boolean insertReference(Handle handle, String accountId, String reference, long nowMillis) {
    return handle.update(
            """
        INSERT INTO wallet_topup_references (account_id, reference, created_at) VALUES (?, ?, ?)
        ON CONFLICT DO NOTHING
        """,
            accountId,
            reference,
            nowMillis)
        == 1;
  }

  /** False when this bank entry was credited before: the caller must then not post. */
  boolean insertBankEntry(
      Handle handle,
      String bankReference,
      String accountId,
      long amountCents,
      String statementId,
      String postingId,
      long nowMillis) {
    return handle.update(
            """
        INSERT INTO wallet_bank_entries
          (bank_reference, account_id, amount_cents, statement_id, posting_id, imported_at)
        VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (bank_reference) DO NOTHING
        """,
            bankReference,
            accountId,
            amountCents,
            statementId,
            postingId,
            nowMillis)
        == 1;
  }

  boolean bankEntryExists(Handle handle, String bankReference) {
    return handle.queryLong(
            "SELECT COUNT(*) FROM wallet_bank_entries WHERE bank_reference = ?", bankReference)
        > 0;
  }

  void insertWithdrawal(Handle handle, Withdrawal withdrawal) {
    handle.update(
        "INSERT INTO wallet_withdrawals ("
            + WITHDRAWAL_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        withdrawal.id(),
        withdrawal.accountId(),
        withdrawal.amountCents(),
        withdrawal.creditorName(),
        withdrawal.creditorIban(),
        withdrawal.status().name(),
        withdrawal.exportId(),
        withdrawal.createdAtMillis(),
        withdrawal.updatedAtMillis(),
        withdrawal.merchantId());
  }

  Optional<Withdrawal> withdrawal(Handle handle, String id) {
    return handle.queryOne(
        "SELECT " + WITHDRAWAL_COLUMNS + " FROM wallet_withdrawals WHERE id = ?", WITHDRAWAL, id);
  }

  /**
   * The account's own withdrawals (not its shops' payouts), newest first, strictly before the
   * cursor (created_at, id).
   */
  List<Withdrawal> withdrawalsOf(
      Handle handle, String accountId, long beforeMillis, String beforeId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + WITHDRAWAL_COLUMNS
            + """
         FROM wallet_withdrawals
        WHERE account_id = ? AND merchant_id IS NULL AND (created_at < ? OR (created_at = ? AND id < ?))
        ORDER BY created_at DESC, id DESC LIMIT ?
        """,
        WITHDRAWAL,
        rowsMax,
        accountId,
        beforeMillis,
        beforeMillis,
        beforeId,
        rowsMax);
  }

  /** A merchant's payouts, newest first, strictly before the cursor (created_at, id). */
  List<Withdrawal> payoutsOf(
      Handle handle, String merchantId, long beforeMillis, String beforeId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + WITHDRAWAL_COLUMNS
            + """
         FROM wallet_withdrawals
        WHERE merchant_id = ? AND (created_at < ? OR (created_at = ? AND id < ?))
        ORDER BY created_at DESC, id DESC LIMIT ?
        """,
        WITHDRAWAL,
        rowsMax,
        merchantId,
        beforeMillis,
        beforeMillis,
        beforeId,
        rowsMax);
  }

  /** Withdrawals and merchant payouts in one status, oldest first, for the operator. */
  List<Withdrawal> withStatus(Handle handle, Withdrawal.Status status, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + WITHDRAWAL_COLUMNS
            + " FROM wallet_withdrawals WHERE status = ? ORDER BY created_at, id LIMIT ?",
        WITHDRAWAL,
        rowsMax,
        status.name(),
        rowsMax);
  }

  List<Withdrawal> pending(Handle handle, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + WITHDRAWAL_COLUMNS
            + " FROM wallet_withdrawals WHERE status = 'PENDING' ORDER BY created_at, id LIMIT ?",
        WITHDRAWAL,
        rowsMax,
        rowsMax);
  }

  /**
   * Moves a withdrawal from one status to the next; false when it was no longer in {@code from}.
   */
  boolean transition(
      Handle handle,
      String id,
      Withdrawal.Status from,
      Withdrawal.Status to,
      String exportId,
      long nowMillis) {
    return handle.update(
            """
        UPDATE wallet_withdrawals SET status = ?, export_id = COALESCE(?, export_id), updated_at = ?
        WHERE id = ? AND status = ?
        """,
            to.name(),
            exportId,
            nowMillis,
            id,
            from.name())
        == 1;
  }

  /** Withdrawals whose money is still on its way (pending or exported). */
  long openWithdrawals(Handle handle, String accountId) {
    return handle.queryLong(
        """
        SELECT COUNT(*) FROM wallet_withdrawals WHERE account_id = ? AND status IN ('PENDING', 'EXPORTED')
        """,
        accountId);
  }

  void deleteReference(Handle handle, String accountId) {
    handle.update("DELETE FROM wallet_topup_references WHERE account_id = ?", accountId);
  }

  void insertPayoutFile(
      Handle handle,
      String exportId,
      String document,
      int withdrawals,
      long totalCents,
      long nowMillis) {
    handle.update(
        """
        INSERT INTO wallet_payout_files (export_id, document, withdrawal_count, total_cents, created_at)
        VALUES (?, ?, ?, ?, ?)
        """,
        exportId,
        document,
        withdrawals,
        totalCents,
        nowMillis);
  }

  Optional<String> payoutFile(Handle handle, String exportId) {
    return handle.queryOne(
        "SELECT document FROM wallet_payout_files WHERE export_id = ?",
        row -> row.getString("document"),
        exportId);
  }

  List<Withdrawal> withdrawalsOfExport(Handle handle, String exportId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + WITHDRAWAL_COLUMNS
            + " FROM wallet_withdrawals WHERE export_id = ? ORDER BY created_at, id LIMIT ?",
        WITHDRAWAL,
        rowsMax,
        exportId,
        rowsMax);
  }
}
