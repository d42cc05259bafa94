// Sends the sync engine's requests with fetch(). The engine decides what to send and when; this only moves bytes
// and reports either a response (any status) or a failure without one (network down, timeout).

import type { RawRequest } from './wangban_wasm.mjs';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export type TransportResult =
  | { status: number; headers: [string, string][]; body: Uint8Array }
  | { failure: string };

export class FetchTransport {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: FetchLike = (input, init) => fetch(input, init),
    private readonly timeoutMs = 30_000,
  ) {}

  async send(req: RawRequest): Promise<TransportResult> {
    const headers: Record<string, string> = {};
    for (const [k, v] of req.headers) headers[k] = v;
    if (req.contentType) headers['Content-Type'] = req.contentType;
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = setTimeout(() => controller?.abort(), this.timeoutMs);
    try {
      const init: RequestInit = { method: req.method, headers, cache: 'no-store', redirect: 'follow' };
      if (controller) init.signal = controller.signal;
      if (req.method !== 'GET' && req.method !== 'HEAD') init.body = req.body as unknown as BodyInit;
      const res = await this.fetchImpl(this.baseUrl.replace(/\/+$/, '') + req.path, init);
      const body = new Uint8Array(await res.arrayBuffer());
      const pairs: [string, string][] = [];
      res.headers.forEach((value, key) => pairs.push([key, value]));
      return { status: res.status, headers: pairs, body };
    } catch (e) {
      const err = e as { name?: string; message?: string };
      return { failure: err?.name === 'AbortError' ? 'timeout' : err?.message || String(e) };
    } finally {
      clearTimeout(timer);
    }
  }
}
