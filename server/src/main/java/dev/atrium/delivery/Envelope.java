package dev.atrium.delivery;

/**
 * One relayed MLS message with the metadata the server needs; the ciphertext is opaque and is never
 * logged. Immutable; shared between all connections it is delivered to.
 */
public record Envelope(
    String conversationId,
    long seq,
    String senderAccountId,
    String senderDeviceId,
    String clientMessageId,
    EnvelopeKind kind,
    long epoch,
    byte[] ciphertext,
    long createdAtMillis) {

  @Override
  public String toString() {
    return "Envelope["
        + conversationId
        + "#"
        + seq
        + " "
        + kind
        + " epoch="
        + epoch
        + " bytes="
        + ciphertext.length
        + "]";
  }
}
