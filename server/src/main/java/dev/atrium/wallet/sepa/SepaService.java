package dev.atrium.wallet.sepa;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.errors.RequestError;
import dev.atrium.platform.limits.Invariants;
import dev.atrium.platform.security.SecretTokens;
import dev.atrium.wallet.Idempotency;
import dev.atrium.wallet.LatinText;
import dev.atrium.wallet.MoneyReceivedListener;
import dev.atrium.wallet.Payments;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.LedgerTransaction;
import dev.atrium.wallet.ledger.PostingKind;
import dev.atrium.wallet.ledger.StoredPosting;
import dev.atrium.wallet.sepa.SepaApi.WithdrawalResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SEPA money in and out: each person's top-up reference and EPC QR code, crediting bank statement
 * entries exactly once, withdrawals to an IBAN, and payout files. Thread-safe: all state is in the
 * database, and every movement of money goes through the ledger.
 */
public final class SepaService {
  /** Body length of our creditor references: 16 of 32 characters is 80 bits, unguessable. */
  static final int REFERENCE_BODY_LENGTH = 16;

  /** Without look-alikes (0/O, 1/I), so a reference typed from paper still matches. */
  private static final String REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  public static final int WITHDRAWAL_PAGE_ROWS_MAX = 100;

  /** Most withdrawals one pain.001 file carries; the rest go in the next file. */
  public static final int EXPORT_ROWS_MAX = 1_000;

  private static final int REFERENCE_TRIES_MAX = 5;

  /** Credits of one import waiting for the ledger at once; enough to fill a group commit. */
  static final int CREDITS_IN_FLIGHT_MAX = 256;

  private static final Object DEBIT = new Object();

  private final Database database;
  private final Ledger ledger;
  private final Payments payments;
  private final SepaStore store = new SepaStore();
  private final SepaSettings settings;
  private final Clock clock;
  private final Camt053Parser parser;
  private final SecureRandom random = new SecureRandom();
  private volatile MoneyReceivedListener moneyReceived = MoneyReceivedListener.NONE;

  /** From now on, {@code listener} hears of every person a statement import credited. */
  public void tellMoneyReceived(MoneyReceivedListener listener) {
    this.moneyReceived = listener;
  }

  public SepaService(
      Database database, Ledger ledger, Payments payments, SepaSettings settings, Clock clock) {
    this.database = database;
    this.ledger = ledger;
    this.payments = payments;
    this.settings = settings;
    this.clock = clock;
    this.parser = new Camt053Parser(settings.statementBytesMax(), settings.statementEntriesMax());
  }

  /**
   * A service that imports statements and hands out top-up references but moves no money out:
   * withdrawals and payouts need {@link Payments} and refuse here. For tools and benchmarks that
   * run the import without the rest of the wallet.
   */
  public static SepaService forStatementImports(
      Database database, Ledger ledger, SepaSettings settings, Clock clock) {
    return new SepaService(database, ledger, null, settings, clock);
  }

  public SepaSettings settings() {
    return settings;
  }

  /** The person's top-up reference as text (RF creditor reference), made on first use. */
  public String topUpReferenceText(String accountId) {
    return topUpReference(accountId).value();
  }

  /** The person's top-up reference, made on first use and never changed. */
  CreditorReference topUpReference(String accountId) {
    Optional<String> existing = database.read(handle -> store.referenceOf(handle, accountId));
    if (existing.isPresent()) {
      return new CreditorReference(existing.get());
    }
    for (int attempt = 0; attempt < REFERENCE_TRIES_MAX; attempt++) {
      CreditorReference candidate = CreditorReference.of(randomBody());
      Optional<String> stored =
          database.inTransaction(
              handle -> {
                store.insertReference(handle, accountId, candidate.value(), clock.millis());
                return store.referenceOf(handle, accountId);
              });
      if (stored.isPresent()) {
        return new CreditorReference(stored.get());
      }
    }
    throw new IllegalStateException(
        "Could not store a top-up reference after " + REFERENCE_TRIES_MAX + " tries");
  }

  /** The EPC QR code for a top-up of {@code amountCents} (null: the payer chooses). */
  EpcQrCode topUpCode(String accountId, Long amountCents) {
    requireBank();
    return EpcQrCode.topUp(
        settings.operatorBic(),
        settings.operatorName(),
        settings.operatorIban(),
        amountCents,
        topUpReference(accountId));
  }

