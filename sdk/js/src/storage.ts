// A profile's storage in IndexedDB: the database's 4 KiB blocks and a little metadata (size, tokens, the owner's
// epoch), in one IndexedDB database per profile. Every write is one IndexedDB transaction, which IndexedDB
// commits atomically, so the stored image only ever moves from one committed SQLite state to the next.
//
// Fencing: whoever opens the profile increments `epoch` (in the same transaction that reads the blocks), and every
// write first checks that the epoch is still its own. A tab whose profile was taken over by another tab (or
// another process sharing the storage) can never write over the newer owner's data, even if it has not yet heard
// that it lost the lock.

import { makeError, WangbanError } from './errors.js';
import type { FlushSnapshot } from './wangban_wasm.mjs';

const BLOCKS = 'blocks';
const META = 'meta';
const BLOCK_SIZE = 4096;  // BlockVfs::kBlockSize (wasm/platform/block_vfs.hpp)

export interface StoredImage {
  size: number;
  indexes: Uint32Array;
  bytes: Uint8Array;
  tokens: string;
}

export interface StorageOptions {
  /** The IndexedDB factory (default: globalThis.indexedDB). Node tests pass fake-indexeddb's. */
  indexedDB?: IDBFactory;
  /** IndexedDB's durability hint for writes (default "strict": resolved means on disk). */
  durability?: 'strict' | 'relaxed' | 'default';
}

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function storageError(e: unknown): WangbanError {
  if (e instanceof WangbanError) return e;
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = (e as { message?: string } | null)?.message ?? String(e);
  if (name === 'QuotaExceededError') return makeError('store.disk_full');
  return makeError('web.storage_failed', { detail: name ? `${name}: ${message}` : message });
}

export function databaseName(profile: string): string {
  return `wangban-profile:${profile}`;
}

export class IdbStorage {
  private constructor(
    private readonly db: IDBDatabase,
    private readonly durability: 'strict' | 'relaxed' | 'default',
    private epoch = 0,
  ) {}

  static async open(profile: string, options: StorageOptions = {}): Promise<IdbStorage> {
    const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) throw makeError('web.storage_unavailable', { detail: 'no IndexedDB' });
    let db: IDBDatabase;
    try {
      const open = factory.open(databaseName(profile), 1);
      open.onupgradeneeded = () => {
        const d = open.result;
        if (!d.objectStoreNames.contains(BLOCKS)) d.createObjectStore(BLOCKS);
        if (!d.objectStoreNames.contains(META)) d.createObjectStore(META);
      };
      db = await request(open);
    } catch (e) {
      throw makeError('web.storage_unavailable', { detail: (e as Error)?.message ?? String(e) });
    }
    // Another tab deleting or upgrading the database: let it, and fail our later writes cleanly.
    db.onversionchange = () => db.close();
    return new IdbStorage(db, options.durability ?? 'strict');
  }

  /** Becomes the owner (bumps the epoch) and reads the whole image, in one transaction. */
  async claim(): Promise<StoredImage> {
    const tx = this.db.transaction([BLOCKS, META], 'readwrite', { durability: this.durability });
    const meta = tx.objectStore(META);
    const blocks = tx.objectStore(BLOCKS);
    const done = this.completion(tx);
    const epochReq = meta.get('epoch');
    epochReq.onsuccess = () => {
      this.epoch = (typeof epochReq.result === 'number' ? epochReq.result : 0) + 1;
      meta.put(this.epoch, 'epoch');
    };
    const size = meta.get('size');
    const tokens = meta.get('tokens');
    const keys = blocks.getAllKeys();
    const values = blocks.getAll();
    await done;
    const indexes = new Uint32Array((keys.result as number[]).length);
    const bytes = new Uint8Array(indexes.length * BLOCK_SIZE);
    (keys.result as number[]).forEach((k, i) => {
      indexes[i] = k;
      bytes.set(new Uint8Array(values.result[i] as ArrayBuffer), i * BLOCK_SIZE);
    });
    return {
      size: typeof size.result === 'number' ? size.result : 0,
      indexes,
      bytes,
      tokens: typeof tokens.result === 'string' ? tokens.result : '',
    };
  }

  /** Writes a flush: the changed blocks, the size, dropped blocks, the tokens. Resolves once committed. */
  async write(s: FlushSnapshot): Promise<void> {
    let tx: IDBTransaction;
    try {
      tx = this.db.transaction([BLOCKS, META], 'readwrite', { durability: this.durability });
    } catch (e) {
      throw storageError(e);
    }
    const meta = tx.objectStore(META);
    const blocks = tx.objectStore(BLOCKS);
    let takenOver = false;
    let failure: unknown = null;
    const done = this.completion(tx);
    const epochReq = meta.get('epoch');
    epochReq.onsuccess = () => {
      if (epochReq.result !== this.epoch) {
        takenOver = true;
        tx.abort();
        return;
      }
      try {
        const bs = s.blockSize;
        for (let i = 0; i < s.indexes.length; ++i) blocks.put(s.bytes.slice(i * bs, (i + 1) * bs).buffer, s.indexes[i]);
        // Blocks beyond a shrunk file (rare: SQLite shrinks only on VACUUM), one key at a time so that no
        // IDBKeyRange global is needed (Node tests pass only a factory).
        for (let k = Math.ceil(s.size / bs); k < s.storedBlocks; ++k) blocks.delete(k);
        meta.put(s.size, 'size');
        if (s.tokens !== undefined) meta.put(s.tokens, 'tokens');
      } catch (e) {
        // Some browsers refuse a put at once (QuotaExceededError, DataCloneError) instead of at commit.
        failure = e;
        tx.abort();
      }
    };
    try {
      await done;
    } catch (e) {
      if (takenOver) throw makeError('web.profile_taken_over');
      throw storageError(failure ?? e);
    }
  }

  close(): void {
    this.db.close();
  }

  private completion(tx: IDBTransaction): Promise<void> {
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new DOMException('aborted', 'AbortError'));
      tx.onerror = () => {
        /* reported by onabort */
      };
    });
  }

  /** Deletes a profile's stored data (it must not be open anywhere). */
  static async remove(profile: string, options: StorageOptions = {}): Promise<void> {
    const factory = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!factory) throw makeError('web.storage_unavailable', { detail: 'no IndexedDB' });
    await request(factory.deleteDatabase(databaseName(profile)));
  }
}

/** Asks the browser to keep this site's storage (no eviction under pressure). null where there is no such API. */
export async function requestPersistence(): Promise<boolean | null> {
  const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
  if (!storage || typeof storage.persist !== 'function') return null;
  try {
    if (typeof storage.persisted === 'function' && (await storage.persisted())) return true;
    return await storage.persist();
  } catch {
    return false;
  }
}

export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
  if (!storage || typeof storage.estimate !== 'function') return null;
  const e = await storage.estimate();
  return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
}
