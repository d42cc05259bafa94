// A profile: one person's (or one enterprise's) data in this browser — catalog cache, drafts, attachments, the
// outbox, case status, tokens — in SQLite over IndexedDB, owned by one tab at a time.

import { Draft } from './draft.js';
import { Emitter } from './emitter.js';
import { makeError, unwrap, WangbanError, type FieldError, type Lang } from './errors.js';
import { acquire, type HeldLock, type OnBusy } from './locks.js';
import { Appointments, Cases, Consultations, Ratings, ServerCalls, Uploads } from './services.js';
import { IdbStorage, requestPersistence, storageEstimate, type StorageOptions } from './storage.js';
import { SyncClient } from './sync.js';
import { FetchTransport, type FetchLike } from './transport.js';
import type {
  CatalogFilter, CatalogItem, DraftSummary, FormDocument, Guide, MigrationReport, OutboxItem, StatusEntry, StoreEvent,
} from './types.js';
import { isNode, loadModule, type ModuleOptions } from './wasm.js';
import type { RawProfile, WangbanModule } from './wangban_wasm.mjs';

const SERVER_KEY = 'sync.server';  // the same key as the CLI's
const TOKEN_SKEW_MS = 30_000;

export interface EngineOptions {
  catalogIntervalMs?: number;
  statusIntervalMs?: number;
  retryBaseMs?: number;
  uploadChunkBytes?: number;
  pullCatalog?: boolean;
  pullStatus?: boolean;
}

export interface OpenProfileOptions extends StorageOptions, ModuleOptions {
  /** The server's base URL ("https://gov.example.cn"); remembered in the profile. */
  server?: string;
  /** Another tab has this profile open: fail with web.profile_in_use (default), wait for it, or take it over. */
  onBusy?: OnBusy;
  /** Sync in the background (on `online` events and on the engine's schedule). Default: true in browsers. */
  autoSync?: boolean;
  /** The longest wait between background rounds (default 60 s). */
  syncIntervalMs?: number;
  engine?: EngineOptions;
  /** fetch() for the sync engine and the server calls (default: globalThis.fetch). */
  fetch?: FetchLike;
  /** The language of the `message` fields the server sends (default zh-CN). */
  lang?: Lang;
  /** Ask the browser to keep the site's storage (navigator.storage.persist()); default true. */
  requestPersistence?: boolean;
}

export interface ProfileEvents {
  /** Something changed in the store (durably): drafts, outbox, statuses, the catalog cache. */
  event: StoreEvent;
  /** Storage refused changes; memory went back to the stored state (every open draft got 'reset'). */
  recovered: WangbanError;
  /** The profile closed: by close(), or because another tab took it over. */
  closed: { reason: 'closed' | 'taken_over' };
}

/**
 * Makes changes durable: one flush at a time, later callers joining the next one. If storage refuses a flush
 * (quota), what was not saved is undone everywhere (the binding rolls back and reopens) and every caller whose
 * change was undone gets the error.
 */
class Persister {
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private lastError: WangbanError | null = null;

  constructor(
    private readonly raw: () => RawProfile | null,
    private readonly storage: IdbStorage,
    private readonly onFailure: (e: WangbanError) => void,
  ) {}

  persist(): Promise<void> {
    const generation = this.open().generation();
    return this.flush().then(() => {
      // A rollback since this caller's change undid it, even if the flush that carried "nothing" succeeded.
      const raw = this.raw();
      if (raw && raw.generation() !== generation) throw this.lastError ?? makeError('web.storage_failed', { detail: 'rolled back' });
    });
  }

  private open(): RawProfile {
    const raw = this.raw();
    if (!raw) throw makeError('web.closed');
    return raw;
  }

