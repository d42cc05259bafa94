// The data the SDK hands out. Keys are camelCase and instants are milliseconds since the epoch, as in protocol v1;
// text for people is LocalizedText ({"zh-CN", "en"}). The shapes come from wasm/bindings/json_views.cpp and from
// the server (docs/protocol.md): keep them in step.

import type { FieldError, LocalizedText } from './errors.js';

export type Audience = 'citizen' | 'enterprise' | 'both';

export interface CatalogFilter {
  /** citizen also matches items for both audiences. */
  audience?: 'citizen' | 'enterprise';
  /** A department id, or part of its name. */
  department?: string;
  /** In-person visits still needed: 0 (fully online), 1 or 2. */
  visits?: 0 | 1 | 2;
  /** Free text over title, summary, topics and keywords. */
  q?: string;
}

export interface Department {
  id: string;
  name: LocalizedText;
  role: 'lead' | 'parallel';
}

export interface CatalogItem {
  id: string;
  version: number;
  title: LocalizedText;
  summary?: LocalizedText;
  audience: Audience;
  visits: 0 | 1 | 2;
  departments: Department[];
  topics: LocalizedText[];
  keywords: string[];
  timeLimitDays: number;
}

export interface Download {
  fileName: string;
  title: LocalizedText;
  mediaType: string;
  size: number;
  sha256: string;
  /** From the server's root; prefix it with the server URL. */
  url: string;
}

/** The service guide (办事指南): the catalog entry, the ten elements as published, and the blank forms. */
export interface Guide extends CatalogItem {
  guide: Record<string, unknown>;
  downloads: Download[];
}

export interface LayoutField {
  id: string;
  bind: string;
  dataPath: string;
  widget: string;
  label: LocalizedText;
  help: LocalizedText | null;
  placeholder: LocalizedText | null;
  readOnly: boolean;
  options: { value: unknown; label: LocalizedText }[];
  material?: string;
  accept?: { mediaTypes: string[]; maxSizeBytes: number };
}

export interface LayoutSection {
  id: string;
  title: LocalizedText;
  help: LocalizedText | null;
  fields: LayoutField[];
  repeat: { bind: string; addLabel: LocalizedText | null; minRows: number | null; maxRows: number | null } | null;
}

/** A form's pages, sections and fields as loaded: what a page renders. */
export interface FormLayout {
  itemId: string;
  version: number;
  title: LocalizedText;
  pages: { id: string; title: LocalizedText; sections: LayoutSection[] }[];
}

export interface FormDocument {
  /** The definition as published (docs/form-format.md). */
  definition: Record<string, unknown>;
  layout: FormLayout;
}

export interface DraftSummary {
  id: string;
  itemId: string;
  formVersion: number;
  title: LocalizedText;
  completeness: number;
  errorCount: number;
  createdAt: number;
  updatedAt: number;
  revision: number;
}

export interface FieldState {
  id: string;
  /** The concrete JSON Pointer ("/household/2/income"). */
  location: string;
  row: number | null;
  visible: boolean;
  required: boolean;
  readOnly: boolean;
  value: unknown;
  errors: FieldError[];
}

export interface SectionState {
  id: string;
  visible: boolean;
  rows: number;
  minRows: number | null;
  maxRows: number | null;
  errors: FieldError[];
}

export interface ViewSummary {
  errorCount: number;
  complete: boolean;
  /** Visible required fields filled, from 0 to 1. */
  completeness: number;
  requiredTotal: number;
  requiredFilled: number;
}

export interface DraftView extends ViewSummary {
  fields: FieldState[];
  sections: SectionState[];
  formErrors: FieldError[];
}

/**
 * What one edit changed in the draft's view, since the previous change (or since the draft was opened): redraw these
 * fields and sections. Applied to the view the previous change left (`applyChange`), it gives exactly `draft.view()`.
 * An edit costs in proportion to what it changed, not to the size of the form.
 */
