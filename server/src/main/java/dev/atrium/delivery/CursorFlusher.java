package dev.atrium.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Coalesces acknowledgements and read marks in memory and hands them to the writer every few
 * milliseconds, so that 20,000 acks a second cost a handful of batched updates. Losing the newest
 * few on a crash only means those envelopes are delivered again, which clients dedupe by sequence
 * number. Thread-safe.
 */
final class CursorFlusher implements AutoCloseable {
  private static final long FLUSH_INTERVAL_MILLIS = 25;

  /** Where coalesced positions go (the writer's queue); it may refuse them when full. */
  @FunctionalInterface
  interface Sink {
    void save(Map<CursorKey, Long> acked, Map<ReadKey, Long> read);
  }

  private final Sink sink;
  private final ScheduledExecutorService scheduler;
  private final ConcurrentHashMap<CursorKey, Long> acked = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ReadKey, Long> read = new ConcurrentHashMap<>();

  CursorFlusher(Sink sink) {
    this.sink = sink;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("cursor-flusher").daemon(true).factory());
    var unused =
        scheduler.scheduleWithFixedDelay(
            this::flush, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  void acked(String deviceId, String conversationId, long seq) {
    acked.merge(new CursorKey(deviceId, conversationId), seq, Math::max);
  }

  void read(String accountId, String conversationId, long seq) {
    read.merge(new ReadKey(accountId, conversationId), seq, Math::max);
  }

  /**
   * Hands a snapshot to the sink, then removes each position only if it is still the one handed
   * over: a newer one that arrived meanwhile stays for the next round. (Swapping in fresh maps lost
   * a position merged into a map that a concurrent flush then replaced.)
   */
  void flush() {
    if (acked.isEmpty() && read.isEmpty()) {
      return;
    }
    Map<CursorKey, Long> ackedNow = Map.copyOf(acked);
    Map<ReadKey, Long> readNow = Map.copyOf(read);
    try {
      sink.save(ackedNow, readNow);
    } catch (RuntimeException overloaded) {
      return; // the writer is full: the positions stay for the next round
    }
    ackedNow.forEach(acked::remove);
    readNow.forEach(read::remove);
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
