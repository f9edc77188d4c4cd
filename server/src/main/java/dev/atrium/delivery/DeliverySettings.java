package dev.atrium.delivery;

import dev.atrium.platform.config.ConfigTree;

/**
 * Bounds of live delivery, validated at start. The keys keep the {@code messaging.} prefix they had
 * before delivery became a package of its own, so operators' configuration files still apply.
 *
 * @param outboundQueueEventsMax events waiting for one connection before it is closed as too slow
 * @param outboundQueueBytesMax bytes (roughly, as sent) waiting for one connection before it is
 *     closed
 * @param deliveryPageEnvelopesMax envelopes read from the log per page of a catch-up
 */
public record DeliverySettings(
    int outboundQueueEventsMax, long outboundQueueBytesMax, int deliveryPageEnvelopesMax) {

  /** Reads the delivery settings (under {@code messaging.}). */
  public static DeliverySettings read(ConfigTree config) {
    return new DeliverySettings(
        config.integer("messaging.outboundQueueEventsMax", null, 1024, 16, 1_000_000),
        config.integer("messaging.outboundQueueBytesMax", null, 4 * 1_048_576, 65_536, 1 << 30),
        config.integer("messaging.deliveryPageEnvelopesMax", null, 500, 10, 10_000));
  }
}
