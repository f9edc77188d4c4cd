package dev.atrium.messaging.groups;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The frames group administration pushes to devices through {@link dev.atrium.delivery.LiveEvents},
 * part of the WebSocket protocol (docs/websocket-protocol.md); delivery writes them as they are.
 */
final class GroupFrames {
  private GroupFrames() {}

  /** Someone asked to join a group through its invite link: an admin's device commits the add. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record MembershipFrame(String type, String conversationId, String event, String accountId) {
    static MembershipFrame joinRequested(String conversationId, String accountId) {
      return new MembershipFrame("membership", conversationId, "join_requested", accountId);
    }
  }

  /**
   * About one device of a member: {@code device_added} (a new device became claimable), {@code
   * rejoin} (a leaf lost its group state and asks to be added again), either way some member's
   * device should commit its add; or {@code device_removed} (the device logged out or was revoked
   * and no longer exists): some member's device should commit the removal of its leaf.
   */
  record DeviceMembershipFrame(
      String type, String conversationId, String event, String accountId, String deviceId) {
    static DeviceMembershipFrame deviceAdded(
        String conversationId, String accountId, String deviceId) {
      return new DeviceMembershipFrame(
          "membership", conversationId, "device_added", accountId, deviceId);
    }

    static DeviceMembershipFrame deviceRemoved(
        String conversationId, String accountId, String deviceId) {
      return new DeviceMembershipFrame(
          "membership", conversationId, "device_removed", accountId, deviceId);
    }

    static DeviceMembershipFrame rejoin(String conversationId, String accountId, String deviceId) {
      return new DeviceMembershipFrame("membership", conversationId, "rejoin", accountId, deviceId);
    }
  }
}