  /**
   * Reads a camt.053 statement and credits every matching entry once; see {@link ImportReport}.
   * Credits run up to {@link #CREDITS_IN_FLIGHT_MAX} at a time, so the ledger's group commit writes
   * many per transaction; the report keeps the statement's order.
   */
  public ImportReport importStatement(byte[] statement) {
    requireBank();
    List<StatementEntry> entries = parser.parse(statement);
    requireOperatorAccount(entries);
    List<Object> outcomes = new ArrayList<>(entries.size());
    try (ExecutorService credits = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int from = 0; from < entries.size(); from += CREDITS_IN_FLIGHT_MAX) {
        List<Future<Object>> chunk = new ArrayList<>();
        for (StatementEntry entry :
            entries.subList(from, Math.min(entries.size(), from + CREDITS_IN_FLIGHT_MAX))) {
          chunk.add(credits.submit(() -> outcome(entry)));
        }
        for (Future<Object> future : chunk) {
          outcomes.add(result(future));
        }
      }
    }
    List<ImportReport.Credited> credited = new ArrayList<>();
    List<ImportReport.Credited> earlier = new ArrayList<>();
    List<ImportReport.Unmatched> unmatched = new ArrayList<>();
    int debits = 0;
    for (Object outcome : outcomes) {
      switch (outcome) {
        case ImportReport.Credited c when c.postingId() == null -> earlier.add(c);
        case ImportReport.Credited c -> credited.add(c);
        case ImportReport.Unmatched u -> unmatched.add(u);
        default -> debits++;
      }
    }
    credited.stream()
        .map(ImportReport.Credited::accountId)
        .distinct()
        .forEach(accountId -> moneyReceived.moneyReceived(accountId));
    return new ImportReport(
        credited, earlier.stream().map(this::withEarlierPosting).toList(), unmatched, debits);
  }

  /**
   * A statement of another account (or one that names no IBAN) is not money that reached the
   * operator: the whole file is refused before anything is credited, so a statement mixing accounts
   * is not half imported either.
   */
  private void requireOperatorAccount(List<StatementEntry> entries) {
    String operatorIban = settings.operatorIban().value();
    for (StatementEntry entry : entries) {
      String iban =
          entry.accountIban() == null
              ? null
              : entry.accountIban().replace(" ", "").toUpperCase(Locale.ROOT);
      if (!operatorIban.equals(iban)) {
        throw new SepaError.StatementAccountMismatch(
            entry.statementId(), entry.accountIban(), operatorIban);
      }
    }
  }

  /**
   * What became of one entry: Credited, Unmatched, or {@link #DEBIT} for the operator's own
   * payments.
   */
  private Object outcome(StatementEntry entry) {
    if (entry.direction() == StatementEntry.Direction.DEBIT) {
      return DEBIT;
    }
    String problem = whyNotCreditable(entry);
    if (problem != null) {
      return unmatched(entry, problem);
    }
    Optional<CreditorReference> reference = referenceOf(entry);
    if (reference.isEmpty()) {
      return unmatched(entry, "no Atrium reference");
    }
    Optional<String> accountId =
        database.read(handle -> store.accountOfReference(handle, reference.get().value()));
    if (accountId.isEmpty()) {
      return unmatched(entry, "unknown reference");
    }
    return credit(entry, accountId.get());
  }

  private static Object result(Future<Object> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while importing a statement", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("Crediting a statement entry failed", e.getCause());
    }
  }

  private String whyNotCreditable(StatementEntry entry) {
    if (!entry.booked()) {
      return "not booked yet";
    }
    if (entry.reversal()) {
      return "a reversal";
    }
    if (entry.bankReference() == null) {
      return "no bank reference (AcctSvcrRef)";
    }
    if (entry.euroCents() <= 0) {
      return "not in euros";
    }
    if (entry.transactionCount() > 1) {
      return "a batch of " + entry.transactionCount() + " transfers";
    }
    return null;
  }

  private Optional<CreditorReference> referenceOf(StatementEntry entry) {
    for (String structured : entry.creditorReferences()) {
      Optional<CreditorReference> reference = CreditorReference.parse(structured);
      if (reference.isPresent()) {
        return reference;
      }
    }
    for (String text : entry.unstructuredRemittance()) {
      Optional<CreditorReference> reference = CreditorReference.find(text, REFERENCE_BODY_LENGTH);
      if (reference.isPresent()) {
        return reference;
      }
    }
    return Optional.empty();
  }

  /** Credits one entry; the result has no posting id when an earlier import credited it. */
  private ImportReport.Credited credit(StatementEntry entry, String accountId) {
    AccountId user = ledger.ensureAccount(AccountId.user(accountId));
    long cents = entry.euroCents();
    return ledger.run(
        Set.of(AccountId.BANK, user),
        tx -> {
          if (store.bankEntryExists(tx.handle(), entry.bankReference())) {
            return new ImportReport.Credited(entry.bankReference(), accountId, cents, null);
          }
          StoredPosting posting =
              tx.post(
                  LedgerPosting.transfer(
                          PostingKind.BANK_TOP_UP,
                          AccountId.BANK,
                          user,
                          cents,
                          "bank:" + entry.bankReference())
                      .withPostingKey("camt:" + entry.bankReference())
                      .withMemo("Bank transfer"));
          boolean inserted =
              store.insertBankEntry(
                  tx.handle(),
                  entry.bankReference(),
                  accountId,
                  cents,
                  entry.statementId(),
                  posting.id(),
                  tx.nowMillis());
          Invariants.check(
              inserted, "a bank entry absent under the bank account's lock is insertable");
          return new ImportReport.Credited(entry.bankReference(), accountId, cents, posting.id());
        });
  }

  private ImportReport.Credited withEarlierPosting(ImportReport.Credited credited) {
    String postingId =
        ledger.postingsFor("bank:" + credited.bankReference(), 1).stream()
            .map(StoredPosting::id)
            .findFirst()
            .orElse(null);
    return new ImportReport.Credited(
        credited.bankReference(), credited.accountId(), credited.amountCents(), postingId);
  }

  private static ImportReport.Unmatched unmatched(StatementEntry entry, String reason) {
    String remittance =
        String.join(" ", entry.creditorReferences())
            + (entry.creditorReferences().isEmpty() ? "" : " ")
            + String.join(" ", entry.unstructuredRemittance());
    return new ImportReport.Unmatched(
        entry.bankReference(),
        entry.amount().toPlainString(),
        entry.currency(),
        reason,
        remittance.strip(),
        entry.debtorName());
  }

  /**
   * Pays money out of a person's wallet to a SEPA account, through {@link Payments}: once per
   * idempotency key, after the PIN and within the person's limits, the amount moves to the payout
   * account and a PENDING withdrawal is recorded in the same ledger transaction; the next payout
   * file pays it. The name has passed {@link #checkHolderName}.
   */
  Idempotency.Response withdraw(
      String accountId,
      String pin,
      String idempotencyKey,
      long amountCents,
      String creditorName,
      Iban creditorIban) {
    requireBank();
    AccountId user = AccountId.user(accountId);
    Payments.Payment payment =
        Payments.Payment.of(
                accountId,
                idempotencyKey,
                "withdrawal.create",
                new WithdrawalFingerprint(amountCents, creditorIban.value(), creditorName),
                Set.of(user, AccountId.PAYOUT))
            .opening(user)
            .confirmedBy(accountId, pin)
            .charging(accountId, amountCents);
    Invariants.check(payments != null, "a statement-import-only SepaService moves no money out");
    return payments.run(
        payment,
        tx ->
            WithdrawalResponse.of(
                recordWithdrawal(tx, accountId, amountCents, creditorName, creditorIban)));
  }

  /** What makes two withdrawal requests the same, without the PIN. */
  private record WithdrawalFingerprint(long amountCents, String iban, String name) {}

  /**
   * Pays part of a shop's balance out to its payout IBAN, through {@link Payments}: once per
   * idempotency key of the owner, after the owner's PIN and within the shop's own limits (counted
   * under the shop account's ledger lock), the amount leaves the shop account and a PENDING
   * withdrawal row with the merchant id is recorded. From there it is exported, paid and failed
   * like a person's withdrawal; failing refunds the shop account.
   */
  public Idempotency.Response payOutMerchant(
      String ownerAccountId,
      String pin,
      String idempotencyKey,
      String merchantId,
      long amountCents,
      String creditorName,
      Iban creditorIban) {
    requireBank();
    AccountId shop = AccountId.merchant(merchantId);
    Payments.Payment payment =
        Payments.Payment.of(
                ownerAccountId,
                idempotencyKey,
                "merchant.payout",
                new PayoutFingerprint(merchantId, amountCents, creditorIban.value()),
                Set.of(shop, AccountId.PAYOUT))
            .confirmedBy(ownerAccountId, pin)
            .charging(shop.value(), amountCents);
    Invariants.check(payments != null, "a statement-import-only SepaService moves no money out");
    return payments.run(
        payment,
        tx ->
            WithdrawalResponse.of(
                recordMerchantPayout(
                    tx, ownerAccountId, merchantId, amountCents, creditorName, creditorIban)));
  }

  /** What makes two payout requests the same, without the PIN. */
  private record PayoutFingerprint(String merchantId, long amountCents, String iban) {}

  /** The ledger postings of a withdrawal: the money to the payout account, and the payout's row. */
  private Withdrawal recordWithdrawal(
      LedgerTransaction tx,
      String accountId,
      long amountCents,
      String creditorName,
      Iban creditorIban) {
    requireBank();
    String id = "wd_" + SecretTokens.newId();
    tx.post(
        LedgerPosting.transfer(
                PostingKind.WITHDRAWAL,
                AccountId.user(accountId),
                AccountId.PAYOUT,
                amountCents,
                id)
            .withMemo("Withdrawal to " + creditorIban.printed()));
    Withdrawal withdrawal =
        new Withdrawal(
            id,
            accountId,
            amountCents,
            creditorName,
            creditorIban.value(),
            Withdrawal.Status.PENDING,
            null,
            tx.nowMillis(),
            tx.nowMillis(),
            null);
    store.insertWithdrawal(tx.handle(), withdrawal);
    return withdrawal;
  }

  /**
   * The ledger postings of a merchant payout: the shop's money to the payout account, and the
   * payout's row.
   */
  private Withdrawal recordMerchantPayout(
      LedgerTransaction tx,
      String ownerAccountId,
      String merchantId,
      long amountCents,
      String creditorName,
      Iban creditorIban) {
    requireBank();
    String id = "wd_" + SecretTokens.newId();
    tx.post(
        LedgerPosting.transfer(
                PostingKind.WITHDRAWAL,
                AccountId.merchant(merchantId),
                AccountId.PAYOUT,
                amountCents,
                id)
            .withMemo("Merchant payout to " + creditorIban.printed()));
    Withdrawal withdrawal =
        new Withdrawal(
            id,
            ownerAccountId,
            amountCents,
            creditorName,
            creditorIban.value(),
            Withdrawal.Status.PENDING,
            null,
            tx.nowMillis(),
            tx.nowMillis(),
            merchantId);
    store.insertWithdrawal(tx.handle(), withdrawal);
    return withdrawal;
  }

  /** A page of the merchant's payouts, newest first; the cursor as for {@link #withdrawals}. */
  public WithdrawalPage merchantPayouts(String merchantId, String cursor, int rowsMax) {
    int rows = Math.clamp(rowsMax, 1, WITHDRAWAL_PAGE_ROWS_MAX);
    Cursor at = Cursor.parse(cursor);
    List<Withdrawal> page =
        database.read(handle -> store.payoutsOf(handle, merchantId, at.millis(), at.id(), rows));
    String next =
        page.size() == rows ? page.getLast().createdAtMillis() + ":" + page.getLast().id() : null;
    return new WithdrawalPage(page, next);
  }

  /** The operator's view: withdrawals and merchant payouts in one status, oldest first. */
  public List<Withdrawal> withStatus(Withdrawal.Status status) {
    return database.read(handle -> store.withStatus(handle, status, EXPORT_ROWS_MAX));
  }

  private record Cursor(long millis, String id) {
    static Cursor parse(String cursor) {
      if (cursor == null || cursor.isEmpty()) {
        return new Cursor(Long.MAX_VALUE, "");
      }
      int colon = cursor.indexOf(':');
      try {
        return new Cursor(
            Long.parseLong(cursor.substring(0, Math.max(colon, 0))), cursor.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw RequestError.invalidParameter("before", "must be the nextCursor of a previous page.");
      }
    }
  }

  /**
   * A page of the account's withdrawals, newest first, and the cursor of the next page (null:
   * last).
   */
  public record WithdrawalPage(List<Withdrawal> withdrawals, String nextCursor) {}

  /**
   * {@code cursor} is a previous page's nextCursor ("createdAtMillis:id"), or null for the newest.
   */
  public WithdrawalPage withdrawals(String accountId, String cursor, int rowsMax) {
    int rows = Math.clamp(rowsMax, 1, WITHDRAWAL_PAGE_ROWS_MAX);
    long beforeMillis = Long.MAX_VALUE;
    String beforeId = "";
    if (cursor != null && !cursor.isEmpty()) {
      int colon = cursor.indexOf(':');
      try {
        beforeMillis = Long.parseLong(cursor.substring(0, Math.max(colon, 0)));
      } catch (NumberFormatException e) {
        throw RequestError.invalidParameter("before", "must be the nextCursor of a previous page.");
      }
      beforeId = cursor.substring(colon + 1);
    }
    long before = beforeMillis;
    String id = beforeId;
    List<Withdrawal> page =
        database.read(handle -> store.withdrawalsOf(handle, accountId, before, id, rows));
    String next =
        page.size() == rows ? page.getLast().createdAtMillis() + ":" + page.getLast().id() : null;
    return new WithdrawalPage(page, next);
  }

  public Optional<Withdrawal> withdrawal(String id) {
    return database.read(handle -> store.withdrawal(handle, id));
  }

  /** A pain.001 file and the withdrawals it carries, now marked exported. */
  public record Export(String exportId, byte[] document, List<Withdrawal> withdrawals) {}

  /**
   * Writes the pending withdrawals (oldest first, at most {@link #EXPORT_ROWS_MAX}) into one
   * pain.001.001.09 file and marks them exported in the same transaction; empty when none wait.
   */
  public Optional<Export> exportPending() {
    requireBank();
    String exportId = "ATRIUM-" + SecretTokens.newId().replace('_', '0').replace('-', '0');
    return database.inTransaction(
        handle -> {
          List<Withdrawal> pending = store.pending(handle, EXPORT_ROWS_MAX);
          if (pending.isEmpty()) {
            return Optional.empty();
          }
          List<CreditTransfer> transfers = new ArrayList<>();
          List<Withdrawal> exported = new ArrayList<>();
          for (Withdrawal withdrawal : pending) {
            if (store.transition(
                handle,
                withdrawal.id(),
                Withdrawal.Status.PENDING,
                Withdrawal.Status.EXPORTED,
                exportId,
                clock.millis())) {
              transfers.add(
                  new CreditTransfer(
                      withdrawal.id().replace('_', '-'),
                      withdrawal.amountCents(),
                      withdrawal.creditorName(),
                      new Iban(withdrawal.creditorIban()),
                      (withdrawal.merchantId() == null
                              ? "Atrium withdrawal "
                              : "Atrium merchant payout ")
                          + withdrawal.id()));
              exported.add(store.withdrawal(handle, withdrawal.id()).orElseThrow());
            }
          }
          if (transfers.isEmpty()) {
            return Optional.empty();
          }
          byte[] document =
              new Pain001Writer()
                  .write(
                      exportId,
                      clock.instant(),
                      LocalDate.now(clock.withZone(ZoneOffset.UTC)),
                      new Pain001Writer.Debtor(
                          settings.operatorName(), settings.operatorIban(), settings.operatorBic()),
                      transfers);
          store.insertPayoutFile(
              handle,
              exportId,
              new String(document, StandardCharsets.UTF_8),
              exported.size(),
              exported.stream().mapToLong(Withdrawal::amountCents).sum(),
              clock.millis());
          return Optional.of(new Export(exportId, document, exported));
        });
  }

  /** An earlier payout file, exactly as first written, with its withdrawals as they stand now. */
  public Export earlierExport(String exportId) {
    return database
        .read(
            handle ->
                store
                    .payoutFile(handle, exportId)
                    .map(
                        document ->
                            new Export(
                                exportId,
                                document.getBytes(StandardCharsets.UTF_8),
                                store.withdrawalsOfExport(handle, exportId, EXPORT_ROWS_MAX))))
        .orElseThrow(SepaError.ExportNotFound::new);
  }

  /** The bank paid it: the money leaves the payout account for the bank account. Once only. */
  public Withdrawal markPaid(String id) {
    Withdrawal withdrawal = withdrawal(id).orElseThrow(() -> new SepaError.WithdrawalNotFound());
    return ledger.run(
        Set.of(AccountId.PAYOUT, AccountId.BANK),
        tx -> {
          if (!store.transition(
              tx.handle(),
              id,
              Withdrawal.Status.EXPORTED,
              Withdrawal.Status.PAID,
              null,
              tx.nowMillis())) {
            throw new SepaError.WithdrawalState(currentStatus(tx, id), "EXPORTED");
          }
          tx.post(
              LedgerPosting.transfer(
                      PostingKind.WITHDRAWAL_PAID,
                      AccountId.PAYOUT,
                      AccountId.BANK,
                      withdrawal.amountCents(),
                      id)
                  .withPostingKey("withdrawal-paid:" + id)
                  .withMemo("Paid out by the bank"));
          return store.withdrawal(tx.handle(), id).orElseThrow();
        });
  }

  /**
   * The bank could not pay it (or it was never exported): the person, or for a merchant payout the
   * merchant account, gets the money back. Once only.
   */
  public Withdrawal markFailed(String id) {
    Withdrawal withdrawal = withdrawal(id).orElseThrow(() -> new SepaError.WithdrawalNotFound());
    AccountId user = withdrawal.source();
    return ledger.run(
        Set.of(AccountId.PAYOUT, user),
        tx -> {
          boolean moved =
              store.transition(
                      tx.handle(),
                      id,
                      Withdrawal.Status.EXPORTED,
                      Withdrawal.Status.FAILED,
                      null,
                      tx.nowMillis())
                  || store.transition(
                      tx.handle(),
                      id,
                      Withdrawal.Status.PENDING,
                      Withdrawal.Status.FAILED,
                      null,
                      tx.nowMillis());
          if (!moved) {
            throw new SepaError.WithdrawalState(currentStatus(tx, id), "PENDING or EXPORTED");
          }
          tx.post(
              LedgerPosting.transfer(
                      PostingKind.WITHDRAWAL_REFUND,
                      AccountId.PAYOUT,
                      user,
                      withdrawal.amountCents(),
                      id)
                  .withPostingKey("withdrawal-refund:" + id)
                  .withMemo("Withdrawal failed, refunded"));
          return store.withdrawal(tx.handle(), id).orElseThrow();
        });
  }

  /** What the account export shows: the top-up reference and the withdrawals (newest first). */
  public Map<String, Object> export(String accountId) {
    Map<String, Object> section = new LinkedHashMap<>();
    section.put(
        "topUpReference",
        database.read(handle -> store.referenceOf(handle, accountId)).orElse(null));
    section.put(
        "withdrawals",
        database.read(
            handle -> store.withdrawalsOf(handle, accountId, Long.MAX_VALUE, "", EXPORT_ROWS_MAX)));
    return section;
  }

  /** An account with withdrawals still on their way cannot go: a failed one would refund nobody. */
  public void checkDeletable(String accountId) {
    if (database.read(handle -> store.openWithdrawals(handle, accountId)) > 0) {
      throw new SepaError.WithdrawalsOpen();
    }
  }

  /**
   * Forgets the top-up reference, so later bank transfers with it are reported as unmatched instead
   * of credited to nobody. Withdrawal rows stay: payouts are bookkeeping records.
   */
  public void onAccountDeleted(String accountId) {
    database.inTransaction(
        handle -> {
          store.deleteReference(handle, accountId);
          return null;
        });
  }

  private String currentStatus(LedgerTransaction tx, String id) {
    return store.withdrawal(tx.handle(), id).map(w -> w.status().name()).orElse("unknown");
  }

  /**
   * Checks an account holder's name for a payout: 1-70 characters, and Latin letters only once
   * transliterated, since payout files carry the SEPA basic Latin set (EPC217-08); a name in
   * another script is refused rather than sent as something the bank cannot match.
   */
  public static void checkHolderName(String name) {
    if (name.isEmpty() || name.length() > EpcQrCode.NAME_LENGTH_MAX) {
      throw RequestError.validation("name", "The account holder's name is 1-70 characters.");
    }
    if (LatinText.hasLettersWithoutLatinForm(name)) {
      throw RequestError.validation(
          "name",
          "Give the account holder's name in Latin letters, as the bank knows "
              + "it: SEPA payout files carry Latin letters only.");
    }
  }

  /** Throws 409 sepa_not_configured unless the operator's bank account is configured. */
  public void requireBank() {
    if (!settings.bankConfigured()) {
      throw new SepaError.NotConfigured();
    }
  }

  private String randomBody() {
    StringBuilder body = new StringBuilder(REFERENCE_BODY_LENGTH);
    for (int i = 0; i < REFERENCE_BODY_LENGTH; i++) {
      body.append(REFERENCE_ALPHABET.charAt(random.nextInt(REFERENCE_ALPHABET.length())));
    }
    return body.toString();
  }
}
