package dev.atrium.wallet;

import dev.atrium.wallet.WalletApi.CreateTransferRequest;
import dev.atrium.wallet.WalletApi.TransferResponse;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.PostingKind;
import dev.atrium.wallet.ledger.StoredPosting;

/**
 * Transfers inside a 1:1 chat: the amount goes to escrow at once; the recipient accepts (and is
 * credited) or declines (and the sender is refunded); one not accepted in time is refunded by the
 * sweeper. Only the two members see it. Thread-safe.
 */
final class ChatTransferService {
  private final ChatEscrow escrow;
  private final ChatTransferStore store = new ChatTransferStore();
  private final long ttlMillis;

  ChatTransferService(ChatEscrow escrow, long ttlMillis) {
    this.escrow = escrow;
    this.ttlMillis = ttlMillis;
  }

  Idempotency.Response create(String senderId, String key, CreateTransferRequest request) {
    long amount = request.amountCents();
    escrow.checkRequest(amount, request.memo());
    ConversationDirectory.ChatMembers members = escrow.members(senderId, request.conversationId());
    if (!members.direct() || members.accountIds().size() != 2) {
      throw new WalletError.NotAllowed(
          "Transfers go to the other member of a 1:1 chat; send a red packet in groups.");
    }
    String recipientId =
        members.accountIds().stream().filter(id -> !id.equals(senderId)).findFirst().orElseThrow();
    return escrow.hold(
        senderId,
        key,
        "chat_transfer.create",
        request.withoutPin(),
        request.pin(),
        amount,
        PostingKind.CHAT_TRANSFER_HOLD,
        request.memo(),
        "trf_",
        (transaction, id, hold) -> {
          long now = transaction.nowMillis();
          ChatTransfer transfer =
              new ChatTransfer(
                  id,
                  request.conversationId(),
                  senderId,
                  recipientId,
                  amount,
                  request.memo(),
                  ChatTransfer.Status.PENDING,
                  now,
                  now + ttlMillis,
                  null,
                  hold.id(),
                  null);
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
    AccountId recipient = escrow.ledger.ensureAccount(AccountId.user(callerId));
    return escrow.resolve(
        callerId,
        key,
        "chat_transfer.accept",
        transferId,
        recipient,
        transaction ->
            TransferResponse.of(
                resolve(
                    transaction,
                    transfer.id(),
                    ChatTransfer.Status.ACCEPTED,
                    PostingKind.CHAT_TRANSFER_ACCEPT,
                    recipient,
                    true)));
  }

  /** The recipient refuses; the sender gets the money back. */
  Idempotency.Response decline(String callerId, String key, String transferId) {
    ChatTransfer transfer = forRecipient(callerId, transferId);
    AccountId sender = AccountId.user(transfer.senderAccountId());
    return escrow.resolve(
        callerId,
        key,
        "chat_transfer.decline",
        transferId,
        sender,
        transaction ->
            TransferResponse.of(
                resolve(
                    transaction,
                    transfer.id(),
                    ChatTransfer.Status.DECLINED,
                    PostingKind.CHAT_TRANSFER_REFUND,
                    sender,
                    true)));
  }

  /** Refunds pending transfers whose time ran out, at most {@code rowsMax}; returns how many. */
  int refundExpired(long nowMillis, int rowsMax) {
    return escrow.refundExpired(
        handle -> store.expiredPending(handle, nowMillis, rowsMax),
        id ->
            escrow.database.read(handle -> store.find(handle, id)).orElseThrow().senderAccountId(),
        (transaction, id) -> {
          ChatTransfer current = store.lock(transaction.handle(), id).orElseThrow();
          if (current.status() != ChatTransfer.Status.PENDING
              || current.expiresAtMillis() > transaction.nowMillis()) {
            return false;
          }
          AccountId sender = AccountId.user(current.senderAccountId());
          resolve(
              transaction,
              id,
              ChatTransfer.Status.REFUNDED,
              PostingKind.CHAT_TRANSFER_REFUND,
              sender,
              false);
          return true;
        });
  }

  boolean hasPendingSentBy(String accountId) {
    return escrow.database.read(handle -> store.hasPendingSentBy(handle, accountId));
  }

  /** Everything the account sent or received, for its data export. */
  java.util.List<TransferResponse> export(String accountId, int rowsMax) {
    return escrow.database.read(handle -> store.forAccount(handle, accountId, rowsMax)).stream()
        .map(TransferResponse::of)
        .toList();
  }

  private ChatTransfer resolve(
      dev.atrium.wallet.ledger.LedgerTransaction transaction,
      String id,
      ChatTransfer.Status outcome,
      PostingKind kind,
      AccountId payee,
      boolean refuseExpired) {
    ChatTransfer current = store.lock(transaction.handle(), id).orElseThrow();
    if (current.status() != ChatTransfer.Status.PENDING) {
      throw current.status() == ChatTransfer.Status.REFUNDED
          ? new WalletError.Expired()
          : new WalletError.AlreadyResolved();
    }
    if (refuseExpired && current.expiresAtMillis() <= transaction.nowMillis()) {
      throw new WalletError.Expired();
    }
    StoredPosting posting =
        transaction.post(
            LedgerPosting.transfer(kind, AccountId.ESCROW, payee, current.amountCents(), id));
    store.resolve(transaction.handle(), id, outcome, transaction.nowMillis(), posting.id());
    return store.find(transaction.handle(), id).orElseThrow();
  }

  private ChatTransfer visible(String callerId, String transferId) {
    return escrow
        .database
        .read(handle -> store.find(handle, transferId))
        .filter(transfer -> transfer.involves(callerId))
        .orElseThrow(WalletError.NotFound::new);
  }

  private ChatTransfer forRecipient(String callerId, String transferId) {
    ChatTransfer transfer = visible(callerId, transferId);
    if (!transfer.recipientAccountId().equals(callerId)) {
      throw new WalletError.NotAllowed("Only the recipient accepts or declines a transfer.");
    }
    return transfer;
  }
}
