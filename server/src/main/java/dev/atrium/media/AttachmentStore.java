package dev.atrium.media;

import dev.atrium.platform.db.Handle;
import dev.atrium.platform.db.RowMapper;
import java.util.List;
import java.util.Optional;

/** SQL for the attachments table and the per-account usage that bounds it. */
final class AttachmentStore {
  private static final String COLUMNS =
      "id, uploader_account_id, size_bytes, sha256, created_at, expires_at";
  private static final RowMapper<Attachment> ATTACHMENT =
      row ->
          new Attachment(
              row.getString("id"),
              row.getString("uploader_account_id"),
              row.getLong("size_bytes"),
              row.getString("sha256"),
              row.getLong("created_at"),
              row.getLong("expires_at"));

  void insert(Handle handle, Attachment attachment) {
    handle.update(
        "INSERT INTO attachments (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)",
        attachment.id(),
        attachment.uploaderAccountId(),
        attachment.sizeBytes(),
        attachment.sha256Hex(),
        attachment.createdAtMillis(),
        attachment.expiresAtMillis());
  }

  /**
   * The attachment if it has not expired at {@code nowMillis}, whether or not the sweeper got to
   * it.
   */
  Optional<Attachment> findUnexpired(Handle handle, String id, long nowMillis) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM attachments WHERE id = ? AND expires_at > ?",
        ATTACHMENT,
        id,
        nowMillis);
  }

  Optional<Attachment> findByUploader(Handle handle, String id, String uploaderAccountId) {
    return handle.queryOne(
        "SELECT " + COLUMNS + " FROM attachments WHERE id = ? AND uploader_account_id = ?",
        ATTACHMENT,
        id,
        uploaderAccountId);
  }

  /** Deletes the row; false when another request or the sweeper deleted it first. */
  boolean delete(Handle handle, String id) {
    return handle.update("DELETE FROM attachments WHERE id = ?", id) == 1;
  }

  /** Expired attachments, oldest expiry first, at most {@code rowsMax}. */
  List<Attachment> listExpired(Handle handle, long nowMillis, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + """
         FROM attachments
        WHERE expires_at <= ?
        ORDER BY expires_at, id
        LIMIT ?
        """,
        ATTACHMENT,
        rowsMax,
        nowMillis,
        rowsMax);
  }

  /** The account's uploads, newest first, at most {@code rowsMax}. */
  List<Attachment> listByUploader(Handle handle, String uploaderAccountId, int rowsMax) {
    return handle.queryList(
        "SELECT "
            + COLUMNS
            + """
         FROM attachments
        WHERE uploader_account_id = ?
        ORDER BY created_at DESC, id
        LIMIT ?
        """,
        ATTACHMENT,
        rowsMax,
        uploaderAccountId,
        rowsMax);
  }

  long storedBytes(Handle handle, String accountId) {
    return handle
        .queryOne(
            "SELECT stored_bytes FROM attachment_usage WHERE account_id = ?",
            row -> row.getLong(1),
            accountId)
        .orElse(0L);
  }

  /**
   * Adds {@code bytes} to the account's stored bytes unless that would pass {@code bytesMax}. A
   * single conditional UPDATE, so two concurrent uploads cannot both take the last room on either
   * engine. False when the account has no room.
   */
  boolean reserve(Handle handle, String accountId, long bytes, long bytesMax) {
    handle.update(
        """
        INSERT INTO attachment_usage (account_id, stored_bytes) VALUES (?, 0)
        ON CONFLICT (account_id) DO NOTHING
        """,
        accountId);
    return handle.update(
            """
        UPDATE attachment_usage SET stored_bytes = stored_bytes + ?
         WHERE account_id = ? AND stored_bytes + ? <= ?
        """,
            bytes,
            accountId,
            bytes,
            bytesMax)
        == 1;
  }

  void release(Handle handle, String accountId, long bytes) {
    handle.update(
        "UPDATE attachment_usage SET stored_bytes = stored_bytes - ? WHERE account_id = ?",
        bytes,
        accountId);
  }
}
