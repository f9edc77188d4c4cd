package dev.atrium.bench;

import java.util.BitSet;

/**
 * Exactly-once accounting for one sender-to-receiver stream of numbered messages (0, 1, 2, ...):
 * what the server confirmed as stored, what arrived, what arrived more than once. Thread-safe.
 */
final class DeliveryLedger {
  private final BitSet confirmed = new BitSet();
  private final BitSet received = new BitSet();
  private long duplicates;
  private long failed;
  private long unexpected;

  /** The server answered {@code sent} for message {@code id}: it is durably stored. */
  synchronized void confirmed(int id) {
    confirmed.set(id);
  }

  /** The server refused message {@code id}; it is not expected to arrive. */
  synchronized void failed(int id) {
    failed++;
  }

  /** Message {@code id} arrived; returns false when it had arrived before (a duplicate). */
  synchronized boolean received(int id) {
    if (id < 0) {
      unexpected++;
      return false;
    }
    if (received.get(id)) {
      duplicates++;
      return false;
    }
    received.set(id);
    return true;
  }

  synchronized long confirmedCount() {
    return confirmed.cardinality();
  }

  synchronized long receivedCount() {
    return received.cardinality();
  }

  /** Confirmed as stored but never received. */
  synchronized long lost() {
    BitSet missing = (BitSet) confirmed.clone();
    missing.andNot(received);
    return missing.cardinality();
  }

  /**
   * Received although the server never confirmed storing it (e.g. confirmation still in flight).
   */
  synchronized long receivedUnconfirmed() {
    BitSet extra = (BitSet) received.clone();
    extra.andNot(confirmed);
    return extra.cardinality();
  }

  synchronized long duplicates() {
    return duplicates;
  }

  synchronized long failedCount() {
    return failed;
  }

  synchronized long unexpected() {
    return unexpected;
  }
}
