// One writer per profile: the Web Locks API across the tabs and workers of an origin, and an in-process registry
// where there is no navigator.locks (Node). Whatever the lock says, storage writes are also fenced by an epoch
// (storage.ts), so a tab that lost its lock can never overwrite the new owner's data.

import { makeError } from './errors.js';

/** What to do when another tab holds the profile: fail (default), wait for it, or take it over. */
export type OnBusy = 'fail' | 'wait' | 'steal';

export interface HeldLock {
  /** Resolves when another tab took the profile over (steal). */
  readonly lost: Promise<void>;
  release(): void;
}

interface WebLocks {
  request(name: string, options: { ifAvailable?: boolean; steal?: boolean; mode?: 'exclusive' },
          callback: (lock: unknown) => Promise<void> | void): Promise<void>;
}

function webLocks(): WebLocks | null {
  const locks = (globalThis as { navigator?: { locks?: WebLocks } }).navigator?.locks;
  return locks && typeof locks.request === 'function' ? locks : null;
}

export function lockName(profile: string): string {
  return `wangban-profile:${profile}`;
}

export async function acquire(profile: string, onBusy: OnBusy = 'fail'): Promise<HeldLock> {
  const locks = webLocks();
  return locks ? acquireWeb(locks, lockName(profile), onBusy) : acquireLocal(lockName(profile), onBusy);
}

function acquireWeb(locks: WebLocks, name: string, onBusy: OnBusy): Promise<HeldLock> {
  return new Promise((resolve, reject) => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let markLost!: () => void;
    const lost = new Promise<void>((r) => (markLost = r));
    let granted = false;
    const options = onBusy === 'fail' ? { ifAvailable: true } : onBusy === 'steal' ? { steal: true } : {};
    locks
      .request(name, { mode: 'exclusive', ...options }, (lock) => {
        if (!lock) {
          reject(makeError('web.profile_in_use'));
          return;
        }
        granted = true;
        resolve({ lost, release });
        return held;
      })
      .catch(() => {
        // The request ends in an AbortError when another tab steals the lock.
        if (granted) markLost();
        else reject(makeError('web.profile_in_use'));
      });
  });
}

interface LocalHolder {
  lose(): void;
}
const localHolders = new Map<string, LocalHolder>();
const localWaiters = new Map<string, Array<() => void>>();

async function acquireLocal(name: string, onBusy: OnBusy): Promise<HeldLock> {
  while (localHolders.has(name)) {
    if (onBusy === 'fail') throw makeError('web.profile_in_use');
    if (onBusy === 'steal') {
      localHolders.get(name)!.lose();
      localHolders.delete(name);
      break;
    }
    await new Promise<void>((r) => {
      const list = localWaiters.get(name) ?? [];
      list.push(r);
      localWaiters.set(name, list);
    });
  }
  let markLost!: () => void;
  const lost = new Promise<void>((r) => (markLost = r));
  const holder: LocalHolder = { lose: () => markLost() };
  localHolders.set(name, holder);
  return {
    lost,
    release() {
      if (localHolders.get(name) !== holder) return;
      localHolders.delete(name);
      const next = localWaiters.get(name)?.shift();
      if (next) next();
    },
  };
}
