package dev.atrium.identity;

import dev.atrium.platform.db.Handle;

/** SQL for the invites table; codes are stored only as hashes. */
final class InviteStore {
  void insert(Handle handle, String codeHash, String note, long nowMillis, Long expiresAtMillis) {
    handle.update(
        "INSERT INTO invites (code_hash, note, created_at, expires_at) VALUES (?, ?, ?, ?)",
        codeHash,
        note,
        nowMillis,
        expiresAtMillis);
  }

  /** Marks an unused, unexpired invite as used by the account; false when there is none such. */
  boolean redeem(Handle handle, String codeHash, String accountId, long nowMillis) {
    return handle.update(
            """
        UPDATE invites SET used_at = ?, used_by_account_id = ?
         WHERE code_hash = ? AND used_at IS NULL AND (expires_at IS NULL OR expires_at > ?)
        """,
            nowMillis,
            accountId,
            codeHash,
            nowMillis)
        == 1;
  }

  boolean usedBy(Handle handle, String accountId) {
    return handle.queryLong("SELECT COUNT(*) FROM invites WHERE used_by_account_id = ?", accountId)
        > 0;
  }
}
