package dev.atrium.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Latency samples in microseconds, kept exactly (no histogram buckets): one instance per recording
 * thread, merged at the end. Bounded: past {@code capacity} samples further ones are counted as
 * dropped, never stored. Percentiles are nearest-rank, like {@link Stats}.
 */
final class LatencySamples {
  private final int capacity;
  private long[] values = new long[1024];
  private int size;
  private long dropped;

  LatencySamples(int capacity) {
    this.capacity = capacity;
  }

  void record(long micros) {
    if (size == capacity) {
      dropped++;
      return;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, (int) Math.min(capacity, 2L * values.length));
    }
    values[size++] = micros;
  }

  int size() {
    return size;
  }

  long dropped() {
    return dropped;
  }

  static Summary summarize(Collection<LatencySamples> parts) {
    long dropped = 0;
    int total = 0;
    for (LatencySamples part : parts) {
      total += part.size;
      dropped += part.dropped;
    }
    long[] all = new long[total];
    int at = 0;
    for (LatencySamples part : parts) {
      System.arraycopy(part.values, 0, all, at, part.size);
      at += part.size;
    }
    Arrays.sort(all);
    if (total == 0) {
      return new Summary(0, dropped, 0, 0, 0, 0, 0, 0);
    }
    return new Summary(
        total,
        dropped,
        all[0],
        Stats.percentile(all, 50),
        Stats.percentile(all, 90),
        Stats.percentile(all, 99),
        Stats.percentile(all, 99.9),
        all[total - 1]);
  }

  /** Microseconds. */
  record Summary(
      int count, long dropped, long min, long p50, long p90, long p99, long p999, long max) {
    String line() {
      return count == 0
          ? "no samples"
          : String.format(
              "p50 %s  p90 %s  p99 %s  p99.9 %s  max %s  min %s (n=%d%s)",
              ms(p50),
              ms(p90),
              ms(p99),
              ms(p999),
              ms(max),
              ms(min),
              count,
              dropped > 0 ? ", " + dropped + " not kept" : "");
    }

    static String ms(long micros) {
      return String.format("%.2f ms", micros / 1000.0);
    }
  }
}
