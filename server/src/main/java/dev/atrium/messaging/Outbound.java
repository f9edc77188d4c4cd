package dev.atrium.messaging;

import java.util.List;

/** What a device connection's sender works through, in order. */
sealed interface Outbound {
  /** Newly stored envelopes of one conversation, oldest first. */
  record Envelopes(String conversationId, List<Envelope> envelopes) implements Outbound {}

  /** Send everything stored after the device's position in this conversation. */
  record CatchUp(String conversationId) implements Outbound {}

  /** The device became a leaf of this conversation's group at {@code fromSeq}. */
  record Subscribed(String conversationId, long fromSeq) implements Outbound {}

  /** The device left this conversation's group. */
  record Unsubscribed(String conversationId) implements Outbound {}

  /** Items addressed to this device. */
  record Items(List<DeviceItem> items) implements Outbound {}

  /** A frame already built (answers, typing, read marks, membership notices). */
  record Frame(Object frame) implements Outbound {}
}
