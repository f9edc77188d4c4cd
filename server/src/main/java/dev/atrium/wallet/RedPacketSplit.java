package dev.atrium.wallet;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Splits a red packet's total into shares at creation: every share at least one cent, the shares
 * summing exactly to the total. Pure.
 */
final class RedPacketSplit {
  private RedPacketSplit() {}

  /** Shares differing by at most one cent; the first {@code total % count} get the extra cent. */
  static List<Long> equal(long totalCents, int count) {
    requireSplittable(totalCents, count);
    long base = totalCents / count;
    long extra = totalCents % count;
    List<Long> shares = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      shares.add(base + (i < extra ? 1 : 0));
    }
    return shares;
  }

  /**
   * "Lucky" shares: {@code count - 1} distinct cut points drawn uniformly from the cents between 1
   * and total - 1 cut the total into {@code count} pieces of at least one cent each, so every way
   * of splitting is equally likely. Rejection sampling stays fast because count is bounded and
   * small next to the total in practice; when it is not, the draws are of the complement.
   */
  static List<Long> lucky(long totalCents, int count, RandomGenerator random) {
    requireSplittable(totalCents, count);
    long gaps = totalCents - 1;
    int cutsWanted = count - 1;
    TreeSet<Long> cuts = new TreeSet<>();
    if (cutsWanted <= gaps / 2) {
      while (cuts.size() < cutsWanted) {
        cuts.add(1 + random.nextLong(gaps));
      }
    } else {
      // Few gaps left uncut: choose which gaps to leave out instead.
      TreeSet<Long> uncut = new TreeSet<>();
      while (uncut.size() < gaps - cutsWanted) {
        uncut.add(1 + random.nextLong(gaps));
      }
      for (long gap = 1; gap <= gaps; gap++) {
        if (!uncut.contains(gap)) {
          cuts.add(gap);
        }
      }
    }
    List<Long> shares = new ArrayList<>(count);
    long previous = 0;
    for (long cut : cuts) {
      shares.add(cut - previous);
      previous = cut;
    }
    shares.add(totalCents - previous);
    return shares;
  }

  private static void requireSplittable(long totalCents, int count) {
    if (count < 1 || totalCents < count) {
      throw new IllegalArgumentException("A red packet needs at least one cent per share");
    }
  }
}
