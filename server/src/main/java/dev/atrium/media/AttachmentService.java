package dev.atrium.media;

import dev.atrium.platform.db.Database;
import dev.atrium.platform.limits.RetentionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypted attachments: storing, finding, withdrawing, expiring and erasing them. Each blob is a
 * file plus a row, kept in an order that a crash cannot turn into a file nobody knows about: a row
 * is committed before its file appears, and a file is deleted before its row. A row whose file is
 * missing answers 404 and goes away when it expires. Neither ids (they are capabilities) nor
 * contents are ever logged. Thread-safe.
 */
public final class AttachmentService {
  /**
   * Temporary files this old belong to uploads cut off by a crash; a live upload is never this
   * slow.
   */
  static final long ABANDONED_UPLOAD_AGE_MILLIS = 3_600_000;

  static final int SWEEP_BATCH_ROWS_MAX = 500;
  static final int SWEEP_BATCHES_PER_RUN_MAX = 20;
  static final int SWEEP_TEMPORARY_FILES_MAX = 10_000;
  static final int EXPORT_ROWS_MAX = 10_000;
  static final int ERASURE_BATCHES_MAX = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(AttachmentService.class);

  private final Database database;
  private final BlobFiles files;
  private final Clock clock;
  private final AttachmentSettings settings;
  private final RetentionSettings retention;
  private final AttachmentStore store = new AttachmentStore();

  AttachmentService(
      Database database,
      BlobFiles files,
      Clock clock,
      AttachmentSettings settings,
      RetentionSettings retention) {
    this.database = database;
    this.files = files;
    this.clock = clock;
    this.settings = settings;
    this.retention = retention;
  }

  /** What one sweep removed. */
  public record SweepResult(int expiredAttachments, int abandonedTemporaryFiles) {}

  /**
   * Stores an uploaded blob and returns it once both its file and its row are durable. The body is
   * streamed to disk, never held in memory; it arrives capped by the upload route.
   *
   * @param declaredBytes the body's Content-Length, or -1 when sent chunked
   */
  Attachment store(String accountId, long declaredBytes, InputStream body) throws IOException {
    long storedBytesMax = settings.storedBytesPerAccountMax();
    // Refused before reading when the announced size cannot fit; the transaction below decides for
    // real.
    if (declaredBytes > 0
        && database.read(h -> store.storedBytes(h, accountId)) + declaredBytes > storedBytesMax) {
      throw new AttachmentError.QuotaExceeded(storedBytesMax);
    }
    BlobFiles.Received received = files.receive(body);
    try {
      if (received.sizeBytes() == 0) {
        throw new AttachmentError.Empty();
      }
      long now = clock.millis();
      Attachment attachment =
          new Attachment(
              AttachmentIds.newId(),
              accountId,
              received.sizeBytes(),
              received.sha256Hex(),
              now,
              now + retention.ttlMillis());
      database.inTransaction(
          handle -> {
            if (!store.reserve(handle, accountId, attachment.sizeBytes(), storedBytesMax)) {
              throw new AttachmentError.QuotaExceeded(storedBytesMax);
            }
            store.insert(handle, attachment);
            return null;
          });
      publishOrForget(received, attachment);
      LOG.info(
          "event=attachment_stored accountId={} sizeBytes={}", accountId, attachment.sizeBytes());
      return attachment;
    } catch (IOException | RuntimeException e) {
      files.discard(received);
      throw e;
    }
  }

  /**
   * An attachment any authenticated account may download; 404 when unknown, expired or malformed.
   */
  Attachment find(String id) {
    if (!AttachmentIds.isWellFormed(id)) {
      throw new AttachmentError.NotFound();
    }
    return database
        .read(handle -> store.findUnexpired(handle, id, clock.millis()))
        .orElseThrow(AttachmentError.NotFound::new);
  }

  /** The content of an attachment found with {@link #find}; 404 when it was withdrawn meanwhile. */
  FileChannel open(Attachment attachment) throws IOException {
    return files.open(attachment.id()).orElseThrow(AttachmentError.NotFound::new);
  }

  /**
   * Withdraws one of the account's own uploads; anyone else's is "not found", so ids cannot be
   * probed.
   */
  void delete(String accountId, String id) throws IOException {
    if (!AttachmentIds.isWellFormed(id)) {
      throw new AttachmentError.NotFound();
    }
    Attachment attachment =
        database
            .read(handle -> store.findByUploader(handle, id, accountId))
            .orElseThrow(AttachmentError.NotFound::new);
    files.delete(id);
    removeRows(List.of(attachment));
    LOG.info(
        "event=attachment_deleted accountId={} sizeBytes={}", accountId, attachment.sizeBytes());
  }

