// The plain server calls: consultations (在线咨询), appointments (预约), ratings (好差评) and the applicant's cases
// (我的办件). They need the network (nothing is queued); the authenticated ones use the profile's sign-in and let the
// sync engine refresh the access token when it is about to expire.

import { fromServer, makeError, type Lang } from './errors.js';
import type { FetchLike } from './transport.js';
import type {
  Appointment, AppointmentHold, AppointmentSlot, AttachmentRef, CaseDetail, CaseSummary, Consultation, Rating,
} from './types.js';

/** @internal What the calls need from the profile. */
export interface ServiceHost {
  baseUrl(): string | null;
  fetch(): FetchLike;
  lang(): Lang;
  /** A usable access token (refreshed through the engine when needed), or an auth error. */
  accessToken(forceRefresh: boolean): Promise<string>;
}

interface CallOptions {
  auth?: boolean;
  json?: unknown;
  /** Bytes to send as they are (with `headers` saying what they are). */
  body?: Uint8Array;
  headers?: Record<string, string>;
  /** Resolve with the Response itself (any status the server answered without an error body is still an error). */
  raw?: boolean;
}

/** @internal */
export class ServerCalls {
  constructor(private readonly host: ServiceHost) {}

  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const server = this.host.baseUrl();
    if (!server) throw makeError('web.no_server');
    let token = options.auth ? await this.host.accessToken(false) : '';
    for (let attempt = 0; ; ++attempt) {
      const headers: Record<string, string> = { 'Accept-Language': this.host.lang(), ...(options.headers ?? {}) };
      if (token) headers.Authorization = `Bearer ${token}`;
      const init: RequestInit = { method, headers, cache: 'no-store' };
      if (options.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(options.json);
      } else if (options.body) {
        init.body = options.body as unknown as BodyInit;
      }
      let res: Response;
      try {
        res = await this.host.fetch()(server.replace(/\/+$/, '') + path, init);
      } catch (e) {
        throw makeError('web.network', { detail: (e as Error)?.message ?? String(e) });
      }
      // A token the server no longer takes (revoked, or the clock is off): refresh once through the engine.
      if (res.status === 401 && options.auth && attempt === 0) {
        const fresh = await this.host.accessToken(true);
        if (fresh !== token) {
          token = fresh;
          continue;
        }
      }
      if (options.raw && res.ok) return res as unknown as T;
      const text = await res.text();
      let body: unknown = null;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          body = null;
        }
      }
      if (!res.ok) throw fromServer(res.status, body);
      return body as T;
    }
  }
}

export class Consultations {
  /** @internal */
  constructor(private readonly calls: ServerCalls) {}
  /** Asks a question about a service item (signed in). */
  ask(itemId: string, question: string): Promise<Consultation> {
    return this.calls.call('POST', '/v1/consultations', { auth: true, json: { itemId, question } });
  }
  /** The questions this account asked, with their answers. */
  async list(): Promise<Consultation[]> {
    return (await this.calls.call<{ consultations: Consultation[] }>('GET', '/v1/consultations', { auth: true })).consultations;
  }
  get(consultationId: string): Promise<Consultation> {
    return this.calls.call('GET', `/v1/consultations/${encodeURIComponent(consultationId)}`, { auth: true });
  }
  /** The item's published questions and answers (public: no sign-in). */
  async faq(itemId: string): Promise<Consultation[]> {
    return (await this.calls.call<{ consultations: Consultation[] }>('GET', `/v1/forms/${encodeURIComponent(itemId)}/consultations`)).consultations;
  }
}

export interface SlotQuery {
  itemId?: string;
  from?: number;
  to?: number;
}

export class Appointments {
  /** @internal */
  constructor(private readonly calls: ServerCalls) {}
  /** Open slots (public), by default those not yet started. */
  async slots(query: SlotQuery = {}): Promise<AppointmentSlot[]> {
    const q = new URLSearchParams();
    if (query.itemId) q.set('itemId', query.itemId);
    if (query.from !== undefined) q.set('from', String(query.from));
    if (query.to !== undefined) q.set('to', String(query.to));
    const s = q.toString();
    return (await this.calls.call<{ slots: AppointmentSlot[] }>('GET', `/v1/appointment-slots${s ? `?${s}` : ''}`)).slots;
  }
  /** Holds a place in a slot for a few minutes, to be confirmed with book(). */
  hold(slotId: string): Promise<AppointmentHold> {
    return this.calls.call('POST', '/v1/appointments/holds', { auth: true, json: { slotId } });
  }
  /** Confirms a hold (repeating it is harmless: the same appointment comes back). */
  book(holdId: string): Promise<Appointment> {
    return this.calls.call('POST', '/v1/appointments', { auth: true, json: { holdId } });
  }
  async list(): Promise<Appointment[]> {
    return (await this.calls.call<{ appointments: Appointment[] }>('GET', '/v1/appointments', { auth: true })).appointments;
  }
  get(appointmentId: string): Promise<Appointment> {
    return this.calls.call('GET', `/v1/appointments/${encodeURIComponent(appointmentId)}`, { auth: true });
  }
  async cancel(appointmentId: string): Promise<void> {
    await this.calls.call('DELETE', `/v1/appointments/${encodeURIComponent(appointmentId)}`, { auth: true });
  }
}

