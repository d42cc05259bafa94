// The plain server calls: consultations (在线咨询), appointments (预约), ratings (好差评) and the applicant's cases
// (我的办件). They need the network (nothing is queued); the authenticated ones use the profile's sign-in and let the
// sync engine refresh the access token when it is about to expire.

import { fromServer, makeError, type Lang } from './errors.js';
import type { FetchLike } from './transport.js';
import type {
  Appointment, AppointmentHold, AppointmentSlot, CaseDetail, CaseSummary, Consultation, Rating,
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
      const headers: Record<string, string> = { 'Accept-Language': this.host.lang() };
      if (token) headers.Authorization = `Bearer ${token}`;
      const init: RequestInit = { method, headers, cache: 'no-store' };
      if (options.json !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(options.json);
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
