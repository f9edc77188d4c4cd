package dev.atrium.messaging;

/** Something addressed to one device (a Welcome), kept until that device acknowledges it. */
public record DeviceItem(
    String id, String deviceId, String conversationId, String kind, long seq, byte[] payload, long createdAtMillis) {

  static final String WELCOME = "welcome";

  @Override
  public String toString() {
    return "DeviceItem[" + id + " " + kind + " for " + deviceId + " bytes=" + payload.length + "]";
  }
}
