package dev.atrium.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void envelopeFrames_stayWithinTheByteBound_andKeepEveryEnvelopeInOrder() throws Exception {
    List<Envelope> envelopes = new ArrayList<>();
    for (long seq = 1; seq <= 40; seq++) {
      envelopes.add(envelope(seq, (int) (seq * 97 % 1_500)));
    }

    List<String> frames = Frames.envelopeFrames("conv-1", envelopes, 4_096);

    assertThat(frames).hasSizeGreaterThan(1);
    List<Long> seqs = new ArrayList<>();
    for (String frame : frames) {
      assertThat(frame.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(4_096);
      JsonNode tree = JSON.readTree(frame);
      assertThat(tree.path("type").asText()).isEqualTo("envelopes");
      assertThat(tree.path("conversationId").asText()).isEqualTo("conv-1");
      tree.path("envelopes").forEach(envelope -> seqs.add(envelope.path("seq").asLong()));
    }
    assertThat(seqs).containsExactlyElementsOf(envelopes.stream().map(Envelope::seq).toList());
  }

  @Test
  void envelopeLargerThanTheBound_goesAloneInItsOwnFrame() throws Exception {
    List<Envelope> envelopes = List.of(envelope(1, 100), envelope(2, 10_000), envelope(3, 100));

    List<String> frames = Frames.envelopeFrames("conv-1", envelopes, 4_096);

    assertThat(frames).hasSize(3);
    assertThat(JSON.readTree(frames.get(1)).path("envelopes")).hasSize(1);
    assertThat(frames.get(1).length()).isGreaterThan(4_096);
  }

  @Test
  void envelopeFrames_ofNothing_isNoFrame() {
    assertThat(Frames.envelopeFrames("conv-1", List.of(), 4_096)).isEmpty();
  }

  private static Envelope envelope(long seq, int ciphertextBytes) {
    return new Envelope(
        "conv-1",
        seq,
        "account-1",
        "device-1",
        "m-" + seq,
        EnvelopeKind.APPLICATION,
        1,
        new byte[ciphertextBytes],
        1_700_000_000_000L);
  }
}
