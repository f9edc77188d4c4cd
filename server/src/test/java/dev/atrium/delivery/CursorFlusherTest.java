package dev.atrium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CursorFlusherTest {

  /** Keeps the highest position saved per key, as the database does. */
  private static final class SavedPositions implements CursorFlusher.Sink {
    final Map<CursorKey, Long> acked = new ConcurrentHashMap<>();
    final Map<ReadKey, Long> read = new ConcurrentHashMap<>();
    volatile boolean full;

    @Override
    public void save(Map<CursorKey, Long> ackedNow, Map<ReadKey, Long> readNow) {
      if (full) {
        throw new IllegalStateException("writer queue full");
      }
      ackedNow.forEach((key, seq) -> acked.merge(key, seq, Math::max));
      readNow.forEach((key, seq) -> read.merge(key, seq, Math::max));
    }
  }

  @Test
  void everyDevicesLastPosition_isSaved_whileFlushesRunConcurrentlyWithNewMarks() throws Exception {
    SavedPositions saved = new SavedPositions();
    int threads = 4;
    int conversations = 50;
    int marksPerConversation = 2_000;
    try (CursorFlusher flusher = new CursorFlusher(saved)) {
      AtomicBoolean marking = new AtomicBoolean(true);
      Thread extraFlusher =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (marking.get()) {
                      flusher.flush();
                    }
                  });
      CountDownLatch done = new CountDownLatch(threads);
      for (int t = 0; t < threads; t++) {
        String device = "device-" + t;
        Thread.ofPlatform()
            .start(
                () -> {
                  for (int seq = 1; seq <= marksPerConversation; seq++) {
                    for (int c = 0; c < conversations; c++) {
                      flusher.acked(device, "conv-" + c, seq);
                      flusher.read(device, "conv-" + c, seq);
                    }
                  }
                  done.countDown();
                });
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
      marking.set(false);
      extraFlusher.join(10_000);
      flusher.flush();
    }

    assertThat(saved.acked).hasSize(threads * conversations);
    assertThat(saved.acked.values()).containsOnly((long) marksPerConversation);
    assertThat(saved.read).hasSize(threads * conversations);
    assertThat(saved.read.values()).containsOnly((long) marksPerConversation);
  }

  @Test
  void positions_theWriterRefused_areSavedOnTheNextRound() {
    SavedPositions saved = new SavedPositions();
    try (CursorFlusher flusher = new CursorFlusher(saved)) {
      saved.full = true;
      flusher.acked("phone", "chat", 7);
      flusher.read("alice", "chat", 5);
      flusher.flush();
      assertThat(saved.acked).isEmpty();

      saved.full = false;
      flusher.flush();
    }

    assertThat(saved.acked).containsEntry(new CursorKey("phone", "chat"), 7L);
    assertThat(saved.read).containsEntry(new ReadKey("alice", "chat"), 5L);
  }
}
