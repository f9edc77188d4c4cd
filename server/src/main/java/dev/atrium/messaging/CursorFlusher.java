package dev.atrium.messaging;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Coalesces acknowledgements and read marks in memory and hands them to the writer every few
 * milliseconds, so that 20,000 acks a second cost a handful of batched updates. Losing the
 * newest few on a crash only means those envelopes are delivered again, which clients dedupe
 * by sequence number. Thread-safe.
 */
final class CursorFlusher implements AutoCloseable {
  private static final long FLUSH_INTERVAL_MILLIS = 25;

  private final EnvelopeWriter writer;
  private final ScheduledExecutorService scheduler;
  private volatile ConcurrentHashMap<CursorStore.CursorKey, Long> acked = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<CursorStore.ReadKey, Long> read = new ConcurrentHashMap<>();

  CursorFlusher(EnvelopeWriter writer) {
    this.writer = writer;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name("cursor-flusher").daemon(true).factory());
    scheduler.scheduleWithFixedDelay(this::flush, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  void acked(String deviceId, String conversationId, long seq) {
    acked.merge(new CursorStore.CursorKey(deviceId, conversationId), seq, Math::max);
  }

  void read(String accountId, String conversationId, long seq) {
    read.merge(new CursorStore.ReadKey(accountId, conversationId), seq, Math::max);
  }

  void flush() {
    if (acked.isEmpty() && read.isEmpty()) {
      return;
    }
    Map<CursorStore.CursorKey, Long> ackedNow = acked;
    Map<CursorStore.ReadKey, Long> readNow = read;
    acked = new ConcurrentHashMap<>();
    read = new ConcurrentHashMap<>();
    try {
      writer.saveCursors(ackedNow, readNow);
    } catch (RuntimeException overloaded) {
      // The writer is full: keep the positions for the next round instead of dropping them.
      ackedNow.forEach((key, seq) -> acked.merge(key, seq, Math::max));
      readNow.forEach((key, seq) -> read.merge(key, seq, Math::max));
    }
  }

  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
