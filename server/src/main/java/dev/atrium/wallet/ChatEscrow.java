package dev.atrium.wallet;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.db.HandleCallback;
import dev.atrium.platform.security.SecretTokens;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.Ledger;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.LedgerTransaction;
import dev.atrium.wallet.ledger.LedgerWork;
import dev.atrium.wallet.ledger.PostingKind;
import dev.atrium.wallet.ledger.StoredPosting;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What chat transfers and red packets share: money from a chat member held in escrow through {@link
 * Payments} (idempotency key, the sender's PIN and limits), and the sweeper's refund of holds whose
 * time ran out. Thread-safe.
 */
final class ChatEscrow {
  /** The part of a new hold that is specific to the feature, run in the hold's ledger work. */
  interface Holder<R> {
    R record(LedgerTransaction transaction, String id, StoredPosting hold);
  }

  /** Refunds one expired hold in its ledger work; false when it was resolved meanwhile. */
  interface ExpiredRefund {
    boolean refund(LedgerTransaction transaction, String id);
  }

  final Database database;
  final Ledger ledger;
  private final Payments payments;
  private final ConversationDirectory conversations;

  ChatEscrow(
      Database database, Ledger ledger, Payments payments, ConversationDirectory conversations) {
    this.database = database;
    this.ledger = ledger;
    this.payments = payments;
    this.conversations = conversations;
  }

  /**
   * The conversation's members, only for a member; 404 for everyone else, whether or not it exists.
   */
  ConversationDirectory.ChatMembers members(String callerId, String conversationId) {
    return conversations
        .membersVisibleTo(callerId, conversationId)
        .orElseThrow(() -> new WalletError.NotFound("No such conversation."));
  }

  boolean isMember(String callerId, String conversationId) {
    return conversations.membersVisibleTo(callerId, conversationId).isPresent();
  }

  /** Checks the amount against the per-payment limit and the memo's shape, before any slow work. */
  void checkRequest(long amountCents, String memo) {
    payments.checkAmount(amountCents);
    WalletRules.memo(memo);
  }

  /**
   * Moves {@code amountCents} from the sender to escrow once per idempotency key, after the PIN;
   * the id of the new hold is {@code idPrefix} and a fresh token.
   */
  <R> Idempotency.Response hold(
      String senderId,
      String key,
      String operation,
      Object requestWithoutPin,
      String pin,
      long amountCents,
      PostingKind kind,
      String memo,
      String idPrefix,
      Holder<R> holder) {
    AccountId sender = AccountId.user(senderId);
    Payments.Payment payment =
        Payments.Payment.of(
                senderId, key, operation, requestWithoutPin, Set.of(sender, AccountId.ESCROW))
            .opening(sender)
            .confirmedBy(senderId, pin)
            .charging(senderId, amountCents);
    return payments.run(
        payment,
        transaction -> {
          String id = idPrefix + SecretTokens.newId();
          StoredPosting hold =
              transaction.post(
                  LedgerPosting.transfer(kind, sender, AccountId.ESCROW, amountCents, id)
                      .withMemo(memo));
          return holder.record(transaction, id, hold);
        });
  }

  /**
   * A resolution by a member (accept, decline, claim) under an idempotency key: no PIN and no
   * limit, since the money leaves escrow, not a person.
   */
  Idempotency.Response resolve(
      String callerId,
      String key,
      String operation,
      String targetId,
      AccountId payee,
      LedgerWork<?> work) {
    return payments.run(
        Payments.Payment.of(callerId, key, operation, targetId, Set.of(AccountId.ESCROW, payee))
            .answering(200),
        work);
  }

  /**
   * Refunds the expired holds {@code expiredIds} finds (at most its limit) to their senders;
   * returns how many were refunded.
   */
  int refundExpired(
      HandleCallback<List<String>> expiredIds,
      Function<String, String> senderOf,
      ExpiredRefund refund) {
    int refunded = 0;
    for (String id : database.read(expiredIds)) {
      AccountId sender = AccountId.user(senderOf.apply(id));
      boolean done =
          ledger.run(
              Set.of(AccountId.ESCROW, sender), transaction -> refund.refund(transaction, id));
      refunded += done ? 1 : 0;
    }
    return refunded;
  }
}
