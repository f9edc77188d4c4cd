package dev.atrium.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Red-packet splits: every share at least one cent, shares summing exactly to the total. */
class RedPacketSplitPropertyTest {

  @Property(tries = 500)
  void luckyShares_areAtLeastOneCent_andSumToTheTotal(
      @ForAll @IntRange(min = 1, max = 200) int count,
      @ForAll @LongRange(min = 0, max = 1_000_000) long extraCents,
      @ForAll long seed) {
    long total = count + extraCents;

    List<Long> shares = RedPacketSplit.lucky(total, count, new SplittableRandom(seed));

    assertThat(shares).hasSize(count).allMatch(share -> share >= 1);
    assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
  }

  @Property(tries = 500)
  void equalShares_differByAtMostOneCent_andSumToTheTotal(
      @ForAll @IntRange(min = 1, max = 200) int count,
      @ForAll @LongRange(min = 0, max = 1_000_000) long extraCents) {
    long total = count + extraCents;

    List<Long> shares = RedPacketSplit.equal(total, count);

    assertThat(shares.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
    long smallest = shares.stream().mapToLong(Long::longValue).min().orElseThrow();
    long largest = shares.stream().mapToLong(Long::longValue).max().orElseThrow();
    assertThat(largest - smallest).isLessThanOrEqualTo(1);
    assertThat(smallest).isPositive();
  }
}
