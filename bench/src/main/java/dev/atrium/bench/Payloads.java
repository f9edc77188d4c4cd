package dev.atrium.bench;

import java.nio.ByteBuffer;

/**
 * The benchmark's stand-in for MLS ciphertext: a magic number, the stream (pair) index, the message
 * number and the send timestamp (System.nanoTime of the load generator, which sends and receives in
 * one process), padded to the requested size.
 */
final class Payloads {
  static final int MAGIC = 0x41_54_42_31; // "ATB1"
  static final int HEADER_BYTES = 4 + 4 + 4 + 8;

  private Payloads() {}

  static byte[] encode(int stream, int id, long sentNanos, int size) {
    ByteBuffer buffer = ByteBuffer.allocate(Math.max(HEADER_BYTES, size));
    buffer.putInt(MAGIC).putInt(stream).putInt(id).putLong(sentNanos);
    return buffer.array();
  }

  /** Decoded header, or null when the bytes are not a benchmark payload. */
  static Header decode(byte[] bytes) {
    if (bytes.length < HEADER_BYTES) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    if (buffer.getInt() != MAGIC) {
      return null;
    }
    return new Header(buffer.getInt(), buffer.getInt(), buffer.getLong());
  }

  record Header(int stream, int id, long sentNanos) {}
}
