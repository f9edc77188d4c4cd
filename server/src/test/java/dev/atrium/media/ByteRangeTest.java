package dev.atrium.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ByteRangeTest {
  @Test
  void closedOpenAndSuffixRanges_areResolvedAgainstTheSize() {
    assertThat(ByteRange.parse("bytes=0-99", 1000)).contains(new ByteRange(0, 99));
    assertThat(ByteRange.parse("bytes=500-", 1000)).contains(new ByteRange(500, 999));
    assertThat(ByteRange.parse("bytes=-100", 1000)).contains(new ByteRange(900, 999));
    assertThat(ByteRange.parse("BYTES= 10 - 19 ", 1000)).contains(new ByteRange(10, 19));
  }

  @Test
  void rangesReachingPastTheEnd_areCutToTheContent() {
    assertThat(ByteRange.parse("bytes=900-5000", 1000)).contains(new ByteRange(900, 999));
    assertThat(ByteRange.parse("bytes=-5000", 1000)).contains(new ByteRange(0, 999));
    assertThat(ByteRange.parse("bytes=999-", 1000).map(ByteRange::lengthBytes)).contains(1L);
  }

  @Test
  void rangesStartingAtOrPastTheEnd_areNotSatisfiable() {
    assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1000))
        .isInstanceOf(AttachmentError.RangeNotSatisfiable.class);
    assertThatThrownBy(() -> ByteRange.parse("bytes=-0", 1000))
        .isInstanceOf(AttachmentError.RangeNotSatisfiable.class);
  }

  @Test
  void malformedOtherUnitsAndMultipleRanges_areIgnored() {
    for (String header :
        new String[] {
          null,
          "",
          "bytes=",
          "bytes=-",
          "bytes=abc-",
          "bytes=5-2",
          "items=0-1",
          "bytes=0-1,5-6",
          "bytes=1-2-3",
          "bytes=99999999999999999999-",
          "bytes=" + "1".repeat(200) + "-"
        }) {
      assertThat(ByteRange.parse(header, 1000))
          .as(String.valueOf(header))
          .isEqualTo(Optional.empty());
    }
  }

  @Test
  void contentRange_namesTheSliceAndTheSize() {
    assertThat(new ByteRange(10, 19).contentRange(1000)).isEqualTo("bytes 10-19/1000");
  }
}
