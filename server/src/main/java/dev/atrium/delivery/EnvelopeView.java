package dev.atrium.delivery;

import java.util.Base64;

/**
 * One envelope as the protocol shows it, in {@code envelopes} frames and in HTTP pages of the log.
 */
public record EnvelopeView(
    long seq,
    String senderAccountId,
    String senderDeviceId,
    String kind,
    long epoch,
    String ciphertext,
    long createdAt) {
  public static EnvelopeView of(Envelope envelope) {
    return new EnvelopeView(
        envelope.seq(),
        envelope.senderAccountId(),
        envelope.senderDeviceId(),
        envelope.kind().wireName(),
        envelope.epoch(),
        Base64.getEncoder().encodeToString(envelope.ciphertext()),
        envelope.createdAtMillis());
  }
}
