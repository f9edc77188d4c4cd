package dev.atrium.messaging;

import dev.atrium.messaging.groups.GroupDevices;
import dev.atrium.platform.db.Handle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Group administration's {@link GroupDevices}, answered from the envelope log's cursors: a device
 * is a leaf of a group exactly while it has a cursor there that is not departing.
 */
final class GroupLeaves implements GroupDevices {
  private final CursorStore cursors;

  GroupLeaves(CursorStore cursors) {
    this.cursors = cursors;
  }

  @Override
  public void addCreator(Handle handle, String conversationId, String accountId, String deviceId) {
    cursors.insertAll(
        handle, List.of(new CursorStore.Cursor(deviceId, conversationId, accountId, 0)));
  }

  @Override
  public Map<String, String> accountByDevice(Handle handle, String conversationId, int devicesMax) {
    Map<String, String> accountByDevice = new LinkedHashMap<>();
    for (CursorStore.Cursor cursor : cursors.forConversation(handle, conversationId, devicesMax)) {
      accountByDevice.put(cursor.deviceId(), cursor.accountId());
    }
    return accountByDevice;
  }

  @Override
  public List<String> rejoinRequests(Handle handle, String conversationId, int rowsMax) {
    return cursors.rejoinRequests(handle, conversationId, rowsMax);
  }

  @Override
  public boolean requestRejoin(
      Handle handle, String conversationId, String deviceId, long nowMillis) {
    return cursors.requestRejoin(handle, conversationId, deviceId, nowMillis);
  }

  @Override
  public void accountLeft(Handle handle, String conversationId, String accountId) {
    cursors.deleteAccount(handle, conversationId, accountId);
  }

  @Override
  public void accountDeleted(Handle handle, String accountId) {
    cursors.deleteAccountEverywhere(handle, accountId);
  }
}