  private flush(): Promise<void> {
    if (this.queued) return this.queued;
    const run = this.chain.then(() => {
      this.queued = null;
      return this.flushOnce();
    });
    this.queued = run;
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async flushOnce(): Promise<void> {
    const raw = this.raw();
    if (!raw) return;  // closed: close() made everything durable before letting go
    const snapshot = raw.beginFlush();
    if (!snapshot) return;
    if (snapshot.error) unwrap(snapshot.error);
    try {
      await this.storage.write(snapshot);
    } catch (e) {
      const error = e instanceof WangbanError ? e : makeError('web.storage_failed', { detail: String(e) });
      this.lastError = error;
      const still = this.raw();
      if (still) {
        unwrap(still.endFlush(false));
        this.onFailure(error);
      }
      throw error;
    }
    const still = this.raw();
    if (still) unwrap(still.endFlush(true));
  }
}

export class Profile extends Emitter<ProfileEvents> {
  readonly name: string;
  /** Whether the browser promised to keep this site's storage (null: no such API, e.g. Node). */
  readonly persisted: boolean | null;
  readonly sync: SyncClient;
  readonly consultations: Consultations;
  readonly appointments: Appointments;
  readonly ratings: Ratings;
  readonly cases: Cases;
  readonly uploads: Uploads;

  private rawProfile: RawProfile | null;
  private readonly persister: Persister;
  private readonly drafts_ = new Set<Draft>();
  private pendingEvents: StoreEvent[] = [];
  private serverUrl: string | null;
  private transport_: FetchTransport | null = null;
  private readonly fetchImpl: FetchLike;
  private readonly language: Lang;

  /** @internal Use openProfile(). */
  constructor(
    private readonly module: WangbanModule,
    raw: RawProfile,
    private readonly file: string,
    private readonly storage: IdbStorage,
    private readonly lock: HeldLock,
    name: string,
    persisted: boolean | null,
    options: OpenProfileOptions,
  ) {
    super();
    this.name = name;
    this.persisted = persisted;
    this.rawProfile = raw;
    this.fetchImpl = options.fetch ?? ((input, init) => fetch(input, init));
    this.language = options.lang ?? 'zh-CN';
    this.persister = new Persister(() => this.rawProfile, storage, (e) => this.recovered(e));
    this.serverUrl = unwrap<string | null>(raw.meta(SERVER_KEY)) || null;
    this.sync = new SyncClient(this, options.syncIntervalMs ?? 60_000);
    const calls = new ServerCalls(this);
    this.consultations = new Consultations(calls);
    this.appointments = new Appointments(calls);
    this.ratings = new Ratings(calls);
    this.cases = new Cases(calls);
    this.uploads = new Uploads(calls);
    void lock.lost.then(() => this.shutdown('taken_over'));
  }

  // ---- the catalog (offline: the definitions this profile has cached)

  /** Service items in the profile's catalog cache (filled by sync, or by cacheForms), filtered. */
  async catalog(filter: CatalogFilter = {}): Promise<CatalogItem[]> {
    return unwrap<CatalogItem[]>(this.raw().catalog(JSON.stringify(filter)));
  }

  /** An item's service guide: the ten elements and the blank forms to download. */
  async guide(itemId: string): Promise<Guide> {
    return unwrap<Guide>(this.raw().guide(itemId));
  }

  /** An item's form definition and layout (the newest cached version, or `version`). */
  async form(itemId: string, version?: number): Promise<FormDocument> {
    return unwrap<FormDocument>(this.raw().form(itemId, version ?? 0));
  }

  /** Adds definitions to the catalog cache (a portal's bundled catalog, a service worker's copy). */
  async cacheForms(definitions: Record<string, unknown>[]): Promise<{ itemId: string; version: number }[]> {
    const raw = this.raw();
    const out = definitions.map((d) => unwrap<{ itemId: string; version: number }>(raw.cacheForm(JSON.stringify(d))));
    await this.persist();
    return out;
  }

  // ---- drafts

  async drafts(): Promise<DraftSummary[]> {
    return unwrap<DraftSummary[]>(this.raw().drafts());
  }

  /** Starts a draft of an item (its form must be cached). */
  async newDraft(itemId: string, data: Record<string, unknown> = {}): Promise<Draft> {
    const summary = unwrap<DraftSummary>(this.raw().createDraft(itemId, JSON.stringify(data)));
    this.dispatchEvents();
    await this.persist();
    return this.openDraft(summary.id);
  }

  /** Opens a stored draft for editing. */
  async openDraft(id: string): Promise<Draft> {
    const raw = new this.module.DraftHandle(this.raw(), id);
    let draft: Draft;
    try {
      draft = new Draft(raw, this);
    } catch (e) {
      raw.delete();
      throw e;
    }
    this.drafts_.add(draft);
    return draft;
  }

