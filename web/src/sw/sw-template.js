// Atrium's service worker: caches the app shell of one build so the client opens offline.
// vite.config.ts fills in PRECACHE (every file of the build) and VERSION (a hash of their names).
const PRECACHE = __PRECACHE__;
const VERSION = __VERSION__;
const CACHE = `atrium-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((name) => name.startsWith('atrium-shell-') && name !== CACHE).map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // The API, health and metrics are never cached: they are live, and carry personal data.
  if (
    url.origin !== self.location.origin ||
    url.pathname.startsWith('/api/') ||
    url.pathname.startsWith('/health/') ||
    url.pathname === '/metrics'
  ) {
    return;
  }
  if (request.mode === 'navigate') {
    // Every page of the client is index.html (also /c/<token>): network first, the cache offline.
    event.respondWith(fetch(request).catch(() => caches.match('/', { cacheName: CACHE })));
    return;
  }
  // Built files have content hashes in their names: the cached copy is always right.
  event.respondWith(caches.match(request, { cacheName: CACHE }).then((cached) => cached || fetch(request)));
});

// Notifications. A click focuses a window of the app and asks it to open the notification's
// route (the chat, the contact requests); with no window open it opens one at that route.
self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || '/', self.location.origin);
  const route = url.hash.startsWith('#/') ? url.hash.slice(1) : '/chats';
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => new URL(client.url).origin === self.location.origin);
      if (!open) return self.clients.openWindow(url.href);
      open.postMessage({ type: 'atrium-open', route });
      return open.focus();
    }),
  );
});

// Web Push wake-ups say only why ({"v":1,"reason":"message"}), never who or what. While a window
// of the app is visible it shows everything itself; otherwise one generic line, in the language
// the page left in the cache (features/notifications/push.ts), replacing the previous wake-up.
const WAKE_LINES_CACHE = 'atrium-notifications';
const WAKE_LINES_URL = '/__atrium/wake-lines.json';
const WAKE_LINES_EN = {
  message: 'New message',
  contact_request: 'New contact request',
  payment: 'Payment received',
  miniapp_notice: 'New mini-program notification',
};

async function wakeLines() {
  try {
    const stored = await caches.match(WAKE_LINES_URL, { cacheName: WAKE_LINES_CACHE });
    return stored ? { ...WAKE_LINES_EN, ...(await stored.json()) } : WAKE_LINES_EN;
  } catch {
    return WAKE_LINES_EN;
  }
}

self.addEventListener('push', (event) => {
  let reason = 'message';
  try {
    const payload = event.data ? event.data.json() : {};
    if (payload && Object.hasOwn(WAKE_LINES_EN, payload.reason)) reason = payload.reason;
  } catch {
    // A payload we cannot read still means "something new": the generic message line.
  }
  event.waitUntil(
    self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      if (windows.some((client) => client.visibilityState === 'visible')) return undefined;
      const lines = await wakeLines();
      const route =
        reason === 'contact_request' ? '/contacts/requests' : reason === 'payment' ? '/me/wallet' : '/chats';
      return self.registration.showNotification(lines[reason], {
        tag: 'atrium-wake',
        renotify: true,
        icon: '/icons/icon-192.png',
        data: { url: `/#${route}` },
      });
    }),
  );
});
