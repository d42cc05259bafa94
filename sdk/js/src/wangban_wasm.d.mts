// The raw binding (wasm/bindings/module.cpp), as Emscripten's glue exposes it. Internal to the package: the public
// API is in index.ts. Every string-returning method returns a JSON envelope, {"ok": value} or {"error": {...}}.

export interface FlushSnapshot {
  size: number;
  storedBlocks: number;
  blockSize: number;
  indexes: Uint32Array;
  bytes: Uint8Array;
  /** Present when the tokens changed: their JSON, or "" when they were cleared. */
  tokens?: string;
  error?: string;
}

export interface RawRequest {
  id: number;
  method: string;
  path: string;
  headers: [string, string][];
  contentType: string;
  body: Uint8Array;
}

export interface RawProfile {
  open(options: string): string;
  close(): void;
  dirty(): boolean;
  beginFlush(): FlushSnapshot | null;
  endFlush(ok: boolean): string;
  generation(): number;
  catalog(filter: string): string;
  guide(itemId: string): string;
  form(itemId: string, version: number): string;
  cacheForm(definition: string): string;
  drafts(): string;
  createDraft(itemId: string, data: string): string;
  deleteDraft(id: string): string;
  submit(draftId: string): string;
  outbox(withPayload: boolean): string;
  outboxItem(id: number): string;
  statusHistory(outboxId: number): string;
  requeue(id: number): string;
  migrateOutboxItem(id: number): string;
  takeEvents(): string;
  eventsSince(seq: number, limit: number): string;
  meta(key: string): string;
  setMeta(key: string, value: string): string;
  poll(): { requests?: RawRequest[]; error?: string };
  onResponse(id: number, status: number, headers: string, body: Uint8Array): string;
  onFailure(id: number, detail: string): string;
  nextWakeup(): number;
  wake(): void;
  syncStatus(): string;
  beginLogin(account: string, password: string): string;
  loginResult(): string;
  logout(): string;
  accessToken(): string;
  delete(): void;
}

export interface RawDraft {
  open(): string;
  view(): string;
  layout(): string;
  data(): string;
  set(pointer: string, value: string): string;
  clear(pointer: string): string;
  addRow(arrayPointer: string, row: string): string;
  removeRow(arrayPointer: string, index: number): string;
  moveRow(arrayPointer: string, from: number, to: number): string;
  attach(pointer: string, bytes: Uint8Array, name: string, mediaType: string): string;
  delete(): void;
}

export interface WangbanModule {
  ProfileHandle: new (file: string) => RawProfile;
  DraftHandle: new (profile: RawProfile, draftId: string) => RawDraft;
  vfsLoad(file: string, size: number, indexes: Uint8Array, bytes: Uint8Array): string;
  vfsForget(file: string): string;
  errorMessage(code: string, args: string): string;
}

export interface ModuleFactoryOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
}

export default function createWangbanModule(options?: ModuleFactoryOptions): Promise<WangbanModule>;
