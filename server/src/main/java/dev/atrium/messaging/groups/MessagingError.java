package dev.atrium.messaging.groups;

import dev.atrium.platform.errors.OperatingError;
import java.util.Map;

/** The ways a messaging operation can be refused; each has a stable code. */
public abstract sealed class MessagingError extends OperatingError {
  private MessagingError(int status, String code, String message) {
    super(status, code, message);
  }

  /** Also what non-members get, so they cannot tell whether the conversation exists. */
  public static final class ConversationNotFound extends MessagingError {
    public ConversationNotFound() {
      super(404, "not_found", "No such conversation.");
    }
  }

  public static final class NotAllowed extends MessagingError {
    public NotAllowed(String why) {
      super(403, "not_allowed", why);
    }
  }

  static final class AdminRequired extends MessagingError {
    AdminRequired() {
      super(403, "admin_required", "Only an admin of this group may do that.");
    }
  }

  /**
   * A send for an epoch that is not the current one: a commit won, or the sender has not processed
   * it yet.
   */
  public static final class EpochConflict extends MessagingError {
    private final long currentEpoch;

    public EpochConflict(long currentEpoch) {
      super(
          409,
          "epoch_conflict",
          "The group is at epoch " + currentEpoch + "; process the newer commit and retry.");
      this.currentEpoch = currentEpoch;
    }

    long currentEpoch() {
      return currentEpoch;
    }

    @Override
    public Map<String, Object> details() {
      return Map.of("currentEpoch", currentEpoch);
    }
  }

  static final class GroupFull extends MessagingError {
    GroupFull(int membersMax) {
      super(409, "group_full", "A group has at most " + membersMax + " members.");
    }
  }

  static final class InvalidMembershipChange extends MessagingError {
    InvalidMembershipChange(String why) {
      super(422, "invalid_membership_change", why);
    }
  }

  public static final class CiphertextTooLarge extends MessagingError {
    public CiphertextTooLarge(String field, int bytesMax) {
      super(
          413,
          "ciphertext_too_large",
          "Field '" + field + "' holds more than " + bytesMax + " bytes.");
    }
  }

  static final class NotContacts extends MessagingError {
    NotContacts() {
      super(
          403,
          "not_contacts",
          "You can only start a chat with, or add to a group, someone in your contacts.");
    }
  }
}
