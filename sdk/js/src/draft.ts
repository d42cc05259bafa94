// A live draft: one person's answers to one form, autosaved. Every edit is applied at once ('change' fires with
// what changed in the view: only the states that differ) and its promise resolves once the edit is durable in IndexedDB; if storage refuses it (a full
// quota), the promise rejects with store.disk_full and 'reset' fires with the draft as it is stored.

import { Emitter } from './emitter.js';
import { makeError, unwrap, WangbanError } from './errors.js';
import type { AttachmentRef, DraftChange, DraftView, FormLayout, MigrationReport, OutboxItem } from './types.js';
import type { LocalizedText } from './errors.js';
import type { RawDraft } from './wangban_wasm.mjs';

/**
 * Brings a view up to date with a change (the next one after that view, from the draft's 'change' event or an edit's
 * promise): the changed fields and sections replace theirs (all of them when `change.full`), and the summary and
 * form-level errors are the change's. Returns a new view; `view` is not modified.
 */
export function applyChange(view: DraftView, change: DraftChange): DraftView {
  let fields = change.fields;
  let sections = change.sections;
  if (!change.full) {
    const byKey = new Map(change.fields.map((f) => [`${f.id}\u0000${f.location}`, f]));
    fields = view.fields.map((f) => byKey.get(`${f.id}\u0000${f.location}`) ?? f);
    const byId = new Map(change.sections.map((s) => [s.id, s]));
    sections = view.sections.map((s) => byId.get(s.id) ?? s);
  }
  return {
    errorCount: change.errorCount,
    complete: change.complete,
    completeness: change.completeness,
    requiredTotal: change.requiredTotal,
    requiredFilled: change.requiredFilled,
    fields,
    sections,
    formErrors: change.formErrors,
  };
}

export interface DraftEvents {
  /**
   * An edit was applied (not yet durable): redraw what it changed — only the field and section states that differ
   * since the previous change (see DraftChange; `applyChange` keeps a whole view up to date).
   */
  change: DraftChange;
  /** An edit is durable. */
  saved: DraftChange;
  /** Storage refused edits and the draft went back to what is stored: redraw everything. */
  reset: DraftView;
  /** The draft was submitted, deleted, or its profile closed. */
  closed: { reason: 'submitted' | 'deleted' | 'profile_closed' };
}

/** @internal What a draft needs from its profile. */
export interface DraftHost {
  persist(): Promise<void>;
  dispatchEvents(): void;
  submitDraft(draftId: string): Promise<OutboxItem>;
  forgetDraft(draft: Draft): void;
  ensureOpen(): void;
}

export interface AttachOptions {
  name: string;
  /** The file's media type, e.g. "image/jpeg" (checked against the material's accepted types). */
  mediaType: string;
}

export type FileBytes = Uint8Array | ArrayBuffer | Blob;

interface OpenInfo {
  id: string;
  itemId: string;
  formVersion: number;
  title: LocalizedText;
  migration: MigrationReport | null;
}

export class Draft extends Emitter<DraftEvents> {
  readonly id: string;
  readonly itemId: string;
  readonly formVersion: number;
  readonly title: LocalizedText;
  /** Set when the draft was moved to a newer version of its form: answers dropped, fields newly required. */
  readonly migration: MigrationReport | null;
  private closedReason: DraftEvents['closed']['reason'] | null = null;
  private cachedLayout: FormLayout | null = null;

  /** @internal */
  constructor(private readonly raw: RawDraft, private readonly host: DraftHost) {
    super();
    const info = unwrap<OpenInfo>(raw.open());
    this.id = info.id;
    this.itemId = info.itemId;
    this.formVersion = info.formVersion;
    this.title = info.title;
    this.migration = info.migration;
  }

  get closed(): boolean {
    return this.closedReason !== null;
  }

  /** The form's pages, sections and fields (labels, widgets, options, repeat groups). */
  layout(): FormLayout {
    this.check();
    if (!this.cachedLayout) this.cachedLayout = unwrap<FormLayout>(this.raw.layout());
    return this.cachedLayout;
  }

  /** Every field's state now: visibility, required, value, errors; the sections; the summary. */
  view(): DraftView {
    this.check();
    return unwrap<DraftView>(this.raw.view());
  }

  /** Everything entered (hidden answers included), and what would be submitted (hidden answers removed). */
  data(): { data: Record<string, unknown>; submission: Record<string, unknown> } {
    this.check();
    return unwrap(this.raw.data());
  }

  /** Sets the answer at a JSON Pointer ("/applicant/name"). Rejects with fill.read_only, fill.bad_location, ... */
  set(pointer: string, value: unknown): Promise<DraftChange> {
    return this.edit(() => this.raw.set(pointer, JSON.stringify(value ?? null)));
  }

  clear(pointer: string): Promise<DraftChange> {
    return this.edit(() => this.raw.clear(pointer));
  }

  /** Adds a row to a repeat group; the change's `row` is its index. */
  addRow(arrayPointer: string, row: Record<string, unknown> = {}): Promise<DraftChange & { row: number }> {
    return this.edit(() => this.raw.addRow(arrayPointer, JSON.stringify(row))) as Promise<DraftChange & { row: number }>;
  }

  removeRow(arrayPointer: string, index: number): Promise<DraftChange> {
    return this.edit(() => this.raw.removeRow(arrayPointer, index));
  }

  moveRow(arrayPointer: string, from: number, to: number): Promise<DraftChange> {
    return this.edit(() => this.raw.moveRow(arrayPointer, from, to));
  }

  /** Stores a file for an attachment field (checked against the material's limits) and refers to it there. */
  async attach(pointer: string, file: FileBytes, options: AttachOptions): Promise<DraftChange & { attachment: AttachmentRef }> {
    this.check();
    const bytes = file instanceof Uint8Array ? file
      : file instanceof ArrayBuffer ? new Uint8Array(file)
      : new Uint8Array(await file.arrayBuffer());
    return this.edit(() => this.raw.attach(pointer, bytes, options.name, options.mediaType)) as Promise<DraftChange & { attachment: AttachmentRef }>;
  }

  /** Validates the whole draft and queues it for sending (see Profile.submit). The draft is closed after. */
  submit(): Promise<OutboxItem> {
    this.check();
    return this.host.submitDraft(this.id);
  }

  /** Releases the draft's memory (its data stays stored). */
  close(): void {
    this.markClosed('profile_closed', false);
  }

  /** @internal */
  markClosed(reason: DraftEvents['closed']['reason'], notify = true): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    this.raw.delete();
    this.host.forgetDraft(this);
    if (notify) this.emit('closed', { reason });
  }

  /** @internal After storage refused changes: show the stored state. */
  resync(): void {
    if (this.closedReason) return;
    try {
      this.emit('reset', this.view());
    } catch (e) {
      if (e instanceof WangbanError && e.code === 'store.no_such_draft') this.markClosed('deleted');
    }
  }

  private check(): void {
    this.host.ensureOpen();
    if (this.closedReason) throw makeError('store.no_such_draft', { id: this.id });
  }

  private async edit(apply: () => string): Promise<DraftChange> {
    this.check();
    const change = unwrap<DraftChange>(apply());
    this.emit('change', change);
    this.host.dispatchEvents();
    await this.host.persist();
    this.emit('saved', change);
    return change;
  }
}