export interface DraftChange extends ViewSummary {
  /** The locations the edit touched, cascades (computed values, visibility, required-if) included. */
  locations: string[];
  /**
   * True when `fields` and `sections` list every state (rows were added, removed or moved, or the draft was
   * reloaded): replace the whole view rather than merge.
   */
  full: boolean;
  /** The field states that differ from before, in layout order (every field's state when `full`). */
  fields: FieldState[];
  /** The section states that differ from before (every section's when `full`). */
  sections: SectionState[];
  /** Every error not at a field, now (a short list: always complete). */
  formErrors: FieldError[];
}

export interface AttachmentRef {
  sha256: string;
  name: string;
  size: number;
  mediaType: string;
}

export interface MigrationReport {
  from: number;
  to: number;
  dropped: string[];
  newlyRequired: string[];
}

export type OutboxState = 'queued' | 'sending' | 'accepted' | 'needs_attention';

export interface Receipt {
  caseId: string;
  acceptanceNumber: string;
  [key: string]: unknown;
}

export interface OutboxItem {
  id: number;
  idempotencyKey: string;
  itemId: string;
  formVersion: number;
  title: LocalizedText;
  state: OutboxState;
  /** needs_attention: "rejected", "expired", "sign_in", "version", "superseded". */
  attention: string | null;
  attempts: number;
  nextAttemptAt: number;
  lastError: unknown;
  receipt: Receipt | null;
  attachments: AttachmentRef[];
  createdAt: number;
  updatedAt: number;
  payload?: unknown;
}

export interface StatusEntry {
  seq: number;
  at: number;
  status: string;
  department: string;
  detail: Record<string, unknown>;
}

export interface StoreEvent {
  seq: number;
  at: number;
  /** draft.saved, draft.deleted, outbox.queued, outbox.changed, status.added, form.cached */
  kind: string;
  subject: string;
}

export interface Account {
  id: string;
  kind: 'citizen' | 'enterprise' | 'caseworker' | string;
  displayName: string;
}

export interface SyncStatus {
  signedIn: boolean;
  /** The queue is paused until the person signs in again. */
  needsSignIn: boolean;
  /** The last request failed without an answer. */
  offline: boolean;
  queued: number;
  needsAttention: number;
  accepted: number;
  nextAttemptAt: number | null;
  lastError: string;
  account: Account | null;
  loginPending: boolean;
}

// ---- plain server calls (docs/protocol.md)

export interface Consultation {
  consultationId: string;
  itemId: string;
  question: string;
  askedAt?: number;
  answered?: boolean;
  published?: boolean;
  answer?: string;
  answeredAt?: number;
  answeredBy?: string;
}

export interface AppointmentSlot {
  slotId: string;
  itemId: string;
  location: string;
  startsAt: number;
  endsAt: number;
  capacity: number;
  remaining: number;
}

export interface AppointmentHold {
  holdId: string;
  slotId: string;
  expiresAt: number;
}

export interface Appointment {
  appointmentId: string;
  state: 'booked' | 'cancelled';
  bookedAt: number;
  cancelledAt?: number;
  slot: AppointmentSlot;
}

export interface Rating {
  caseId: string;
  itemId: string;
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  level: 1 | 2 | 3 | 4 | 5;
  levelName: LocalizedText;
  comment: string;
  ratedAt: number;
}

export interface CaseDepartment {
  department: string;
  role: string;
  state: string;
  updatedAt: number;
  name?: LocalizedText;
}

export interface CaseSummary {
  caseId: string;
  acceptanceNumber: string;
  itemId: string;
  formVersion: number;
  state: string;
  submittedAt: number;
  updatedAt: number;
  dueDate: string;
  departments: CaseDepartment[];
  title?: LocalizedText;
  completedAt?: number;
}

export interface CaseEvent {
  seq: number;
  caseId: string;
  at: number;
  kind: string;
  state: string;
  department?: string;
  detail: Record<string, unknown>;
}

export interface ResultDocument {
  resultId: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: number;
  url: string;
}

export interface CaseDetail extends CaseSummary {
  data: Record<string, unknown>;
  attachments: AttachmentRef[];
  events: CaseEvent[];
  results: ResultDocument[];
}
