package dev.atrium.messaging.groups;

import dev.atrium.platform.db.Handle;
import java.util.List;
import java.util.Map;

/**
 * Which devices are leaves of a group, as the envelope log keeps them (one delivery cursor per leaf
 * device): group administration reads and changes them in its own transaction through this port,
 * and the messaging module answers it with the log's cursors.
 */
public interface GroupDevices {
  /** The creator's device becomes the group's first leaf, at the start of the log. */
  void addCreator(Handle handle, String conversationId, String accountId, String deviceId);

  /** The group's leaf devices (at most {@code devicesMax}), each with its account, in order. */
  Map<String, String> accountByDevice(Handle handle, String conversationId, int devicesMax);

  /** Leaves that asked to be added again (at most {@code rowsMax}). */
  List<String> rejoinRequests(Handle handle, String conversationId, int rowsMax);

  /** Records a leaf's request to be added again; false when the device is no leaf of the group. */
  boolean requestRejoin(Handle handle, String conversationId, String deviceId, long nowMillis);

  /** The account left the group: its devices are leaves no more. */
  void accountLeft(Handle handle, String conversationId, String accountId);

  /** The account was deleted: its devices leave every group. */
  void accountDeleted(Handle handle, String accountId);
}
