// The signed-in person's profile (the wangban SDK's Profile: drafts, outbox, tokens in IndexedDB) for this tab.
//
// One tab at a time owns a profile (the SDK's Web Lock). This portal lets the tab the person is using win: a tab
// that opens, or that the person clicks or types in, takes the profile over; the other tab shows a notice and
// takes it back on the next click or key press, reloading drafts from storage. An edit caught in the middle of a
// take-over is kept by the form page and applied again once this tab owns the profile (see pages/form.js).

import { openProfile, isWangbanError } from 'wangban';

const PROFILE_KEY = 'wangban.profile';
const listeners = new Map();

export const session = {
  profile: null,
  /** none (signed out) | opening | open | elsewhere (another tab has it) | failed */
  state: 'none',
  name: localStorage.getItem(PROFILE_KEY),
  error: null,
  syncStatus: null,
  persisted: null,
};

export function on(event, fn) {
  if (!listeners.has(event)) listeners.set(event, new Set());
  listeners.get(event).add(fn);
  return () => listeners.get(event).delete(fn);
}

function emit(event, value) {
  for (const fn of listeners.get(event) ?? []) {
    try {
      fn(value);
    } catch (e) {
      console.error(e);
    }
  }
}

function setState(state) {
  session.state = state;
  emit('state', state);
}

let opening = null;

async function open(name) {
  if (opening) return opening;
  setState('opening');
  opening = (async () => {
    try {
      const options = {
        server: location.origin,
        onBusy: 'steal',
        wasmUrl: globalThis.WANGBAN_WASM_URL,
        lang: document.documentElement.lang === 'en' ? 'en' : 'zh-CN',
      };
      const profile = await openProfile(name, options);
      profile.on('closed', ({ reason }) => {
        if (session.profile !== profile) return;
        session.profile = null;
        setState(reason === 'taken_over' ? 'elsewhere' : 'none');
      });
      if (profile.isClosed) {
        // Another tab took it over at once (both tabs in use at the same moment): the next use here takes it back.
        setState('elsewhere');
        return null;
      }
      session.profile = profile;
      session.name = name;
      session.persisted = profile.persisted;
      session.syncStatus = profile.sync.status();
      profile.on('event', (e) => emit('event', e));
      profile.sync.on('status', (s) => {
        session.syncStatus = s;
        emit('sync', s);
      });
      setState('open');
      emit('opened', profile);
      return profile;
    } catch (e) {
      session.error = e;
      console.warn('opening the profile failed', e?.code ?? e);
      // Taken over while opening (web.closed, a fenced write): another tab is in use; the next use here retries.
      const race = ['web.closed', 'web.profile_taken_over', 'web.profile_in_use'].includes(e?.code);
      setState(race ? 'elsewhere' : 'failed');
      throw e;
    } finally {
      opening = null;
    }
  })();
  return opening;
}

/** Opens the remembered profile (if any) when the page starts. */
export async function boot() {
  for (const type of ['pointerdown', 'keydown']) {
    document.addEventListener(type, () => {
      // 'failed': opening raced with another tab's take-over; the next use tries again.
      if (session.state === 'elsewhere' || (session.state === 'failed' && session.name)) void ready().catch(() => {});
    }, true);
  }
  if (session.name) {
    try {
      await open(session.name);
    } catch (e) {
      console.error('profile', e);
    }
  }
}

/** The profile, taking it back from another tab if needed; null when signed out. */
export async function ready() {
  if (session.profile) return session.profile;
  if (opening) return opening;
  if (!session.name) return null;
  return open(session.name);
}

export function signedIn() {
  return Boolean(session.syncStatus?.signedIn && session.name);
}

async function profileNameFor(account) {
  const bytes = new TextEncoder().encode(account.trim().toUpperCase());
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return 'p-' + Array.from(hash.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Unified sign-in: one profile per account in this browser (named by a hash, not by the ID number). */
export async function signIn(account, password) {
  const name = await profileNameFor(account);
  if (session.profile && session.name !== name) {
    await session.profile.close();
    session.profile = null;
  }
  const profile = session.profile ?? (await open(name));
  try {
    await profile.sync.signIn(account.trim(), password);
  } catch (e) {
    if (!isWangbanError(e, 'web.network')) throw e;
    throw e;
  }
  localStorage.setItem(PROFILE_KEY, name);
  session.syncStatus = profile.sync.status();
  emit('sync', session.syncStatus);
  emit('state', session.state);
  // The catalog and forms for offline use, and anything queued: in the background.
  profile.sync.now().catch(() => {});
  return profile;
}

export async function signOut() {
  const profile = session.profile;
  if (profile) {
    await profile.sync.signOut();
    await profile.close();
  }
  session.profile = null;
  session.name = null;
  session.syncStatus = null;
  localStorage.removeItem(PROFILE_KEY);
  setState('none');
}

export { emit };