  async deleteDraft(id: string): Promise<void> {
    unwrap(this.raw().deleteDraft(id));
    for (const d of [...this.drafts_]) if (d.id === id) d.markClosed('deleted');
    this.dispatchEvents();
    await this.persist();
  }

  // ---- submitting and the outbox

  /**
   * Validates a draft with the same rules the server runs and queues it for sending, durably: the item is in the
   * outbox (and the draft gone) once this resolves, network or not. Rejects with store.incomplete and
   * `fieldErrors` when something must be fixed first.
   */
  async submit(draftId: string): Promise<OutboxItem> {
    return this.submitDraft(draftId);
  }

  async outbox(options: { payload?: boolean } = {}): Promise<OutboxItem[]> {
    return unwrap<OutboxItem[]>(this.raw().outbox(options.payload ?? false));
  }

  async outboxItem(id: number): Promise<OutboxItem> {
    return unwrap<OutboxItem>(this.raw().outboxItem(id));
  }

  /** The case's status history as pulled from the server (acceptance, supplement requests, results). */
  async statusHistory(outboxId: number): Promise<StatusEntry[]> {
    return unwrap<StatusEntry[]>(this.raw().statusHistory(outboxId));
  }

  /** Puts an item that needed attention (e.g. sign-in) back in the queue. */
  async requeue(id: number): Promise<void> {
    unwrap(this.raw().requeue(id));
    this.dispatchEvents();
    await this.persist();
    if (this.sync.started) this.sync.kick();
  }

  /** An item whose form version the server retired becomes a draft on the newest version; returns the draft. */
  async migrateOutboxItem(id: number): Promise<{ draft: Draft; migration: MigrationReport }> {
    const r = unwrap<{ draftId: string; migration: MigrationReport }>(this.raw().migrateOutboxItem(id));
    this.dispatchEvents();
    await this.persist();
    return { draft: await this.openDraft(r.draftId), migration: r.migration };
  }

  /** Store events after `seq` (to catch up after a reload). */
  async eventsSince(seq: number, limit = 1000): Promise<StoreEvent[]> {
    return unwrap<StoreEvent[]>(this.raw().eventsSince(seq, limit));
  }

  // ---- the server

  get server(): string | null {
    return this.serverUrl;
  }

  async setServer(url: string): Promise<void> {
    unwrap(this.raw().setMeta(SERVER_KEY, url));
    await this.persist();
    this.serverUrl = url;
    this.transport_ = null;
  }

  /** How much this origin stores and may store (null where unknown). */
  storageEstimate(): Promise<{ usage: number; quota: number } | null> {
    return storageEstimate();
  }

  get isClosed(): boolean {
    return this.rawProfile === null;
  }

  /** Closes the profile and lets another tab open it. Resolves once everything is durable. */
  async close(): Promise<void> {
    if (!this.rawProfile) return;
    try {
      await this.persist();
    } finally {
      this.shutdown('closed');
    }
  }

  // ---- host interfaces (internal)

  /** @internal */
  raw(): RawProfile {
    if (!this.rawProfile) throw makeError('web.closed');
    return this.rawProfile;
  }

  /** @internal */
  ensureOpen(): void {
    this.raw();
  }

  /** @internal */
  isOpen(): boolean {
    return this.rawProfile !== null;
  }

  /** @internal Makes every change so far durable; then tells listeners what changed. */
  async persist(): Promise<void> {
    this.raw();
    const events = this.takeEvents();
    await this.persister.persist();
    for (const e of events) this.emit('event', e);
  }

  /** @internal Collects the store's events (emitted once durable). */
  dispatchEvents(): void {
    this.pendingEvents.push(...this.takeEvents());
  }

  /** @internal */
  transport(): FetchTransport | null {
    if (!this.serverUrl) return null;
    if (!this.transport_) this.transport_ = new FetchTransport(this.serverUrl, this.fetchImpl);
    return this.transport_;
  }

  /** @internal */
  baseUrl(): string | null {
    return this.serverUrl;
  }

  /** @internal */
  fetch(): FetchLike {
    return this.fetchImpl;
  }

  /** @internal */
  lang(): Lang {
    return this.language;
  }

