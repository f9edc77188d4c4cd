// Web Push: with notifications on, this device subscribes with the server's VAPID key and gives
// the server its subscription, so it is woken while no tab of the app is open. A wake-up says
// only why ({"v":1,"reason":"message"}); the service worker shows a generic line for it, in the
// UI language: the page leaves those lines in the Cache API, which the worker can read.
import type { AtriumApi } from '../../api/atrium';
import type { Translate } from '../../catalogue';

/** The cache and entry holding the wake-up lines for the worker (see sw-template.js). */
export const WAKE_LINES_CACHE = 'atrium-notifications';
export const WAKE_LINES_URL = '/__atrium/wake-lines.json';

export type PushOutcome = 'subscribed' | 'unavailable';

/** Subscribes this device, or says push is unavailable (no PushManager, no push service, refused). */
export async function subscribePush(api: Pick<AtriumApi, 'client'>): Promise<PushOutcome> {
  const registration = await workerRegistration();
  if (!registration || !('pushManager' in registration)) return 'unavailable';
  try {
    const { applicationServerKey } = await api.client.get<{ applicationServerKey: string }>('/api/v1/push/server-key');
    const subscription =
      (await registration.pushManager.getSubscription()) ??
      (await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: fromBase64Url(applicationServerKey),
      }));
    const json = subscription.toJSON();
    await api.client.put('/api/v1/devices/current/push-subscription', {
      endpoint: json.endpoint,
      keys: { p256dh: json.keys?.p256dh, auth: json.keys?.auth },
    });
    return 'subscribed';
  } catch (error) {
    // Headless browsers and some others have no push service: local notifications still work.
    console.warn('push not available', String(error));
    return 'unavailable';
  }
}

/** Stops waking this device: tells the server (unless signed out already) and the browser. */
export async function unsubscribePush(api: Pick<AtriumApi, 'client'> | undefined): Promise<void> {
  if (api) await api.client.delete('/api/v1/devices/current/push-subscription').catch(() => undefined);
  const registration = await workerRegistration();
  const subscription = await registration?.pushManager?.getSubscription().catch(() => null);
  await subscription?.unsubscribe().catch(() => false);
}

/** Leaves the worker the wake-up lines in the current language. */
export async function storeWakeLines(t: Translate): Promise<void> {
  if (typeof caches === 'undefined') return;
  const lines = {
    message: t('notify.wakeMessage'),
    contact_request: t('notify.wakeContactRequest'),
    payment: t('notify.wakePayment'),
    miniapp_notice: t('notify.wakeMiniAppNotice'),
  };
  const cache = await caches.open(WAKE_LINES_CACHE);
  await cache.put(
    WAKE_LINES_URL,
    new Response(JSON.stringify(lines), { headers: { 'Content-Type': 'application/json' } }),
  );
}

async function workerRegistration(): Promise<ServiceWorkerRegistration | undefined> {
  if (!('serviceWorker' in navigator)) return undefined;
  return navigator.serviceWorker.getRegistration().catch(() => undefined);
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const base64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}
