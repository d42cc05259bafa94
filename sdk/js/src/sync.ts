// The fetch-based driver of the sans-I/O sync engine (core/sync): it asks the engine what to send, sends it with
// fetch(), feeds the answers back, and makes what the engine recorded durable before acting on it further — the
// browser twin of native/sync/sync_runner.cpp. Sync runs when asked (now()), when the browser comes back online,
// and whenever the engine's next wake-up is due (status pulls every minute, catalog revalidation, retries).

import { Emitter } from './emitter.js';
import { fromServer, makeError, unwrap, WangbanError } from './errors.js';
import type { FetchTransport } from './transport.js';
import type { Account, SyncStatus } from './types.js';
import type { RawProfile, RawRequest } from './wangban_wasm.mjs';

/** @internal What the driver needs from its profile. */
export interface SyncHost {
  raw(): RawProfile;
  persist(): Promise<void>;
  transport(): FetchTransport | null;
  isOpen(): boolean;
  dispatchEvents(): void;
}

/** How far the upload of one attachment of a queued application has come. */
export interface UploadProgress {
  sha256: string;
  name: string;
  /** Bytes the server holds. */
  offset: number;
  size: number;
}

export interface SyncEvents {
  /** After every round of requests. */
  status: SyncStatus;
  /** An attachment of a queued application moved forward (for progress bars). */
  upload: UploadProgress;
  /** A failure inside the driver (the store could not be saved, ...). */
  error: WangbanError;
}

const MAX_TIMER_MS = 5 * 60_000;

export class SyncClient extends Emitter<SyncEvents> {
  private readonly inflight = new Map<number, Promise<void>>();
  private stepping = false;
  private kickQueued = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  private idleWaiters: Array<() => void> = [];
  private conditions: Array<{ test: () => boolean; resolve: () => void }> = [];
  private readonly onOnline = () => this.online();

  /** @internal */
  constructor(private readonly host: SyncHost, private readonly intervalMs = 60_000) {
    super();
  }

  /** Keeps syncing in the background: on `online` events and on the engine's schedule. */
  start(): void {
    if (this.running) return;
    this.running = true;
    (globalThis as { addEventListener?: (t: string, f: () => void) => void }).addEventListener?.('online', this.onOnline);
    this.kick();
  }

