// The portal's service worker: the app shell (HTML, JS, CSS, the wasm core) and the catalog, guides and form
// definitions are cached when it installs, so the portal opens, and a form can be filled in and submitted (into
// the SDK's outbox in IndexedDB), with no network at all. The build (web/build.mjs) fills in VERSION and SHELL.
const VERSION = '%VERSION%';
const SHELL = %SHELL%;
const SHELL_CACHE = `wangban-shell-${VERSION}`;
const DATA_CACHE = 'wangban-data-v1';

async function precacheCatalog() {
  const cache = await caches.open(DATA_CACHE);
  const res = await fetch('/v1/catalog', { cache: 'no-cache' });
  if (!res.ok) return;
  const catalog = await res.clone().json();
  await cache.put('/v1/catalog', res);
  await Promise.all(catalog.items.flatMap((item) => [
    `/v1/forms/${encodeURIComponent(item.id)}/versions/${item.version}`,
    `/v1/forms/${encodeURIComponent(item.id)}/guide`,
  ].map(async (url) => {
    const r = await fetch(url, { cache: 'no-cache' });
    if (r.ok) await cache.put(url, r);
  })));
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL_CACHE);
    await cache.addAll(SHELL);
    // The catalog for offline use; a failure here (server down) must not keep the shell from installing.
    await precacheCatalog().catch(() => {});
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key.startsWith('wangban-shell-') && key !== SHELL_CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

async function cacheFirst(request) {
  const hit = await caches.match(request, { ignoreVary: true, ignoreSearch: true });
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) (await caches.open(SHELL_CACHE)).put(request, res.clone());
  return res;
}

// Public catalog data for the portal's own pages: fresh when the network answers, the cached copy otherwise.
async function networkFirst(request) {
  const key = new URL(request.url).pathname;
  try {
    const res = await fetch(request);
    if (res.ok) (await caches.open(DATA_CACHE)).put(key, res.clone());
    return res;
  } catch (e) {
    const hit = await caches.match(key, { ignoreVary: true });
    if (hit) return hit;
    throw e;
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (request.mode === 'navigate') {
    event.respondWith(caches.match('./', { ignoreVary: true, ignoreSearch: true }).then((hit) => hit ?? fetch(request)));
    return;
  }
  if (url.pathname.startsWith('/v1/')) {
    // Only the portal's catalog reads and blank-form downloads; the SDK's sync requests always go to the network,
    // so the sync engine sees the network as it is.
    const portal = request.headers.get('X-Wangban-Offline') === 'cache' || /^\/v1\/forms\/[^/]+\/downloads\//.test(url.pathname);
    if (portal) event.respondWith(networkFirst(request));
    return;
  }
  event.respondWith(cacheFirst(request));
});
