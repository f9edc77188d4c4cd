package dev.atrium.notifications;

/**
 * Whether a device has a live connection to this node, which delivers to it directly, so it is not
 * woken. In a cluster a device connected to another node is woken anyway; its service worker shows
 * nothing while a window of the app is visible.
 */
@FunctionalInterface
public interface LiveDevices {
  boolean isConnected(String deviceId);
}
