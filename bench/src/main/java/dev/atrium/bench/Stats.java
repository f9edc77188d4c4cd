package dev.atrium.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Order statistics of a set of measurements. Percentiles use the nearest-rank method: the p-th
 * percentile of n sorted values is the value at rank ceil(p/100 * n), so it is always a measured
 * value (with 10 runs, p50 is the 5th smallest and p90 the 9th).
 */
public record Stats(int count, long min, long p50, long p90, long max, double mean) {

  public static Stats of(List<Long> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no values");
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return new Stats(
        sorted.length,
        sorted[0],
        percentile(sorted, 50),
        percentile(sorted, 90),
        sorted[sorted.length - 1],
        Arrays.stream(sorted).average().orElseThrow());
  }

  /** The nearest-rank percentile of ascending {@code sorted} values, for 0 < p <= 100. */
  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], not " + p);
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  /** One line such as {@code min 1802 p50 1850 p90 1990 max 2010 mean 1871 (n=10)}. */
  public String line() {
    return String.format(
        "min %5d  p50 %5d  p90 %5d  max %5d  mean %7.1f  (n=%d)", min, p50, p90, max, mean, count);
  }
}
