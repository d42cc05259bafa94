// WangbanError: every failure the SDK reports carries a stable code from the one table (error_codes.ts, generated
// from core/common/error_codes.def), its number, the arguments of its message, and the message in zh-CN and en.

import { ERROR_CODES, isErrorCode, type ErrorCode } from './error_codes.js';
import type { WangbanModule } from './wangban_wasm.mjs';

export type Lang = 'zh-CN' | 'en';

/** Text for people, in Simplified Chinese and English (en falls back to zh-CN). */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

/** One problem with an answer of a form (JSON Schema or a form rule), at a JSON Pointer into the data. */
export interface FieldError {
  code: ErrorCode;
  number: number;
  keyword: string;
  location: string;
  message: LocalizedText;
}

export interface WangbanErrorInit {
  code: ErrorCode;
  args?: Record<string, string>;
  messages?: LocalizedText;
  pointer?: string;
  status?: number;
  fieldErrors?: FieldError[];
  body?: unknown;
}

export class WangbanError extends Error {
  /** The stable id, e.g. "store.disk_full". Branch on this. */
  readonly code: ErrorCode;
  /** The stable number, e.g. 4001. */
  readonly number: number;
  readonly args: Record<string, string>;
  /** The message in both languages; `message` is the English one. */
  readonly messages: LocalizedText;
  /** Where in a document the problem is (a JSON Pointer), when it is about a place. */
  readonly pointer?: string;
  /** The HTTP status, for errors a server answered. */
  readonly status?: number;
  /** Field errors of an application (submit refused, the server's validation_failed). */
  readonly fieldErrors: FieldError[];
  /** The server's whole error body, when there was one. */
  readonly body?: unknown;

  constructor(init: WangbanErrorInit) {
    const messages = init.messages ?? { 'zh-CN': init.code, en: init.code };
    super(messages.en || messages['zh-CN']);
    this.name = 'WangbanError';
    this.code = init.code;
    this.number = ERROR_CODES[init.code];
    this.args = init.args ?? {};
    this.messages = messages;
    if (init.pointer !== undefined) this.pointer = init.pointer;
    if (init.status !== undefined) this.status = init.status;
    this.fieldErrors = init.fieldErrors ?? [];
    if (init.body !== undefined) this.body = init.body;
  }

  /** The message in a language. */
  text(lang: Lang = 'zh-CN'): string {
    return this.messages[lang] || this.messages['zh-CN'];
  }
}

export function isWangbanError(e: unknown, code?: ErrorCode): e is WangbanError {
  return e instanceof WangbanError && (code === undefined || e.code === code);
}

interface RawError {
  code: string;
  number?: number;
  args?: Record<string, string>;
  message?: LocalizedText;
  pointer?: string;
}

let messageSource: WangbanModule | null = null;

/** The module renders messages from the table (set once it is loaded). */
export function setMessageSource(module: WangbanModule): void {
  messageSource = module;
}

/** An error raised by the SDK itself (network, locks, storage), with its message from the table. */
export function makeError(code: ErrorCode, args: Record<string, string> = {}, extra: Partial<WangbanErrorInit> = {}): WangbanError {
  let messages: LocalizedText | undefined;
  if (messageSource) {
    try {
      const env = JSON.parse(messageSource.errorMessage(code, JSON.stringify(args)));
      if (env.ok) messages = env.ok.message;
    } catch {
      // fall through to the bare code
    }
  }
  if (!messages) {
    const detail = Object.values(args).join(', ');
    messages = { 'zh-CN': detail ? `${code}: ${detail}` : code, en: detail ? `${code}: ${detail}` : code };
  }
  return new WangbanError({ code, args, messages, ...extra });
}

/** An error from the binding's envelope. */
export function fromRaw(raw: RawError): WangbanError {
  const code = isErrorCode(raw.code) ? raw.code : 'internal';
  const init: WangbanErrorInit = { code, args: raw.args ?? {} };
  if (raw.message) init.messages = raw.message;
  if (raw.pointer) init.pointer = raw.pointer;
  return new WangbanError(init);
}

/** Unwraps a binding envelope: its value, or throws its error. */
export function unwrap<T>(envelope: string): T {
  const parsed = JSON.parse(envelope) as { ok?: T; error?: RawError };
  if (parsed.error) throw fromRaw(parsed.error);
  return parsed.ok as T;
}

interface ServerFieldError {
  instancePath?: string;
  code?: string;
  keyword?: string;
  message?: string;
  messages?: Partial<LocalizedText>;
}

/** A protocol-v1 error answer ({"error": {...}, "errors": [...]}) as a WangbanError. */
export function fromServer(status: number, body: unknown): WangbanError {
  const b = (body ?? {}) as { error?: { code?: string; message?: string; messages?: Partial<LocalizedText>; pointer?: string }; errors?: ServerFieldError[] };
  const e = b.error;
  if (!e || typeof e.code !== 'string') {
    if (e && e.code === 'network') return makeError('web.network', { detail: e.message ?? '' });
    return makeError('web.unexpected_response', { status: String(status) }, { status, body });
  }
  if (e.code === 'network') return makeError('web.network', { detail: e.message ?? '' });
  if (!isErrorCode(e.code)) return makeError('web.unexpected_response', { status: String(status) }, { status, body });
  const zh = e.messages?.['zh-CN'] ?? e.message ?? e.code;
  const messages: LocalizedText = { 'zh-CN': zh, en: e.messages?.en ?? zh };
  const fieldErrors: FieldError[] = (b.errors ?? []).map((f) => {
    const code = f.code && isErrorCode(f.code) ? f.code : 'internal';
    const fzh = f.messages?.['zh-CN'] ?? f.message ?? '';
    return { code, number: ERROR_CODES[code], keyword: f.keyword ?? '', location: f.instancePath ?? '', message: { 'zh-CN': fzh, en: f.messages?.en ?? fzh } };
  });
  const init: WangbanErrorInit = { code: e.code, messages, status, fieldErrors, body };
  if (e.pointer) init.pointer = e.pointer;
  return new WangbanError(init);
}
