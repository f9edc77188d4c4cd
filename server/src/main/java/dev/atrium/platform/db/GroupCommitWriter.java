package dev.atrium.platform.db;

import dev.atrium.platform.errors.RequestError;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: one platform thread drains a bounded queue and applies many pending writes in a
 * single transaction, so one fsync makes a whole batch durable. Each write is answered (through the
 * handler's after-commit action) only once its batch committed.
 *
 * <p>A platform thread, not a virtual one, because sqlite-jdbc's native calls pin virtual threads.
 * When a batch fails as a whole, each of its writes is retried alone, so one bad write cannot sink
 * the others. Thread-safe for {@link #submit}.
 *
 * @param <T> a pending write; the handler knows what it means
 */
public final class GroupCommitWriter<T extends GroupCommitWriter.Pending> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

  /** A write waiting for its batch. */
  public interface Pending {
    /** Called when the write could not be applied; it must answer its caller. */
    void fail(Throwable cause);
  }

  /** Applies a batch inside one transaction and returns what to do once it committed. */
  @FunctionalInterface
  public interface BatchHandler<T> {
    Runnable apply(Handle handle, List<T> batch) throws Exception;
  }

  private final Database database;
  private final BatchHandler<T> handler;
  private final BlockingQueue<T> queue;
  private final int batchMax;
  private final Thread thread;
  private final DistributionSummary batchSizes;
  private final Timer commitTimer;
  private volatile boolean running = true;

  public GroupCommitWriter(
      Database database,
      String name,
      int queueMax,
      int batchMax,
      BatchHandler<T> handler,
      MeterRegistry metrics) {
    this.database = database;
    this.handler = handler;
    this.queue = new ArrayBlockingQueue<>(queueMax);
    this.batchMax = batchMax;
    this.batchSizes =
        DistributionSummary.builder("atrium.group_commit.batch.size")
            .tag("writer", name)
            .publishPercentiles(0.5, 0.99)
            .register(metrics);
    this.commitTimer =
        Timer.builder("atrium.group_commit.duration")
            .tag("writer", name)
            .publishPercentiles(0.5, 0.99)
            .register(metrics);
    this.thread =
        Thread.ofPlatform().name("group-commit-" + name).daemon(true).unstarted(this::run);
    this.thread.start();
  }

  /**
   * Queues a write; when the queue is full the caller gets a 503 with Retry-After instead of
   * waiting unboundedly.
   */
  public void submit(T write) {
    if (!running) {
      throw RequestError.overloaded(1);
    }
    if (!queue.offer(write)) {
      throw RequestError.overloaded(1);
    }
  }

  /** Writes waiting right now; for metrics and tests. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    List<T> batch = new ArrayList<>(batchMax);
    while (running || !queue.isEmpty()) {
      try {
        T first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, batchMax - 1);
        applyBatch(batch);
      } catch (InterruptedException e) {
        running = false;
      } catch (Throwable e) {
        LOG.error("Group commit writer failed a batch of {}", batch.size(), e);
        batch.forEach(write -> failQuietly(write, e));
      } finally {
        batch.clear();
      }
    }
  }

  private void applyBatch(List<T> batch) {
    long start = System.nanoTime();
    Runnable afterCommit;
    try {
      afterCommit = database.inTransaction(handle -> handler.apply(handle, batch));
    } catch (RuntimeException e) {
      if (batch.size() == 1) {
        failQuietly(batch.getFirst(), e);
        return;
      }
      LOG.warn(
          "Batch of {} failed ({}); retrying its writes one by one", batch.size(), e.toString());
      for (T write : batch) {
        applyBatch(new ArrayList<>(List.of(write)));
      }
      return;
    }
    commitTimer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    batchSizes.record(batch.size());
    afterCommit.run();
  }

  private static void failQuietly(Pending write, Throwable cause) {
    try {
      write.fail(cause);
    } catch (RuntimeException e) {
      LOG.error("A pending write's failure handler threw", e);
    }
  }

  /** Finishes what is queued, then stops. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    T left;
    while ((left = queue.poll()) != null) {
      failQuietly(left, new IllegalStateException("Server stopping"));
    }
  }
}
