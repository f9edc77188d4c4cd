package dev.atrium.messaging;

/**
 * Bounds of the messaging feature, validated at start.
 *
 * @param outboundQueueEventsMax events waiting for one connection before it is closed as too slow
 * @param outboundQueueBytesMax bytes (roughly, as sent) waiting for one connection before it is closed
 */
public record MessagingSettings(
    int ciphertextBytesMax,
    int welcomeBytesMax,
    int groupMembersMax,
    int outboundQueueEventsMax,
    long outboundQueueBytesMax,
    int writerQueueMax,
    int writerBatchMax,
    int deliveryPageEnvelopesMax,
    long retentionTtlMillis,
    long retentionSweepIntervalMillis) {

  public static final int CONVERSATIONS_PER_DEVICE_MAX = 10_000;
  /** Conversations told about an account's new device, at most (the most recent). */
  public static final int DEVICE_ANNOUNCE_CONVERSATIONS_MAX = 1_000;
  public static final int CLIENT_MESSAGE_ID_LENGTH_MAX = 64;
  public static final int DEVICE_ITEMS_PENDING_MAX = 1_000;
  public static final int MEMBERSHIP_CHANGE_ACCOUNTS_MAX = 100;
  public static final int WELCOME_DEVICES_MAX = 2_000;
  public static final int NAME_LENGTH_MAX = 256;
  /** Upper bound on devices one member can have in a group (identity caps devices per account lower). */
  public static final int DEVICES_PER_MEMBER_MAX = 1_000;

  public MessagingSettings {
    if (groupMembersMax < 2) {
      throw new IllegalArgumentException("A group must allow at least 2 members");
    }
    if (ciphertextBytesMax < 1024 || welcomeBytesMax < 1024) {
      throw new IllegalArgumentException("Ciphertext caps must be at least 1 KiB");
    }
  }
}
