package dev.atrium.delivery;

import java.util.List;

/** What a device connection's sender works through, in order. */
sealed interface Outbound {
  /**
   * Newly stored envelopes of one conversation, oldest first. One event is shared by every
   * connection it goes to, and so are its frames: serialised once, on first use, for all of them.
   */
  final class Envelopes implements Outbound {
    private final String conversationId;
    private final List<Envelope> envelopes;
    private volatile SplitFrames frames;
    private final long wireBytes;

    Envelopes(String conversationId, List<Envelope> envelopes) {
      this.conversationId = conversationId;
      this.envelopes = envelopes;
      long total = 64;
      for (Envelope envelope : envelopes) {
        total += envelope.ciphertext().length * 4L / 3 + 128;
      }
      this.wireBytes = total;
    }

    /** Roughly how many bytes the frames take on the wire (base64 plus metadata); computed once. */
    long wireBytes() {
      return wireBytes;
    }

    String conversationId() {
      return conversationId;
    }

    List<Envelope> envelopes() {
      return envelopes;
    }

    /**
     * The frames carrying all of these envelopes, each within {@code frameBytesMax} (see {@link
     * Frames#envelopeFrames}); racing threads may both build them, harmlessly.
     */
    List<String> frames(int frameBytesMax) {
      SplitFrames split = frames;
      if (split == null || split.frameBytesMax() != frameBytesMax) {
        split =
            new SplitFrames(
                frameBytesMax, Frames.envelopeFrames(conversationId, envelopes, frameBytesMax));
        frames = split;
      }
      return split.frames();
    }

    private record SplitFrames(int frameBytesMax, List<String> frames) {}
  }

  /**
   * Send what is stored after the device's position in this conversation, up to {@code untilSeq}.
   */
  record CatchUp(String conversationId, long untilSeq) implements Outbound {
    CatchUp(String conversationId) {
      this(conversationId, Long.MAX_VALUE);
    }
  }

  /**
   * A commit at {@code untilSeq} removed the device from this conversation's group: it gets what it
   * has not been sent up to there, and no more; its acknowledgement of that ends the cursor.
   */
  record Departed(String conversationId, long untilSeq) implements Outbound {}

  /** The device became a leaf of this conversation's group at {@code fromSeq}. */
  record Subscribed(String conversationId, long fromSeq) implements Outbound {}

  /** The device left this conversation's group. */
  record Unsubscribed(String conversationId) implements Outbound {}

  /** Items addressed to this device. */
  record Items(List<DeviceItem> items) implements Outbound {}

  /** A frame already built (answers, typing, read marks, membership notices). */
  record Frame(Object frame) implements Outbound {}

  /**
   * Close the socket once everything queued before this was written (for example after the replies
   * owed).
   */
  record Close(int code, String reason) implements Outbound {}
}