  /** @internal A usable access token for the plain calls, refreshed through the engine when needed. */
  async accessToken(forceRefresh: boolean): Promise<string> {
    const read = () => unwrap<{ token: string; expiresAt: number } | null>(this.raw().accessToken());
    let t = read();
    if (!t) throw makeError('auth.token_missing');
    if (forceRefresh || t.expiresAt - TOKEN_SKEW_MS <= Date.now()) {
      // The engine refreshes before anything else when the token is due; a rejected one shows up on its next
      // authenticated request (the changes feed), which wake() makes immediate.
      await this.sync.now();
      t = read();
      if (!t) throw makeError('auth.token_invalid');
    }
    return t.token;
  }

  /** @internal */
  async submitDraft(draftId: string): Promise<OutboxItem> {
    const r = unwrap<{ queued?: OutboxItem; errors?: FieldError[] }>(this.raw().submit(draftId));
    if (!r.queued) {
      const errors = r.errors ?? [];
      throw makeError('store.incomplete', { count: String(errors.length) }, { fieldErrors: errors });
    }
    for (const d of [...this.drafts_]) if (d.id === draftId) d.markClosed('submitted');
    this.dispatchEvents();
    await this.persist();
    if (this.sync.started) this.sync.kick();
    return r.queued;
  }

  /** @internal */
  forgetDraft(draft: Draft): void {
    this.drafts_.delete(draft);
  }

  private takeEvents(): StoreEvent[] {
    const fresh = this.rawProfile ? unwrap<StoreEvent[]>(this.rawProfile.takeEvents()) : [];
    const all = this.pendingEvents.concat(fresh);
    this.pendingEvents = [];
    return all;
  }

  private recovered(error: WangbanError): void {
    this.pendingEvents = [];
    if (error.code === 'web.profile_taken_over') {
      queueMicrotask(() => this.shutdown('taken_over'));
      return;
    }
    for (const d of this.drafts_) d.resync();
    this.emit('recovered', error);
  }

  private shutdown(reason: 'closed' | 'taken_over'): void {
    if (!this.rawProfile) return;
    this.sync.shutdown();
    for (const d of [...this.drafts_]) d.markClosed('profile_closed', reason === 'taken_over');
    this.rawProfile.close();
    this.rawProfile.delete();
    this.rawProfile = null;
    unwrap(this.module.vfsForget(this.file));
    this.storage.close();
    this.lock.release();
    this.emit('closed', { reason });
  }
}

/**
 * Opens (creating if needed) a profile in this browser's IndexedDB, for this tab alone. Rejects with
 * web.profile_in_use when another tab has it (unless onBusy says otherwise), web.storage_unavailable when the
 * browser stores nothing (private mode), web.module_load_failed when the module cannot load.
 */
export async function openProfile(name: string, options: OpenProfileOptions = {}): Promise<Profile> {
  if (!name || name.length > 200) throw makeError('invalid_argument', { detail: 'a profile name of 1 to 200 characters' });
  const module = await loadModule(options);
  const lock = await acquire(name, options.onBusy ?? 'fail');
  let storage: IdbStorage | null = null;
  let raw: RawProfile | null = null;
  const file = `profile:${name}`;
  try {
    storage = await IdbStorage.open(name, options);
    const image = await storage.claim();
    unwrap(module.vfsLoad(file, image.size, new Uint8Array(image.indexes.buffer, image.indexes.byteOffset, image.indexes.byteLength), image.bytes));
    raw = new module.ProfileHandle(file);
    unwrap(raw.open(JSON.stringify({ tokens: image.tokens, engine: options.engine ?? {} })));
    if (options.server) unwrap(raw.setMeta(SERVER_KEY, options.server));
    const persisted = options.requestPersistence === false ? null : await requestPersistence();
    const profile = new Profile(module, raw, file, storage, lock, name, persisted, options);
    await profile.persist();  // a new profile's schema, the server URL
    if (options.autoSync ?? !isNode()) profile.sync.start();
    return profile;
  } catch (e) {
    if (raw) {
      raw.close();
      raw.delete();
    }
    module.vfsForget(file);
    storage?.close();
    lock.release();
    throw e;
  }
}

/** Deletes a profile's data from this browser. It must not be open in any tab. */
export async function deleteProfile(name: string, options: StorageOptions & { onBusy?: OnBusy } = {}): Promise<void> {
  const lock = await acquire(name, options.onBusy ?? 'fail');
  try {
    await IdbStorage.remove(name, options);
  } finally {
    lock.release();
  }
}
