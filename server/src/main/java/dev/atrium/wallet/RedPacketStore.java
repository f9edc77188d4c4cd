package dev.atrium.wallet;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import dev.atrium.platform.limits.Invariants;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for red packets and their shares. */
final class RedPacketStore {
  private static final String COLUMNS =
      "id, conversation_id, sender_account_id, total_cents, share_count, split, memo,"
          + " status, claimed_count, claimed_cents, refunded_cents, created_at, expires_at, hold_posting_id,"
          + " refund_posting_id";
  private static final RowMapper<RedPacket> PACKET =
      row ->
          new RedPacket(
              row.getString("id"),
              row.getString("conversation_id"),
              row.getString("sender_account_id"),
              row.getLong("total_cents"),
              row.getInt("share_count"),
              RedPacket.Split.valueOf(row.getString("split")),
              row.getString("memo"),
              RedPacket.Status.valueOf(row.getString("status")),
              row.getInt("claimed_count"),
              row.getLong("claimed_cents"),
              row.getLong("refunded_cents"),
              row.getLong("created_at"),
              row.getLong("expires_at"),
              row.getString("hold_posting_id"),
              row.getString("refund_posting_id"));
  private static final RowMapper<RedPacket.Share> SHARE =
      row ->
          new RedPacket.Share(
              row.getInt("share_index"),
              row.getLong("amount_cents"),
              row.getString("claimed_by"),
              row.getObject("claimed_at") == null ? null : row.getLong("claimed_at"),
              row.getString("claim_posting_id"));

  void insert(Handle handle, RedPacket packet, List<Long> shares) {
    handle.update(
        "INSERT INTO wallet_red_packets ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        packet.id(),
        packet.conversationId(),
        packet.senderAccountId(),
        packet.totalCents(),
        packet.shareCount(),
        packet.split(),
        packet.memo(),
        packet.status(),
        packet.claimedCount(),
        packet.claimedCents(),
        packet.refundedCents(),
        packet.createdAtMillis(),
        packet.expiresAtMillis(),
        packet.holdPostingId(),
        packet.refundPostingId());
    List<Object[]> rows = new ArrayList<>(shares.size());
    for (int i = 0; i < shares.size(); i++) {
      rows.add(new Object[] {packet.id(), i, shares.get(i)});
    }
    handle.batch(
        "INSERT INTO wallet_red_packet_shares (red_packet_id, share_index, amount_cents) VALUES (?, ?, ?)",
        rows);
  }

  Optional<RedPacket> find(Handle handle, String id) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM wallet_red_packets WHERE id = ?", PACKET, id);
  }

  Optional<RedPacket> lock(Handle handle, String id) {
    handle.update("UPDATE wallet_red_packets SET status = status WHERE id = ?", id);
    return find(handle, id);
  }

  /** Claimed shares in claim order; at most {@code rowsMax}. */
  List<RedPacket.Share> claims(Handle handle, String id, int rowsMax) {
    return handle.queryList(
        """
        SELECT share_index, amount_cents, claimed_by, claimed_at, claim_posting_id FROM wallet_red_packet_shares
         WHERE red_packet_id = ? AND claimed_by IS NOT NULL ORDER BY share_index LIMIT ?
        """,
        SHARE,
        rowsMax,
        id,
        rowsMax);
  }

  boolean hasClaimed(Handle handle, String id, String accountId) {
    return handle
        .queryOne(
            "SELECT 1 FROM wallet_red_packet_shares WHERE red_packet_id = ? AND claimed_by = ?",
            row -> 1,
            id,
            accountId)
        .isPresent();
  }

  RedPacket.Share share(Handle handle, String id, int index) {
    return handle
        .queryOne(
            """
        SELECT share_index, amount_cents, claimed_by, claimed_at, claim_posting_id FROM wallet_red_packet_shares
         WHERE red_packet_id = ? AND share_index = ?
        """,
            SHARE,
            id,
            index)
        .orElseThrow();
  }

  void claim(
      Handle handle,
      RedPacket packet,
      RedPacket.Share share,
      String accountId,
      long nowMillis,
      String postingId) {
    int claimed =
        handle.update(
            """
        UPDATE wallet_red_packet_shares SET claimed_by = ?, claimed_at = ?, claim_posting_id = ?
         WHERE red_packet_id = ? AND share_index = ? AND claimed_by IS NULL
        """,
            accountId,
            nowMillis,
            postingId,
            packet.id(),
            share.index());
    Invariants.check(claimed == 1, "a share is claimed once");
    boolean last = packet.claimedCount() + 1 == packet.shareCount();
    handle.update(
        """
        UPDATE wallet_red_packets SET claimed_count = claimed_count + 1, claimed_cents = claimed_cents + ?, status = ?
         WHERE id = ?
        """,
        share.amountCents(),
        last ? RedPacket.Status.EMPTY : RedPacket.Status.OPEN,
        packet.id());
  }

  void refund(Handle handle, String id, long refundedCents, String postingId) {
    int updated =
        handle.update(
            """
        UPDATE wallet_red_packets SET status = 'REFUNDED', refunded_cents = ?, refund_posting_id = ?
         WHERE id = ? AND status = 'OPEN'
        """,
            refundedCents,
            postingId,
            id);
    Invariants.check(updated == 1, "a red packet is refunded once");
  }

  /** Open red packets whose time ran out, oldest first. */
  List<String> expiredOpen(Handle handle, long nowMillis, int rowsMax) {
    return handle.queryList(
        """
        SELECT id FROM wallet_red_packets WHERE status = 'OPEN' AND expires_at <= ? ORDER BY expires_at LIMIT ?
        """,
        row -> row.getString(1),
        rowsMax,
        nowMillis,
        rowsMax);
  }

  /** Red packets an account sent, newest first, for its data export. */
  List<RedPacket> sentBy(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + " FROM wallet_red_packets WHERE sender_account_id = ?"
            + " ORDER BY created_at DESC LIMIT ?",
        PACKET,
        rowsMax,
        accountId,
        rowsMax);
  }

  /** Shares an account claimed, newest first, for its data export. */
  List<RedPacket.Share> claimedBy(Handle handle, String accountId, int rowsMax) {
    return handle.queryList(
        """
        SELECT share_index, amount_cents, claimed_by, claimed_at, claim_posting_id FROM wallet_red_packet_shares
         WHERE claimed_by = ? ORDER BY claimed_at DESC LIMIT ?
        """,
        SHARE,
        rowsMax,
        accountId,
        rowsMax);
  }

  boolean hasOpenSentBy(Handle handle, String accountId) {
    return handle
        .queryOne(
            "SELECT 1 FROM wallet_red_packets WHERE sender_account_id = ? AND status = 'OPEN' LIMIT 1",
            row -> 1,
            accountId)
        .isPresent();
  }
}
