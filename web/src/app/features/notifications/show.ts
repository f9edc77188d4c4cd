// Shows a system notification through the service worker (so a click reaches the worker's
// notificationclick, which focuses the app and opens the chat), or directly in development,
// where no worker is registered.
import { navigate } from '../../router';

export interface NotificationRequest {
  title: string;
  body: string;
  /** One notification per tag: a chat's next message replaces its previous one. */
  tag: string;
  /** The route to open on a click, e.g. /chat/<id>. */
  route: string;
}

export async function showNotification({ title, body, tag, route }: NotificationRequest): Promise<void> {
  const options: NotificationOptions = { body, tag, data: { url: `/#${route}` }, icon: '/icons/icon-192.png' };
  const registration = 'serviceWorker' in navigator ? await navigator.serviceWorker.getRegistration() : undefined;
  if (registration?.active) {
    await registration.showNotification(title, options);
    return;
  }
  const shown = new Notification(title, options);
  shown.onclick = () => {
    window.focus();
    navigate(route);
    shown.close();
  };
}

/** The service worker asks an open window to show a route after a notification was clicked. */
export function listenForOpenRequests(): () => void {
  if (!('serviceWorker' in navigator)) return () => undefined;
  const onMessage = (event: MessageEvent) => {
    const data = event.data as { type?: unknown; route?: unknown } | null;
    if (data?.type === 'atrium-open' && typeof data.route === 'string' && data.route.startsWith('/'))
      navigate(data.route);
  };
  navigator.serviceWorker.addEventListener('message', onMessage);
  return () => navigator.serviceWorker.removeEventListener('message', onMessage);
}
