package dev.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {
  @Test
  void percentilesAreNearestRankOverAllParts() {
    LatencySamples a = new LatencySamples(1000);
    LatencySamples b = new LatencySamples(1000);
    for (int i = 1; i <= 100; i++) {
      (i % 2 == 0 ? a : b).record(i);
    }
    LatencySamples.Summary summary = LatencySamples.summarize(List.of(a, b));
    assertThat(summary.count()).isEqualTo(100);
    assertThat(summary.min()).isEqualTo(1);
    assertThat(summary.p50()).isEqualTo(50);
    assertThat(summary.p90()).isEqualTo(90);
    assertThat(summary.p99()).isEqualTo(99);
    assertThat(summary.p999()).isEqualTo(100);
    assertThat(summary.max()).isEqualTo(100);
  }

  @Test
  void keepsAtMostItsCapacityAndCountsTheRest() {
    LatencySamples samples = new LatencySamples(3000);
    for (int i = 0; i < 5000; i++) {
      samples.record(i);
    }
    assertThat(samples.size()).isEqualTo(3000);
    assertThat(samples.dropped()).isEqualTo(2000);
    assertThat(LatencySamples.summarize(List.of(samples)).max()).isEqualTo(2999);
  }

  @Test
  void noSamplesIsNotAnError() {
    assertThat(LatencySamples.summarize(List.of(new LatencySamples(10))).count()).isZero();
  }
}
