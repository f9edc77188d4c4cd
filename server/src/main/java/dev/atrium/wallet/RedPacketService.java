package dev.atrium.wallet;

import dev.atrium.platform.errors.RequestError;
import dev.atrium.wallet.WalletApi.CreateRedPacketRequest;
import dev.atrium.wallet.WalletApi.RedPacketResponse;
import dev.atrium.wallet.ledger.AccountId;
import dev.atrium.wallet.ledger.LedgerPosting;
import dev.atrium.wallet.ledger.LedgerTransaction;
import dev.atrium.wallet.ledger.PostingKind;
import dev.atrium.wallet.ledger.StoredPosting;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;

/**
 * Red packets in 1:1 and group chats: the total goes to escrow split into shares at creation; each
 * member claims one share at most (in a 1:1 chat only the other member); the unclaimed rest is
 * refunded by the sweeper when the packet expires. Members see who got how much. Thread-safe.
 */
final class RedPacketService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ChatEscrow escrow;
  private final RedPacketStore store = new RedPacketStore();
  private final long ttlMillis;
  private final int sharesMax;

  RedPacketService(ChatEscrow escrow, long ttlMillis, int sharesMax) {
    this.escrow = escrow;
    this.ttlMillis = ttlMillis;
    this.sharesMax = sharesMax;
  }

  Idempotency.Response create(String senderId, String key, CreateRedPacketRequest request) {
    long total = request.totalCents();
    int count = request.count();
    escrow.checkRequest(total, request.memo());
    RedPacket.Split split = parseSplit(request.split());
    ConversationDirectory.ChatMembers members = escrow.members(senderId, request.conversationId());
    int claimants = members.direct() ? 1 : members.accountIds().size();
    if (count < 1 || count > Math.min(sharesMax, claimants)) {
      throw RequestError.validation(
          "count",
          "Between 1 and "
              + Math.min(sharesMax, claimants)
              + " shares: at most one per member who may claim.");
    }
    if (total < count) {
      throw new WalletError.AmountInvalid("Every share needs at least 1 cent.");
    }
    List<Long> shares =
        split == RedPacket.Split.EQUAL
            ? RedPacketSplit.equal(total, count)
            : RedPacketSplit.lucky(total, count, RANDOM);
    return escrow.hold(
        senderId,
        key,
        "red_packet.create",
        request.withoutPin(),
        request.pin(),
        total,
        PostingKind.RED_PACKET_HOLD,
        request.memo(),
        "rpk_",
        (transaction, id, hold) -> {
          long now = transaction.nowMillis();
          RedPacket packet =
              new RedPacket(
                  id,
                  request.conversationId(),
                  senderId,
                  total,
                  count,
                  split,
                  request.memo(),
                  RedPacket.Status.OPEN,
                  0,
                  0,
                  0,
                  now,
                  now + ttlMillis,
                  hold.id(),
                  null);
          store.insert(transaction.handle(), packet, shares);
          return RedPacketResponse.of(new RedPacket.WithClaims(packet, List.of()), senderId);
        });
  }

  RedPacketResponse get(String callerId, String packetId) {
    RedPacket packet = visible(callerId, packetId);
    return RedPacketResponse.of(withClaims(packet.id()), callerId);
  }

  /** A member takes the next share. */
  Idempotency.Response claim(String callerId, String key, String packetId) {
    RedPacket packet = visible(callerId, packetId);
    ConversationDirectory.ChatMembers members = escrow.members(callerId, packet.conversationId());
    if (members.direct() && packet.senderAccountId().equals(callerId)) {
      throw new WalletError.NotAllowed("In a 1:1 chat the other member claims the red packet.");
    }
    AccountId claimant = escrow.ledger.ensureAccount(AccountId.user(callerId));
    return escrow.resolve(
        callerId,
        key,
        "red_packet.claim",
        packetId,
        claimant,
        transaction -> {
          claimNext(transaction, packetId, callerId, claimant);
          return RedPacketResponse.of(
              new RedPacket.WithClaims(
                  store.find(transaction.handle(), packetId).orElseThrow(),
                  store.claims(transaction.handle(), packetId, sharesMax)),
              callerId);
        });
  }

  /**
   * Refunds the unclaimed rest of expired red packets, at most {@code rowsMax}; returns how many.
   */
  int refundExpired(long nowMillis, int rowsMax) {
    return escrow.refundExpired(
        handle -> store.expiredOpen(handle, nowMillis, rowsMax),
        id ->
            escrow.database.read(handle -> store.find(handle, id)).orElseThrow().senderAccountId(),
        (transaction, id) -> {
          RedPacket current = store.lock(transaction.handle(), id).orElseThrow();
          if (current.status() != RedPacket.Status.OPEN
              || current.expiresAtMillis() > transaction.nowMillis()) {
            return false;
          }
          long rest = current.totalCents() - current.claimedCents();
          StoredPosting refund =
              transaction.post(
                  LedgerPosting.transfer(
                      PostingKind.RED_PACKET_REFUND,
                      AccountId.ESCROW,
                      AccountId.user(current.senderAccountId()),
                      rest,
                      id));
          store.refund(transaction.handle(), id, rest, refund.id());
          return true;
        });
  }

  boolean hasOpenSentBy(String accountId) {
    return escrow.database.read(handle -> store.hasOpenSentBy(handle, accountId));
  }

  /** What the account sent and claimed, for its data export. */
  Object export(String accountId, int rowsMax) {
    return escrow.database.read(
        handle ->
            java.util.Map.of(
                "sent",
                    store.sentBy(handle, accountId, rowsMax).stream()
                        .map(
                            packet ->
                                RedPacketResponse.of(
                                    new RedPacket.WithClaims(packet, List.of()), accountId))
                        .toList(),
                "claimed",
                    store.claimedBy(handle, accountId, rowsMax).stream()
                        .map(WalletApi.ClaimResponse::of)
                        .toList()));
  }

  private void claimNext(
      LedgerTransaction transaction, String packetId, String callerId, AccountId claimant) {
    RedPacket current = store.lock(transaction.handle(), packetId).orElseThrow();
    if (store.hasClaimed(transaction.handle(), packetId, callerId)) {
      throw new WalletError.AlreadyClaimed();
    }
    if (current.status() == RedPacket.Status.REFUNDED
        || current.expiresAtMillis() <= transaction.nowMillis()) {
      throw new WalletError.Expired("This red packet expired; the rest went back to the sender.");
    }
    if (current.claimedCount() >= current.shareCount()) {
      throw new WalletError.RedPacketEmpty();
    }
    RedPacket.Share share = store.share(transaction.handle(), packetId, current.claimedCount());
    StoredPosting posting =
        transaction.post(
            LedgerPosting.transfer(
                PostingKind.RED_PACKET_CLAIM,
                AccountId.ESCROW,
                claimant,
                share.amountCents(),
                packetId));
    store.claim(
        transaction.handle(), current, share, callerId, transaction.nowMillis(), posting.id());
  }

  private RedPacket.WithClaims withClaims(String packetId) {
    return escrow.database.read(
        handle ->
            new RedPacket.WithClaims(
                store.find(handle, packetId).orElseThrow(),
                store.claims(handle, packetId, sharesMax)));
  }

  /**
   * The packet, only for members of its conversation; 404 for everyone else, whether or not it
   * exists.
   */
  private RedPacket visible(String callerId, String packetId) {
    if (!WalletRules.plausibleId(packetId)) {
      throw new WalletError.NotFound();
    }
    return escrow
        .database
        .read(handle -> store.find(handle, packetId))
        .filter(packet -> escrow.isMember(callerId, packet.conversationId()))
        .orElseThrow(WalletError.NotFound::new);
  }

  private static RedPacket.Split parseSplit(String split) {
    if (split == null) {
      throw RequestError.missingField("split");
    }
    return switch (split.toLowerCase(Locale.ROOT)) {
      case "equal" -> RedPacket.Split.EQUAL;
      case "lucky" -> RedPacket.Split.LUCKY;
      default -> throw RequestError.validation("split", "equal or lucky");
    };
  }
}
