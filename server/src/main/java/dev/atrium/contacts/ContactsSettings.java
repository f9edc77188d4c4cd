package dev.atrium.contacts;

import dev.atrium.platform.config.ConfigTree;

/**
 * Operator settings of the contacts feature.
 *
 * @param pendingOutgoingRequestsMax unanswered requests one account may have out at once, so one
 *     account cannot spray requests at everyone it can name
 */
public record ContactsSettings(int pendingOutgoingRequestsMax) {
  public ContactsSettings {
    if (pendingOutgoingRequestsMax < 1 || pendingOutgoingRequestsMax > 10_000) {
      throw new IllegalArgumentException("pendingOutgoingRequestsMax must be between 1 and 10000");
    }
  }

  /** Reads the {@code contacts.*} settings. */
  public static ContactsSettings read(ConfigTree config) {
    return new ContactsSettings(
        config.integer("contacts.pendingOutgoingRequestsMax", null, 200, 1, 10_000));
  }
}
