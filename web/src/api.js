// Public catalog calls (no sign-in needed). The service worker answers them from its cache when offline, so the
// catalog and the guides can be browsed with no network at all.

export async function getJSON(path) {
  const res = await fetch(path, { headers: { Accept: 'application/json', 'X-Wangban-Offline': 'cache' } });
  if (!res.ok) {
    let body = null;
    try {
      body = await res.json();
    } catch {
      /* not JSON */
    }
    const err = new Error(body?.error?.message ?? `HTTP ${res.status}`);
    // Both languages (the server's `message` is in one), so the page shows the one chosen now.
    if (body?.error?.messages?.['zh-CN']) err.messages = { en: body.error.messages['zh-CN'], ...body.error.messages };
    err.status = res.status;
    err.body = body;
    throw err;
  }
  return res.json();
}

let catalogPromise = null;

/** Every item of the catalog (filtered in the page, so filtering works offline too). */
export function catalog() {
  if (!catalogPromise) {
    catalogPromise = getJSON('/v1/catalog').then((c) => c.items).catch((e) => {
      catalogPromise = null;
      throw e;
    });
  }
  return catalogPromise;
}

export function guide(itemId) {
  return getJSON(`/v1/forms/${encodeURIComponent(itemId)}/guide`);
}

export function definition(itemId, version) {
  return getJSON(`/v1/forms/${encodeURIComponent(itemId)}/versions/${version}`);
}

/** Makes sure the profile has an item's form (the sync pulls them; this fills a gap from the SW's cache). */
export async function ensureForm(profile, itemId) {
  try {
    return await profile.form(itemId);
  } catch {
    const item = (await catalog()).find((i) => i.id === itemId);
    if (!item) throw new Error(`unknown item ${itemId}`);
    await profile.cacheForms([await definition(itemId, item.version)]);
    return profile.form(itemId);
  }
}