export class Ratings {
  /** @internal */
  constructor(private readonly calls: ServerCalls) {}
  /** Rates a completed case from 1 (very dissatisfied) to 5 (very satisfied), once. */
  rate(caseId: string, level: 1 | 2 | 3 | 4 | 5, comment?: string): Promise<Rating> {
    const json: { level: number; comment?: string } = { level };
    if (comment !== undefined) json.comment = comment;
    return this.calls.call('POST', `/v1/cases/${encodeURIComponent(caseId)}/rating`, { auth: true, json });
  }
  get(caseId: string): Promise<Rating> {
    return this.calls.call('GET', `/v1/cases/${encodeURIComponent(caseId)}/rating`, { auth: true });
  }
}

export interface SupplementInput {
  /** The corrected answers: a JSON merge patch over the case's data. */
  data?: Record<string, unknown>;
  note?: string;
}

export class Cases {
  /** @internal */
  constructor(private readonly calls: ServerCalls) {}
  /** This account's cases, newest first, a page at a time. */
  list(options: { cursor?: string; limit?: number } = {}): Promise<{ cases: CaseSummary[]; nextCursor: string | null }> {
    const q = new URLSearchParams();
    if (options.cursor) q.set('cursor', options.cursor);
    if (options.limit) q.set('limit', String(options.limit));
    const s = q.toString();
    return this.calls.call('GET', `/v1/cases${s ? `?${s}` : ''}`, { auth: true });
  }
  /** One case: its answers, attachments, timeline and result documents. */
  get(caseId: string): Promise<CaseDetail> {
    return this.calls.call('GET', `/v1/cases/${encodeURIComponent(caseId)}`, { auth: true });
  }
  /** Supplies what a department asked for (补正). */
  supplement(caseId: string, input: SupplementInput): Promise<unknown> {
    return this.calls.call('POST', `/v1/cases/${encodeURIComponent(caseId)}/supplements`, { auth: true, json: input });
  }
  /** Downloads a result document. */
  async result(caseId: string, resultId: string): Promise<{ bytes: Uint8Array; mediaType: string }> {
    const res = await this.calls.call<Response>('GET', `/v1/cases/${encodeURIComponent(caseId)}/results/${encodeURIComponent(resultId)}`,
      { auth: true, raw: true });
    return { bytes: new Uint8Array(await res.arrayBuffer()), mediaType: res.headers.get('content-type') ?? '' };
  }
}

export interface UploadOptions {
  name: string;
  mediaType: string;
  /** Called as the server confirms each chunk. */
  onProgress?: (sent: number, size: number) => void;
  /** Bytes per request (default 1 MiB, as the sync engine). */
  chunkBytes?: number;
}

/**
 * Direct uploads, for what is sent while online outside the outbox: the files of a supplement (补正). (Files of an
 * application are uploaded by the sync engine with the application, resumably, even across reloads.)
 */
export class Uploads {
  /** @internal */
  constructor(private readonly calls: ServerCalls) {}

  /** Uploads a file (resuming where the server stands) and returns the reference to put in the data. */
  async upload(file: Uint8Array | ArrayBuffer | Blob, options: UploadOptions): Promise<AttachmentRef> {
    const bytes = file instanceof Uint8Array ? file : file instanceof ArrayBuffer ? new Uint8Array(file) : new Uint8Array(await file.arrayBuffer());
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as unknown as BufferSource));
    const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
    const ref: AttachmentRef = { sha256, name: options.name, size: bytes.length, mediaType: options.mediaType };
    const created = await this.calls.call<{ uploadId: string; offset: number; complete: boolean }>('POST', '/v1/uploads',
      { auth: true, json: ref });
    let offset = created.complete ? bytes.length : created.offset;
    options.onProgress?.(offset, bytes.length);
    const chunk = options.chunkBytes ?? 1 << 20;
    for (let guard = 0; offset < bytes.length && guard < 100_000; ++guard) {
      try {
        const res = await this.calls.call<Response>('PATCH', `/v1/uploads/${encodeURIComponent(created.uploadId)}`, {
          auth: true, raw: true, body: bytes.subarray(offset, offset + chunk),
          headers: { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) },
        });
        offset = Number(res.headers.get('Upload-Offset') ?? offset + chunk);
      } catch (e) {
        // The server holds a different offset (a chunk sent twice, another tab): continue from where it is.
        const at = (e as { code?: string; body?: { error?: unknown } }).code === 'protocol.upload_offset_mismatch'
          ? await this.offsetOf(created.uploadId) : null;
        if (at === null) throw e;
        offset = at;
      }
      options.onProgress?.(offset, bytes.length);
    }
    return ref;
  }

  private async offsetOf(uploadId: string): Promise<number> {
    const u = await this.calls.call<{ offset: number }>('GET', `/v1/uploads/${encodeURIComponent(uploadId)}`, { auth: true });
    return u.offset;
  }
}
