package dev.atrium.contacts;

import dev.atrium.platform.errors.OperatingError;

/** The ways a contacts operation can be refused; each has a stable code. */
public abstract sealed class ContactsError extends OperatingError {
  private ContactsError(int status, String code, String message) {
    super(status, code, message);
  }

  /**
   * The one refusal for every reason a person may not be asked (they blocked the sender, the sender
   * blocked them), with the same status and text whatever the reason, so a blocked sender cannot
   * tell that they were blocked.
   */
  static final class RequestRefused extends ContactsError {
    RequestRefused() {
      super(403, "request_refused", "This person cannot receive a contact request from you.");
    }
  }

  static final class AlreadyContacts extends ContactsError {
    AlreadyContacts() {
      super(409, "already_contacts", "You are already contacts.");
    }
  }

  static final class RequestPending extends ContactsError {
    RequestPending() {
      super(
          409,
          "request_pending",
          "You already sent this person a request; wait for an answer or cancel it.");
    }
  }

  static final class PendingRequestLimit extends ContactsError {
    PendingRequestLimit(int pendingMax) {
      super(
          409,
          "pending_request_limit",
          "You have "
              + pendingMax
              + " unanswered requests; cancel some or wait for answers before sending more.");
    }
  }

  /** Also for things that exist but are not the caller's to see, so existence is not revealed. */
  static final class NotFound extends ContactsError {
    NotFound(String what) {
      super(404, "not_found", "No such " + what + ".");
    }
  }
}
