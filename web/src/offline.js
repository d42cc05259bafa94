// Blank forms (表格下载) for offline use. The service worker keeps an item's blank forms when its guide is read
// online (sw.js); this asks it to keep those of the items the person has drafts of too, and tells whether a blank
// form can be downloaded with no network.

const asked = new Set();

/** Asks the service worker to keep these items' blank forms (each item once per page load, when online). */
export function keepDownloads(itemIds) {
  if (!navigator.onLine) return;
  const fresh = [...new Set(itemIds)].filter((id) => !asked.has(id));
  if (!fresh.length || !('serviceWorker' in navigator)) return;
  for (const id of fresh) asked.add(id);
  void navigator.serviceWorker.ready.then((reg) => reg.active?.postMessage({ type: 'keep-downloads', itemIds: fresh }))
    .catch(() => { for (const id of fresh) asked.delete(id); });
}

/** Whether a blank form is kept on this device (so it downloads offline). */
export async function isKept(url) {
  if (!('caches' in window)) return false;
  try {
    return Boolean(await caches.match(url, { ignoreVary: true }));
  } catch {
    return false;
  }
}
