package dev.atrium.wallet;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.security.SecretTokens;
import dev.atrium.wallet.WalletApi.CreateTransferRequest;
import dev.atrium.wallet.WalletApi.TransferResponse;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.PostingKind;
import dev.atrium.wallet.ledger.StoredPosting;
import java.util.Set;

/**
 * Transfers inside a 1:1 chat: the amount goes to escrow at once; the recipient accepts (and is
 * credited) or declines (and the sender is refunded); one not accepted in time is refunded by
 * the sweeper. Only the two members see it. Thread-safe.
 */
final class ChatTransferService {
  private final Database database;
  private final Ledger ledger;
  private final Idempotency idempotency;
  private final PaymentAuthorization payments;
  private final PaymentLimits limits;
  private final ConversationDirectory conversations;
  private final ChatTransferStore store = new ChatTransferStore();
  private final long ttlMillis;

  ChatTransferService(Database database, Ledger ledger, Idempotency idempotency, PaymentAuthorization payments,
      PaymentLimits limits, ConversationDirectory conversations, long ttlMillis) {
    this.database = database;
    this.ledger = ledger;
    this.idempotency = idempotency;
    this.payments = payments;
    this.limits = limits;
    this.conversations = conversations;
    this.ttlMillis = ttlMillis;
  }

  Idempotency.Response create(String senderId, String key, CreateTransferRequest request) {
    long amount = request.amountCents();
    limits.checkPayment(amount);
    WalletRules.memo(request.memo());
    ConversationDirectory.ChatMembers members = conversations.membersVisibleTo(senderId, request.conversationId())
        .orElseThrow(() -> WalletError.of(WalletError.Reason.NOT_FOUND, "No such conversation."));
    if (!members.direct() || members.accountIds().size() != 2) {
      throw WalletError.of(WalletError.Reason.NOT_ALLOWED,
          "Transfers go to the other member of a 1:1 chat; send a red packet in groups.");
    }
    String recipientId = members.accountIds().stream().filter(id -> !id.equals(senderId)).findFirst().orElseThrow();
    AccountId sender = ledger.ensureAccount(AccountId.user(senderId));
    String fingerprint = Idempotency.fingerprint("chat_transfer.create", request.withoutPin());
    return idempotency.execute(senderId, key, "chat_transfer.create", fingerprint, 201,
        () -> payments.authorize(senderId, request.pin()), Set.of(sender, AccountId.ESCROW), transaction -> {
          limits.checkAndRecord(transaction, senderId, amount);
          String id = "trf_" + SecretTokens.newId();
          StoredPosting hold = transaction.post(
              LedgerPosting.transfer(PostingKind.CHAT_TRANSFER_HOLD, sender, AccountId.ESCROW, amount, id)
                  .withMemo(request.memo()));
          long now = transaction.nowMillis();
          ChatTransfer transfer = new ChatTransfer(id, request.conversationId(), senderId, recipientId, amount,
              request.memo(), ChatTransfer.Status.PENDING, now, now + ttlMillis, null, hold.id(), null);
          store.insert(transaction.handle(), transfer);
          return TransferResponse.of(transfer);
        });
  }

  TransferResponse get(String callerId, String transferId) {
    return TransferResponse.of(visible(callerId, transferId));
  }

  /** The recipient takes the money. */
  Idempotency.Response accept(String callerId, String key, String transferId) {
    ChatTransfer transfer = forRecipient(callerId, transferId);
    AccountId recipient = ledger.ensureAccount(AccountId.user(callerId));
    return idempotency.execute(callerId, key, "chat_transfer.accept",
        Idempotency.fingerprint("chat_transfer.accept", transferId), 200, () -> {},
        Set.of(AccountId.ESCROW, recipient), transaction -> TransferResponse.of(
            resolve(transaction, transfer.id(), ChatTransfer.Status.ACCEPTED, PostingKind.CHAT_TRANSFER_ACCEPT,
                recipient, true)));
  }

  /** The recipient refuses; the sender gets the money back. */
  Idempotency.Response decline(String callerId, String key, String transferId) {
    ChatTransfer transfer = forRecipient(callerId, transferId);
    AccountId sender = AccountId.user(transfer.senderAccountId());
    return idempotency.execute(callerId, key, "chat_transfer.decline",
        Idempotency.fingerprint("chat_transfer.decline", transferId), 200, () -> {},
        Set.of(AccountId.ESCROW, sender), transaction -> TransferResponse.of(
            resolve(transaction, transfer.id(), ChatTransfer.Status.DECLINED, PostingKind.CHAT_TRANSFER_REFUND,
                sender, true)));
  }

  /** Refunds pending transfers whose time ran out, at most {@code rowsMax}; returns how many. */
  int refundExpired(long nowMillis, int rowsMax) {
    int refunded = 0;
    for (String id : database.read(handle -> store.expiredPending(handle, nowMillis, rowsMax))) {
      ChatTransfer transfer = database.read(handle -> store.find(handle, id)).orElseThrow();
      AccountId sender = AccountId.user(transfer.senderAccountId());
      boolean done = ledger.run(Set.of(AccountId.ESCROW, sender), transaction -> {
        ChatTransfer current = store.lock(transaction.handle(), id).orElseThrow();
        if (current.status() != ChatTransfer.Status.PENDING || current.expiresAtMillis() > transaction.nowMillis()) {
          return false;
        }
        resolve(transaction, id, ChatTransfer.Status.REFUNDED, PostingKind.CHAT_TRANSFER_REFUND, sender, false);
        return true;
      });
      refunded += done ? 1 : 0;
    }
    return refunded;
  }

  boolean hasPendingSentBy(String accountId) {
    return database.read(handle -> store.hasPendingSentBy(handle, accountId));
  }

  /** Everything the account sent or received, for its data export. */
  java.util.List<TransferResponse> export(String accountId, int rowsMax) {
    return database.read(handle -> store.forAccount(handle, accountId, rowsMax)).stream()
        .map(TransferResponse::of).toList();
  }

  private ChatTransfer resolve(dev.atrium.wallet.ledger.LedgerTransaction transaction, String id,
      ChatTransfer.Status outcome, PostingKind kind, AccountId payee, boolean refuseExpired) {
    ChatTransfer current = store.lock(transaction.handle(), id).orElseThrow();
    if (current.status() != ChatTransfer.Status.PENDING) {
      throw current.status() == ChatTransfer.Status.REFUNDED ? WalletError.of(WalletError.Reason.EXPIRED)
          : WalletError.of(WalletError.Reason.ALREADY_RESOLVED);
    }
    if (refuseExpired && current.expiresAtMillis() <= transaction.nowMillis()) {
      throw WalletError.of(WalletError.Reason.EXPIRED);
    }
    StoredPosting posting = transaction.post(
        LedgerPosting.transfer(kind, AccountId.ESCROW, payee, current.amountCents(), id));
    store.resolve(transaction.handle(), id, outcome, transaction.nowMillis(), posting.id());
    return store.find(transaction.handle(), id).orElseThrow();
  }

  private ChatTransfer visible(String callerId, String transferId) {
    return database.read(handle -> store.find(handle, transferId))
        .filter(transfer -> transfer.involves(callerId))
        .orElseThrow(() -> WalletError.of(WalletError.Reason.NOT_FOUND));
  }

  private ChatTransfer forRecipient(String callerId, String transferId) {
    ChatTransfer transfer = visible(callerId, transferId);
    if (!transfer.recipientAccountId().equals(callerId)) {
      throw WalletError.of(WalletError.Reason.NOT_ALLOWED, "Only the recipient accepts or declines a transfer.");
    }
    return transfer;
  }
}
