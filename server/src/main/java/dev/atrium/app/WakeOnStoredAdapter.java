package dev.atrium.app;

import dev.atrium.messaging.StoredListener;
import dev.atrium.notifications.DeviceWaker;
import dev.atrium.notifications.WakeReason;
import java.util.Collection;

/** Messaging's {@link StoredListener} port, answered by waking devices through notifications. */
final class WakeOnStoredAdapter implements StoredListener {
  private final DeviceWaker waker;

  WakeOnStoredAdapter(DeviceWaker waker) {
    this.waker = waker;
  }

  @Override
  public void envelopesStored(String conversationId, String senderDeviceId) {
    waker.wakeConversation(conversationId, senderDeviceId, WakeReason.MESSAGE);
  }

  @Override
  public void itemsStored(Collection<String> deviceIds) {
    waker.wakeDevices(deviceIds, WakeReason.MESSAGE);
  }
}
