package dev.atrium.media;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link AttachmentService#sweepExpired} every sweep interval on one platform daemon thread (a
 * platform thread because SQLite's native calls would pin a virtual one). Start once, close once;
 * closing lets a running sweep finish before the database closes. Thread-safe.
 */
final class AttachmentSweeper implements AutoCloseable {
  private static final long CLOSE_WAIT_MILLIS_MAX = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(AttachmentSweeper.class);

  private final AttachmentService service;
  private final Clock clock;
  private final long intervalMillis;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "atrium-attachment-sweeper");
            thread.setDaemon(true);
            return thread;
          });

  AttachmentSweeper(AttachmentService service, Clock clock, long intervalMillis) {
    this.service = service;
    this.clock = clock;
    this.intervalMillis = intervalMillis;
  }

  void start() {
    var unused =
        executor.scheduleWithFixedDelay(
            this::sweepOnce, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
  }

  private void sweepOnce() {
    try {
      service.sweepExpired(clock.millis());
    } catch (RuntimeException e) {
      // A failed run must not cancel the schedule (an exception would); the next run tries again.
      LOG.error("event=attachment_sweep_failed", e);
    }
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(CLOSE_WAIT_MILLIS_MAX, TimeUnit.MILLISECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
