// Me → Notifications: turns this device's system notifications on or off. Turning them on asks
// the browser's permission (it must come from a click), then subscribes to Web Push where the
// browser has a push service; without one, notifications still show while a tab is open.
import { useState } from 'preact/hooks';
import { Screen, Section } from '../../components/shell';
import { useApp } from '../../state';
import { storeWakeLines, subscribePush, unsubscribePush, type PushOutcome } from './push';
import { notificationPermission, notificationsEnabled, setNotificationsEnabled } from './settings';

export function NotificationsScreen() {
  const { api, t, session } = useApp();
  const deviceId = session?.deviceId ?? '';
  const [enabled, setEnabled] = useState(
    () => notificationsEnabled(deviceId) && notificationPermission() === 'granted',
  );
  const [permission, setPermission] = useState(notificationPermission);
  const [push, setPush] = useState<PushOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  const turnOn = async () => {
    // The box shows the choice at once; it goes back off if the browser refuses.
    setEnabled(true);
    const asked = permission === 'unsupported' ? 'unsupported' : await Notification.requestPermission();
    setPermission(asked);
    if (asked !== 'granted') {
      setEnabled(false);
      return;
    }
    setNotificationsEnabled(deviceId, true);
    await storeWakeLines(t).catch(() => undefined);
    setPush(typeof PushManager === 'undefined' ? 'unavailable' : await subscribePush(api));
  };
  const turnOff = async () => {
    setNotificationsEnabled(deviceId, false);
    setEnabled(false);
    setPush(null);
    await unsubscribePush(api);
  };

  return (
    <Screen title={t('notify.title')} back="/me">
      <Section>
        <label class="row row-check">
          <span class="row-main">
            {t('notify.setting')}
            <small class="muted">{t('notify.settingHint')}</small>
          </span>
          <input
            type="checkbox"
            data-testid="notifications-toggle"
            checked={enabled}
            disabled={busy || permission === 'unsupported'}
            onChange={async (event) => {
              const on = (event.target as HTMLInputElement).checked;
              setBusy(true);
              try {
                await (on ? turnOn() : turnOff());
              } finally {
                setBusy(false);
              }
            }}
          />
        </label>
      </Section>
      {permission === 'denied' && (
        <p class="notice" role="status" data-testid="notifications-blocked">
          {t('notify.blocked')}
        </p>
      )}
      {permission === 'unsupported' && (
        <p class="notice" role="status">
          {t('notify.unsupported')}
        </p>
      )}
      {enabled && push === 'unavailable' && (
        <p class="muted small-print" data-testid="push-unavailable">
          {t('notify.pushUnavailable')}
        </p>
      )}
      {enabled && push === 'subscribed' && (
        <p class="muted small-print" data-testid="push-on">
          {t('notify.pushOn')}
        </p>
      )}
    </Screen>
  );
}
