package dev.atrium.app;

import dev.atrium.delivery.PublishedListener;
import dev.atrium.notifications.DeviceWaker;
import dev.atrium.notifications.WakeReason;
import java.util.Collection;

/** Delivery's {@link PublishedListener} port, answered by waking devices through notifications. */
final class WakeOnPublishedAdapter implements PublishedListener {
  private final DeviceWaker waker;

  WakeOnPublishedAdapter(DeviceWaker waker) {
    this.waker = waker;
  }

  @Override
  public void envelopesPublished(String conversationId, String senderDeviceId) {
    waker.wakeConversation(conversationId, senderDeviceId, WakeReason.MESSAGE);
  }

  @Override
  public void itemsPublished(Collection<String> deviceIds) {
    waker.wakeDevices(deviceIds, WakeReason.MESSAGE);
  }
}
