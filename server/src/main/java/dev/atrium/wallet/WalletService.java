package dev.atrium.wallet;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.Handle;
import dev.atrium.wallet.WalletApi.StatementLine;
import dev.atrium.wallet.WalletApi.StatementPage;
import dev.atrium.wallet.WalletApi.TopUpResponse;
import dev.atrium.wallet.WalletApi.WalletResponse;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.PostingKind;
import dev.atrium.wallet.ledger.StatementEntry;
import dev.atrium.wallet.ledger.StoredPosting;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A person's wallet: balance, PIN, sandbox top-ups, statements, and its part of account export and
 * deletion. Chat payments live in {@link ChatTransferService} and {@link RedPacketService}.
 * Thread-safe.
 */
final class WalletService {
  /**
   * Statement lines in one CSV export at most; older ones are fetched page by page through the API.
   */
  static final int CSV_ROWS_MAX = 10_000;

  static final int EXPORT_ROWS_MAX = 10_000;

  private final Database database;
  private final Ledger ledger;
  private final Payments payments;
  private final PaymentAuthorization authorization;
  private final PaymentLimits limits;
  private final WalletSettings settings;
  private final Clock clock;
  private final ChatTransferStore transfers = new ChatTransferStore();
  private final RedPacketStore redPackets = new RedPacketStore();

  WalletService(
      Database database,
      Ledger ledger,
      Payments payments,
      PaymentAuthorization authorization,
      PaymentLimits limits,
      WalletSettings settings,
      Clock clock) {
    this.database = database;
    this.ledger = ledger;
    this.payments = payments;
    this.authorization = authorization;
    this.limits = limits;
    this.settings = settings;
    this.clock = clock;
  }

  WalletResponse wallet(String accountId) {
    PaymentAuthorization.PinStatus pin = authorization.status(accountId);
    long spent = limits.spentToday(database, clock.millis(), accountId);
    return new WalletResponse(
        ledger.balanceCents(AccountId.user(accountId)),
        "EUR",
        pin.set(),
        pin.lockedUntilMillis() == null ? null : Instant.ofEpochMilli(pin.lockedUntilMillis()),
        limits.paymentCentsMax(),
        limits.dailyOutgoingCentsMax(),
        Math.max(0, limits.dailyOutgoingCentsMax() - spent),
        settings.sandboxTopUpEnabled());
  }

  void setPin(String accountId, WalletApi.SetPinRequest request) {
    authorization.setPin(accountId, request.pin(), request.currentPin(), request.password());
  }

  /** Money from the sandbox funding account, on demo and test servers only. */
  Idempotency.Response sandboxTopUp(
      String accountId, String key, WalletApi.SandboxTopUpRequest request) {
    if (!settings.sandboxTopUpEnabled()) {
      throw new WalletError.SandboxDisabled();
    }
    long amount = request.amountCents();
    if (amount < 1 || amount > settings.sandboxTopUpCentsMax()) {
      throw new WalletError.AmountInvalid(
          "A sandbox top-up is 1 to " + settings.sandboxTopUpCentsMax() + " cents.");
    }
    AccountId wallet = AccountId.user(accountId);
    // Money comes from the sandbox funding account, not from a person: no PIN and no limits.
    return payments.run(
        Payments.Payment.of(
                accountId, key, "sandbox.top_up", request, Set.of(AccountId.FUNDING, wallet))
            .opening(wallet),
        transaction -> {
          StoredPosting posting =
              transaction.post(
                  LedgerPosting.transfer(
                      PostingKind.SANDBOX_TOP_UP, AccountId.FUNDING, wallet, amount, null));
          return new TopUpResponse(
              posting.id(), amount, posting.lineOf(wallet).orElseThrow().balanceAfterCents());
        });
  }

  StatementPage statement(String accountId, Long before, int rowsMax) {
    List<StatementEntry> entries = ledger.statement(AccountId.user(accountId), before, rowsMax);
    Long next =
        entries.size() == rowsMax && entries.getLast().entrySeq() > 1
            ? entries.getLast().entrySeq()
            : null;
    return new StatementPage(withOtherPeople(accountId, entries), next);
  }

  /**
   * Statement lines naming the other person of chat payments: their money moves through escrow, so
   * the ledger's counterparty is {@code system:escrow}; the transfer or packet row knows who. One
   * lookup per such line, and a page holds at most {@link Ledger#STATEMENT_PAGE_ROWS_MAX}.
   */
  private List<StatementLine> withOtherPeople(String accountId, List<StatementEntry> entries) {
    return database.read(
        handle ->
            entries.stream()
                .map(entry -> StatementLine.of(entry, otherPerson(handle, accountId, entry)))
                .toList());
  }

  private String otherPerson(Handle handle, String accountId, StatementEntry entry) {
    if (entry.reference() == null) {
      return null;
    }
    return switch (entry.kind()) {
      case CHAT_TRANSFER_HOLD, CHAT_TRANSFER_ACCEPT, CHAT_TRANSFER_REFUND ->
          transfers
              .find(handle, entry.reference())
              .map(
                  transfer ->
                      transfer.senderAccountId().equals(accountId)
                          ? transfer.recipientAccountId()
                          : transfer.senderAccountId())
              .orElse(null);
      case RED_PACKET_CLAIM ->
          redPackets
              .find(handle, entry.reference())
              .map(RedPacket::senderAccountId)
              .filter(sender -> !sender.equals(accountId))
              .orElse(null);
      default -> null;
    };
  }

  /** The newest statement lines as CSV, at most {@link #CSV_ROWS_MAX}, fetched page by page. */
  String statementCsv(String accountId, Long before, int rowsMax) {
    int wanted = Math.clamp(rowsMax, 1, CSV_ROWS_MAX);
    StringBuilder csv = new StringBuilder(StatementCsv.HEADER);
    Long cursor = before;
    int written = 0;
    while (written < wanted) {
      int page = Math.min(Ledger.STATEMENT_PAGE_ROWS_MAX, wanted - written);
      List<StatementEntry> entries = ledger.statement(AccountId.user(accountId), cursor, page);
      entries.forEach(entry -> StatementCsv.append(csv, entry));
      written += entries.size();
      if (entries.size() < page) {
        break;
      }
      cursor = entries.getLast().entrySeq();
    }
    return csv.toString();
  }

  /** Balance and statement for the account export. */
  Map<String, Object> export(String accountId) {
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("balanceCents", ledger.balanceCents(AccountId.user(accountId)));
    section.put("pinSet", authorization.status(accountId).set());
    section.put("statement", statementLines(accountId, EXPORT_ROWS_MAX));
    return section;
  }

  /** The newest statement lines, at most {@code rowsMax}, read page by page. */
  private List<StatementLine> statementLines(String accountId, int rowsMax) {
    List<StatementLine> lines = new java.util.ArrayList<>();
    Long cursor = null;
    while (lines.size() < rowsMax) {
      int page = Math.min(Ledger.STATEMENT_PAGE_ROWS_MAX, rowsMax - lines.size());
      List<StatementEntry> entries = ledger.statement(AccountId.user(accountId), cursor, page);
      lines.addAll(withOtherPeople(accountId, entries));
      if (entries.size() < page) {
        break;
      }
      cursor = entries.getLast().entrySeq();
    }
    return lines;
  }

  /** An account whose wallet holds money cannot be deleted: the money would be lost. */
  void checkDeletable(String accountId) {
    if (ledger.balanceCents(AccountId.user(accountId)) != 0) {
      throw new WalletError.BalanceNotZero();
    }
  }
}
