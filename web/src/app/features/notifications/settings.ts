// Whether this device shows notifications: a choice per signed-in device, kept in localStorage
// (a boolean the service worker never needs), and the browser's permission, which comes first.

const key = (deviceId: string) => `atrium.notifications.${deviceId}`;

export function notificationsEnabled(deviceId: string): boolean {
  try {
    return localStorage.getItem(key(deviceId)) === 'on';
  } catch {
    return false;
  }
}

export function setNotificationsEnabled(deviceId: string, enabled: boolean): void {
  try {
    if (enabled) localStorage.setItem(key(deviceId), 'on');
    else localStorage.removeItem(key(deviceId));
  } catch {
    // Storage refused (private mode): the choice lasts until the page closes, through the screen's state.
  }
}

/** 'unsupported' when the browser has no notifications at all (an old browser, an in-app web view). */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Notifications may show: the browser allows them and the user turned them on for this device. */
export function mayNotify(deviceId: string): boolean {
  return notificationPermission() === 'granted' && notificationsEnabled(deviceId);
}
