package dev.atrium.messaging;

import dev.atrium.platform.db.Database;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes envelopes every device of their group has acknowledged, and anything older than the
 * retention TTL (envelopes, undelivered items, cursors of removed devices that never came back for
 * their last envelopes), in bounded batches on a schedule.
 */
final class RetentionSweeper implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
  private static final int CONVERSATIONS_PER_ROUND_MAX = 500;

  private final Database database;
  private final EnvelopeStore envelopes;
  private final CursorStore cursors;
  private final Clock clock;
  private final long ttlMillis;
  private final ScheduledExecutorService scheduler;

  RetentionSweeper(
      Database database,
      EnvelopeStore envelopes,
      CursorStore cursors,
      Clock clock,
      long ttlMillis,
      long intervalMillis) {
    this.database = database;
    this.envelopes = envelopes;
    this.cursors = cursors;
    this.clock = clock;
    this.ttlMillis = ttlMillis;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("retention-sweeper").daemon(true).factory());
    var unused =
        scheduler.scheduleWithFixedDelay(
            this::sweepQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  /** One full sweep; returns how many rows it deleted. */
  int sweep() {
    long cutoff = clock.millis() - ttlMillis;
    int deleted =
        database.inTransaction(
            handle ->
                envelopes.deleteOlderThan(handle, cutoff)
                    + cursors.deleteDepartedBefore(handle, cutoff));
    String after = "";
    while (true) {
      String from = after;
      List<String> conversationIds =
          database.read(
              handle ->
                  envelopes.conversationsWithEnvelopes(handle, from, CONVERSATIONS_PER_ROUND_MAX));
      for (String conversationId : conversationIds) {
        deleted +=
            database.inTransaction(handle -> envelopes.deleteAcknowledged(handle, conversationId));
      }
      if (conversationIds.size() < CONVERSATIONS_PER_ROUND_MAX) {
        return deleted;
      }
      after = conversationIds.getLast();
    }
  }

  private void sweepQuietly() {
    try {
      int deleted = sweep();
      if (deleted > 0) {
        LOG.info("event=retention_sweep deletedRows={}", deleted);
      }
    } catch (RuntimeException e) {
      LOG.error("Retention sweep failed", e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
