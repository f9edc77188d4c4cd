package dev.atrium.delivery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells a conversation's connected devices how far each member account has received it: when a
 * device acknowledges envelopes up to a sequence number, its account has them on at least one
 * device. Acknowledgements are coalesced in memory per account and conversation and announced every
 * {@value #FLUSH_INTERVAL_MILLIS} ms as one {@code delivered} frame per conversation (at most
 * {@value #MARKS_PER_FRAME_MAX} accounts each), through the hub, so other nodes relay them like
 * read marks. Best effort and bounded: marks beyond {@value #PENDING_MAX} pending are dropped (a
 * later acknowledgement announces them), and a mark already announced is not announced again.
 * Nothing is stored; clients keep the marks they saw. Thread-safe.
 */
final class DeliveryReceipts implements AutoCloseable {
  static final long FLUSH_INTERVAL_MILLIS = 200;
  static final int PENDING_MAX = 100_000;
  static final int ANNOUNCED_MAX = 100_000;
  static final int MARKS_PER_FRAME_MAX = 100;

  private final DeliveryHub hub;
  private final ScheduledExecutorService scheduler;
  private volatile ConcurrentHashMap<ReadKey, Long> pending = new ConcurrentHashMap<>();

  /** The newest mark announced per account and conversation, least recently used dropped first. */
  private final Map<ReadKey, Long> announced =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ReadKey, Long> eldest) {
          return size() > ANNOUNCED_MAX;
        }
      };

  DeliveryReceipts(DeliveryHub hub) {
    this.hub = hub;
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("delivery-receipts").daemon(true).factory());
    var unused =
        scheduler.scheduleWithFixedDelay(
            this::flush, FLUSH_INTERVAL_MILLIS, FLUSH_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** A device of {@code accountId} acknowledged the conversation's envelopes up to {@code seq}. */
  void acked(String accountId, String conversationId, long seq) {
    ReadKey key = new ReadKey(accountId, conversationId);
    ConcurrentHashMap<ReadKey, Long> current = pending;
    if (current.size() >= PENDING_MAX && !current.containsKey(key)) {
      return;
    }
    current.merge(key, seq, Math::max);
  }

  void flush() {
    if (pending.isEmpty()) {
      return;
    }
    Map<ReadKey, Long> now = pending;
    pending = new ConcurrentHashMap<>();
    Map<String, List<Frames.DeliveredMark>> byConversation = new LinkedHashMap<>();
    synchronized (announced) {
      now.forEach(
          (key, seq) -> {
            Long before = announced.get(key);
            if (before != null && before >= seq) {
              return;
            }
            announced.put(key, seq);
            byConversation
                .computeIfAbsent(key.conversationId(), id -> new ArrayList<>())
                .add(new Frames.DeliveredMark(key.accountId(), seq));
          });
    }
    byConversation.forEach(
        (conversationId, marks) -> {
          for (int from = 0; from < marks.size(); from += MARKS_PER_FRAME_MAX) {
            int to = Math.min(marks.size(), from + MARKS_PER_FRAME_MAX);
            List<Frames.DeliveredMark> chunk = List.copyOf(marks.subList(from, to));
            hub.toConversation(
                conversationId, new Frames.DeliveredFrame(conversationId, chunk), null);
          }
        });
  }

  @Override
  public void close() {
    scheduler.shutdown();
    try {
      scheduler.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
