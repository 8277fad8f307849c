// Offline once loaded. On install, caches the page and every file of the build (precache.json,
// written by the build); then serves same-origin GETs network first, falling back to the cache, so
// an online visit always gets the newest files and an offline one gets the last ones seen.
// URLs are relative to this file, so the site works from any sub-path. Matching ignores Vary:
// a module script's request carries an Origin header that the precache request did not.

const CACHE = 'fa-sgd-playground';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const list = await (await fetch('precache.json', { cache: 'no-store' })).json();
      await caches.delete(CACHE);
      const cache = await caches.open(CACHE);
      await cache.addAll(['./', './favicon.svg', ...list]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || !url.protocol.startsWith('http')) return;
  event.respondWith(
    (async () => {
      try {
        const response = await fetch(request);
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((c) => c.put(request, copy)));
        }
        return response;
      } catch (error) {
        const cached = await caches.match(request, { ignoreSearch: true, ignoreVary: true });
        if (cached) return cached;
        throw error;
      }
    })(),
  );
});
