package dev.atrium.messaging;

import dev.atrium.platform.config.ConfigTree;
import dev.atrium.platform.limits.RetentionSettings;

/**
 * Bounds of the messaging feature, validated at start. Those of live delivery (outbound queues) are
 * {@link dev.atrium.delivery.DeliverySettings}, under the same {@code messaging.} prefix.
 *
 * @param deliveryPageEnvelopesMax envelopes per page of the log over HTTP (delivery's catch-up
 *     reads the same setting)
 */
public record MessagingSettings(
    int ciphertextBytesMax,
    int welcomeBytesMax,
    int groupMembersMax,
    int writerQueueMax,
    int writerBatchMax,
    int deliveryPageEnvelopesMax,
    long retentionTtlMillis,
    long retentionSweepIntervalMillis) {

  public static final int CONVERSATIONS_PER_DEVICE_MAX = 10_000;

  public static final int CLIENT_MESSAGE_ID_LENGTH_MAX = 64;
  public static final int DEVICE_ITEMS_PENDING_MAX = 1_000;
  public static final int MEMBERSHIP_CHANGE_ACCOUNTS_MAX = 100;
  public static final int WELCOME_DEVICES_MAX = 2_000;

  public MessagingSettings {
    if (groupMembersMax < 2) {
      throw new IllegalArgumentException("A group must allow at least 2 members");
    }
    if (ciphertextBytesMax < 1024 || welcomeBytesMax < 1024) {
      throw new IllegalArgumentException("Ciphertext caps must be at least 1 KiB");
    }
  }

  /** Reads the {@code messaging.*} settings and the retention every envelope is kept for. */
  public static MessagingSettings read(ConfigTree config) {
    RetentionSettings retention = RetentionSettings.read(config);
    return new MessagingSettings(
        config.integer(
            "messaging.ciphertextBytesMax", "ATRIUM_CIPHERTEXT_BYTES_MAX", 65_536, 1024, 1_048_576),
        config.integer(
            "messaging.welcomeBytesMax", "ATRIUM_WELCOME_BYTES_MAX", 524_288, 1024, 4 * 1_048_576),
        config.integer("messaging.groupMembersMax", "ATRIUM_GROUP_MEMBERS_MAX", 1000, 2, 100_000),
        config.integer("messaging.writerQueueMax", null, 100_000, 100, 10_000_000),
        config.integer("messaging.writerBatchMax", null, 2000, 1, 100_000),
        config.integer("messaging.deliveryPageEnvelopesMax", null, 500, 10, 10_000),
        retention.ttlMillis(),
        retention.sweepIntervalMillis());
  }
}
