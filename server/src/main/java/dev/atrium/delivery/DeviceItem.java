package dev.atrium.delivery;

/**
 * Something addressed to one device (messaging's Welcomes, of kind {@code welcome}), kept until
 * that device acknowledges it; sent as an {@code item} frame.
 */
public record DeviceItem(
    String id,
    String deviceId,
    String conversationId,
    String kind,
    long seq,
    byte[] payload,
    long createdAtMillis) {

  @Override
  public String toString() {
    return "DeviceItem[" + id + " " + kind + " for " + deviceId + " bytes=" + payload.length + "]";
  }
}