  /**
   * Deletes what expired at {@code nowMillis} (files and rows) in bounded batches, and temporary
   * files of uploads abandoned long before it. Whatever one run leaves, the next one takes.
   */
  public SweepResult sweepExpired(long nowMillis) {
    int expired = 0;
    for (int batch = 0; batch < SWEEP_BATCHES_PER_RUN_MAX; batch++) {
      List<Attachment> rows =
          database.read(handle -> store.listExpired(handle, nowMillis, SWEEP_BATCH_ROWS_MAX));
      expired += removeFilesThenRows(rows);
      if (rows.size() < SWEEP_BATCH_ROWS_MAX) {
        break;
      }
    }
    int temporary;
    try {
      temporary =
          files.deleteAbandonedTemporaryFiles(
              nowMillis - ABANDONED_UPLOAD_AGE_MILLIS, SWEEP_TEMPORARY_FILES_MAX);
    } catch (IOException e) {
      throw new UncheckedIOException("Sweeping temporary blob files failed", e);
    }
    if (expired > 0 || temporary > 0) {
      LOG.info("event=attachments_swept expired={} abandonedTemporaryFiles={}", expired, temporary);
    }
    return new SweepResult(expired, temporary);
  }

  /** The account's uploads for its data export: sizes and times, never contents. */
  AttachmentApi.ExportedAttachments export(String accountId) {
    return database.read(
        handle -> {
          List<Attachment> rows = store.listByUploader(handle, accountId, EXPORT_ROWS_MAX + 1);
          return AttachmentApi.ExportedAttachments.of(
              store.storedBytes(handle, accountId),
              rows.subList(0, Math.min(rows.size(), EXPORT_ROWS_MAX)),
              rows.size() > EXPORT_ROWS_MAX);
        });
  }

  /**
   * Removes every blob the account uploaded, in bounded batches; what a bound leaves expires with
   * the TTL.
   */
  void eraseAccount(String accountId) {
    int erased = 0;
    for (int batch = 0; batch < ERASURE_BATCHES_MAX; batch++) {
      List<Attachment> rows =
          database.read(handle -> store.listByUploader(handle, accountId, SWEEP_BATCH_ROWS_MAX));
      if (rows.isEmpty()) {
        LOG.info("event=attachments_erased accountId={} count={}", accountId, erased);
        return;
      }
      erased += removeFilesThenRows(rows);
    }
    LOG.warn("event=attachments_erasure_incomplete accountId={} count={}", accountId, erased);
  }

  /**
   * Deletes the files first, then the rows of the files that are gone; returns how many rows it
   * deleted.
   */
  private int removeFilesThenRows(List<Attachment> attachments) {
    List<Attachment> withoutFile = new ArrayList<>();
    for (Attachment attachment : attachments) {
      try {
        files.delete(attachment.id());
        withoutFile.add(attachment);
      } catch (IOException e) {
        // The row stays, so the next sweep tries again; the message names the file, not its
        // content.
        LOG.warn(
            "event=attachment_file_delete_failed accountId={}", attachment.uploaderAccountId(), e);
      }
    }
    return removeRows(withoutFile);
  }

  /** Deletes rows and gives their bytes back to the uploaders' quotas, in one transaction. */
  private int removeRows(List<Attachment> attachments) {
    if (attachments.isEmpty()) {
      return 0;
    }
    return database.inTransaction(
        handle -> {
          int removed = 0;
          for (Attachment attachment : attachments) {
            // Another request or the sweeper may have deleted the row first: release the bytes only
            // once.
            if (store.delete(handle, attachment.id())) {
              store.release(handle, attachment.uploaderAccountId(), attachment.sizeBytes());
              removed++;
            }
          }
          return removed;
        });
  }

  /**
   * Makes the received file visible; if that fails, the committed row is taken back, so no row
   * points nowhere.
   */
  private void publishOrForget(BlobFiles.Received received, Attachment attachment)
      throws IOException {
    try {
      files.publish(received, attachment.id());
    } catch (IOException | RuntimeException e) {
      try {
        removeRows(List.of(attachment));
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }
}
