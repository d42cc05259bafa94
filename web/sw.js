// The portal's service worker: the app shell (HTML, JS, CSS, the wasm core) and the catalog, guides and form
// definitions are cached when it installs, so the portal opens, and a form can be filled in and submitted (into
// the SDK's outbox in IndexedDB), with no network at all. The build (web/build.mjs) fills in VERSION and SHELL.
//
// Blank forms (表格下载) are not all precached (a city's catalog has hundreds of items, each with its files): an
// item's blank forms are kept when its guide is read online, and when the page asks (the items the person has
// drafts of, see src/offline.js). A download that is not kept answers offline with a plain 503 message.
const VERSION = '%VERSION%';
const SHELL = %SHELL%;
const SHELL_CACHE = `wangban-shell-${VERSION}`;
const DATA_CACHE = 'wangban-data-v1';

const DOWNLOAD = /^\/v1\/forms\/[^/]+\/downloads\//;
const GUIDE = /^\/v1\/forms\/([^/]+)\/guide$/;

/** Keeps a guide's blank forms in the data cache (those already kept with the same sha256 are not fetched again). */
async function keepDownloads(guide) {
  const cache = await caches.open(DATA_CACHE);
  await Promise.all((guide?.downloads ?? []).map(async (d) => {
    if (typeof d?.url !== 'string' || !DOWNLOAD.test(d.url)) return;
    const hit = await cache.match(d.url);
    if (hit && hit.headers.get('X-Wangban-Sha256') === d.sha256) return;
    const res = await fetch(d.url);
    if (!res.ok) return;
    const headers = new Headers(res.headers);
    headers.set('X-Wangban-Sha256', d.sha256 ?? '');
    await cache.put(d.url, new Response(await res.blob(), { status: 200, headers }));
  }));
}

/** The blank forms of these items (their guides from the network, or the cached copy). */
async function keepDownloadsOf(itemIds) {
  await Promise.all(itemIds.map(async (id) => {
    const url = `/v1/forms/${encodeURIComponent(id)}/guide`;
    const res = await fetch(url).catch(() => caches.match(url, { ignoreVary: true }));
    if (res?.ok) await keepDownloads(await res.json());
  }));
}

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

// Public catalog data for the portal's own pages: fresh when the network answers, the cached copy otherwise. A
// guide read online keeps its blank forms for later (in the background: the page does not wait for them).
async function networkFirst(event) {
  const request = event.request;
  const key = new URL(request.url).pathname;
  try {
    const res = await fetch(request);
    if (res.ok) {
      await (await caches.open(DATA_CACHE)).put(key, res.clone());
      if (GUIDE.test(key)) event.waitUntil(res.clone().json().then(keepDownloads).catch(() => {}));
    }
    return res;
  } catch (e) {
    const hit = await caches.match(key, { ignoreVary: true });
    if (hit) return hit;
    if (DOWNLOAD.test(key)) {
      return new Response('离线：此表格尚未保存到本机，请联网后下载。\nOffline: this form was not saved on this device; download it when you are online.\n',
        { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
    }
    throw e;
  }
}

self.addEventListener('message', (event) => {
  // {type: 'keep-downloads', itemIds: [...]}: the page asks to keep these items' blank forms (drafts in progress).
  if (event.data?.type === 'keep-downloads' && Array.isArray(event.data.itemIds)) {
    event.waitUntil(keepDownloadsOf(event.data.itemIds.filter((x) => typeof x === 'string')).catch(() => {}));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== location.origin) return;
  if (url.pathname.startsWith('/v1/')) {
    // Only the portal's catalog reads and blank-form downloads; the SDK's sync requests always go to the network,
    // so the sync engine sees the network as it is.
    const portal = request.headers.get('X-Wangban-Offline') === 'cache' || DOWNLOAD.test(url.pathname);
    if (portal) event.respondWith(networkFirst(event));
    return;
  }
  // Any other page load is the shell (checked after /v1/: a blank form opened or downloaded is a navigation too).
  if (request.mode === 'navigate') {
    event.respondWith(caches.match('./', { ignoreVary: true, ignoreSearch: true }).then((hit) => hit ?? fetch(request)));
    return;
  }
  event.respondWith(cacheFirst(request));
});
