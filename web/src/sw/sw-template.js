// Atrium's service worker: caches the app shell of one build so the client opens offline.
// vite.config.ts fills in PRECACHE (every file of the build) and VERSION (a hash of their names).
const PRECACHE = __PRECACHE__;
const VERSION = __VERSION__;
const CACHE = `atrium-shell-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith('atrium-shell-') && name !== CACHE)
          .map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  // The API, health and metrics are never cached: they are live, and carry personal data.
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')
      || url.pathname.startsWith('/health/') || url.pathname === '/metrics') {
    return;
  }
  if (request.mode === 'navigate') {
    // Every page of the client is index.html (also /c/<token>): network first, the cache offline.
    event.respondWith(fetch(request).catch(() => caches.match('/', { cacheName: CACHE })));
    return;
  }
  // Built files have content hashes in their names: the cached copy is always right.
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((cached) => cached || fetch(request)),
  );
});
