package dev.atrium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadsTest {
  @Test
  void roundTripsAndPadsToTheRequestedSize() {
    byte[] bytes = Payloads.encode(7, 123_456, 987_654_321_000L, 256);
    assertThat(bytes).hasSize(256);
    assertThat(Payloads.decode(bytes)).isEqualTo(new Payloads.Header(7, 123_456, 987_654_321_000L));
  }

  @Test
  void rejectsForeignBytes() {
    assertThat(Payloads.decode("commit: add bob".getBytes(StandardCharsets.UTF_8))).isNull();
    assertThat(Payloads.decode(new byte[3])).isNull();
  }

  @Test
  void sumsHeapPoolsOfAPrometheusScrape() {
    String scrape =
        """
        # HELP jvm_memory_used_bytes The amount of used memory
        jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1000.0
        jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5000.0
        jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.5E3
        """;
    assertThat(BenchServer.heapUsed(scrape)).hasValue(3500);
  }

  @Test
  void fanoutRoundFindsTheLastAndMedianMember() {
    FanoutBench.Round round = new FanoutBench.Round(1_000_000, 3);
    assertThat(round.arrived(0, 2_000_000)).isTrue();
    assertThat(round.arrived(0, 2_500_000)).isFalse();
    assertThat(round.missing()).isEqualTo(2);
    round.arrived(1, 5_000_000);
    round.arrived(2, 3_000_000);
    assertThat(round.everyone.getCount()).isZero();
    assertThat(round.toPercentileMember(100)).isEqualTo(4000);
    assertThat(round.toPercentileMember(50)).isEqualTo(2000);
  }
}