  /** Stops background syncing (requests already sent still complete). */
  stop(): void {
    this.running = false;
    (globalThis as { removeEventListener?: (t: string, f: () => void) => void }).removeEventListener?.('online', this.onOnline);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get started(): boolean {
    return this.running;
  }

  /** The browser says the network is back: forget the network backoff and sync now. */
  online(): void {
    if (!this.host.isOpen()) return;
    this.host.raw().wake();
    this.kick();
  }

  /** Syncs until there is nothing more to send right now; resolves with the status then. */
  async now(): Promise<SyncStatus> {
    if (!this.host.isOpen()) throw makeError('web.closed');
    if (!this.host.transport()) throw makeError('web.no_server');
    this.host.raw().wake();
    const idle = new Promise<void>((r) => this.idleWaiters.push(r));
    this.kick();
    await idle;
    return this.status();
  }

  status(): SyncStatus {
    if (!this.host.isOpen()) throw makeError('web.closed');
    return unwrap<SyncStatus>(this.host.raw().syncStatus());
  }

  /** Signs in (unified identity: a resident ID number, a unified social credit code or a staff number). */
  async signIn(account: string, password: string): Promise<Account> {
    if (!this.host.transport()) throw makeError('web.no_server');
    const raw = this.host.raw();
    unwrap(raw.beginLogin(account, password));
    const settled = this.until(() => unwrap<unknown>(this.host.raw().loginResult()) !== null);
    this.kick();
    await settled;
    const result = unwrap<{ ok: boolean; status: number; error: unknown }>(this.host.raw().loginResult());
    if (!result.ok) throw result.status === 0 ? fromServer(0, result.error) : fromServer(result.status, result.error);
    await this.host.persist();  // the tokens are durable before signIn resolves
    const account_ = this.status().account;
    if (!account_) throw makeError('auth.token_missing');
    return account_;
  }

  /** Signs out: the tokens are forgotten (durably) at once; the server is told when it can be reached. */
  async signOut(): Promise<void> {
    unwrap(this.host.raw().logout());
    await this.host.persist();
    if (this.host.transport()) this.kick();
  }

  /** @internal Resolves when `test` holds after some response was handled. */
  until(test: () => boolean): Promise<void> {
    return new Promise((resolve) => this.conditions.push({ test, resolve }));
  }

  /** @internal Schedules a round (coalesced). */
  kick(): void {
    if (this.kickQueued) return;
    this.kickQueued = true;
    queueMicrotask(() => {
      this.kickQueued = false;
      void this.step();
    });
  }

  /** @internal Called by the profile when it closes. */
  shutdown(): void {
    this.stop();
    for (const w of this.idleWaiters.splice(0)) w();
    for (const c of this.conditions.splice(0)) c.resolve();
  }

  private async step(): Promise<void> {
    if (!this.host.isOpen()) return this.shutdown();
    const transport = this.host.transport();
    if (!transport) return this.settle();
    if (this.stepping) return;  // the running round polls again after each await
    this.stepping = true;
    try {
      // Poll until the engine has nothing more to send now (kicks during its awaits are covered by its next poll).
      for (let round = 0; round < 10_000 && this.host.isOpen(); ++round) {
        const polled = this.host.raw().poll();
        if (polled.error) throw unwrapError(polled.error);
        const requests = polled.requests ?? [];
        if (requests.length === 0) break;
        // What poll() recorded (an item marked as sending) is durable before anything is sent.
        await this.host.persist();
        for (const r of requests) this.launch(transport, r);
      }
    } catch (e) {
      this.emit('error', e instanceof WangbanError ? e : makeError('internal', { detail: String(e) }));
    } finally {
      this.stepping = false;
    }
    if (this.inflight.size === 0) this.settle();
  }

  private launch(transport: FetchTransport, r: RawRequest): void {
    const done = (async () => {
      const result = await transport.send(r);
      if (!this.host.isOpen()) return;
      const raw = this.host.raw();
      if ('failure' in result) unwrap(raw.onFailure(r.id, result.failure));
      else {
        unwrap(raw.onResponse(r.id, result.status, JSON.stringify(result.headers), result.body));
        this.trackUpload(r, result);
      }
      // What the engine learnt is durable before it acts on it (the next poll).
      await this.host.persist();
      this.host.dispatchEvents();
    })()
      .catch((e) => this.emit('error', e instanceof WangbanError ? e : makeError('internal', { detail: String(e) })))
      .finally(() => {
        this.inflight.delete(r.id);
        this.checkConditions();
        this.kick();
      });
    this.inflight.set(r.id, done);
  }

  // Upload progress, read off the engine's requests: POST /v1/uploads names the file, HEAD and PATCH answers say
  // how far the server is (Upload-Offset).
  private readonly uploads = new Map<string, { sha256: string; name: string; size: number }>();

  private trackUpload(r: RawRequest, res: { status: number; headers: [string, string][]; body: Uint8Array }): void {
    try {
      if (r.method === 'POST' && r.path === '/v1/uploads' && res.status < 300) {
        const asked = JSON.parse(new TextDecoder().decode(r.body)) as { sha256: string; name: string; size: number };
        const answer = JSON.parse(new TextDecoder().decode(res.body)) as { uploadId: string; offset: number; complete?: boolean };
        const file = { sha256: asked.sha256, name: asked.name, size: asked.size };
        this.uploads.set(answer.uploadId, file);
        this.emit('upload', { ...file, offset: answer.complete ? file.size : answer.offset });
        return;
      }
      const m = r.path.match(/^\/v1\/uploads\/([^/?]+)$/);
      if (!m || (r.method !== 'PATCH' && r.method !== 'HEAD')) return;
      const file = this.uploads.get(m[1]);
      const header = res.headers.find(([k]) => k.toLowerCase() === 'upload-offset');
      if (!file || !header) return;
      this.emit('upload', { ...file, offset: Number(header[1]) });
      if (Number(header[1]) >= file.size) this.uploads.delete(m[1]);
    } catch {
      // progress is informative only
    }
  }

  private checkConditions(): void {
    if (!this.host.isOpen()) return;
    this.conditions = this.conditions.filter((c) => {
      let met = false;
      try {
        met = c.test();
      } catch {
        met = true;  // let the waiter look for itself
      }
      if (met) c.resolve();
      return !met;
    });
  }

  // Nothing in flight and nothing to send: tell the waiters, and plan the next round.
  private settle(): void {
    this.checkConditions();
    for (const w of this.idleWaiters.splice(0)) w();
    if (!this.host.isOpen()) return;
    try {
      this.emit('status', this.status());
    } catch {
      // closed meanwhile
    }
    if (!this.running || !this.host.transport()) return;
    if (this.timer) clearTimeout(this.timer);
    const wake = this.host.raw().nextWakeup();
    const delay = Math.max(200, Math.min(wake - Date.now(), this.intervalMs, MAX_TIMER_MS));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, delay);
    // Never keep a Node process alive just for background sync.
    (this.timer as { unref?: () => void }).unref?.();
  }
}

function unwrapError(text: string): WangbanError {
  try {
    unwrap(text);
  } catch (e) {
    if (e instanceof WangbanError) return e;
  }
  return makeError('internal', { detail: text });
}
