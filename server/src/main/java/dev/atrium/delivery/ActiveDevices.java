package dev.atrium.delivery;

/** Whether a device still exists (not logged out or revoked); identity answers it. */
@FunctionalInterface
public interface ActiveDevices {
  boolean isActive(String deviceId);
}
