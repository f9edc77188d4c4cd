package dev.atrium.notifications;

/**
 * Why a device is woken: the only thing a push payload says. Never who, never what: the app fetches
 * and decrypts after it wakes.
 */
public enum WakeReason {
  MESSAGE("message"),
  CONTACT_REQUEST("contact_request"),
  PAYMENT("payment"),
  MINIAPP_NOTICE("miniapp_notice");

  private final String wireName;

  WakeReason(String wireName) {
    this.wireName = wireName;
  }

  String wireName() {
    return wireName;
  }
}
