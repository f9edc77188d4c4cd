package dev.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void tenValuesUseTheFifthAndNinthSmallest() {
    Stats stats = Stats.of(List.of(10L, 1L, 9L, 2L, 8L, 3L, 7L, 4L, 6L, 5L));

    assertThat(stats.min()).isEqualTo(1);
    assertThat(stats.p50()).isEqualTo(5);
    assertThat(stats.p90()).isEqualTo(9);
    assertThat(stats.max()).isEqualTo(10);
    assertThat(stats.mean()).isEqualTo(5.5);
    assertThat(stats.count()).isEqualTo(10);
  }

  @Test
  void oneValueIsEveryPercentile() {
    Stats stats = Stats.of(List.of(1234L));

    assertThat(List.of(stats.min(), stats.p50(), stats.p90(), stats.max())).containsOnly(1234L);
  }

  @Test
  void percentilesAreMeasuredValuesRoundedUpInRank() {
    long[] sorted = {100, 200, 300};

    assertThat(Stats.percentile(sorted, 50)).isEqualTo(200); // rank ceil(1.5) = 2
    assertThat(Stats.percentile(sorted, 90)).isEqualTo(300); // rank ceil(2.7) = 3
    assertThat(Stats.percentile(sorted, 100)).isEqualTo(300);
    assertThat(Stats.percentile(sorted, 0.1)).isEqualTo(100);
  }

  @Test
  void rejectsNoValuesAndPercentilesOutOfRange() {
    assertThatThrownBy(() -> Stats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Stats.percentile(new long[] {1}, 101))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
