// The protocol test harness: reads docs/openapi.yaml, starts the real wangban-server, and validates every response
// seen during a tour against the documented status codes and JSON schemas (ajv, JSON Schema 2020-12 as OpenAPI
// 3.1 specifies). It also records which documented operations the tour exercised.

import { launchServer } from '../support/server_process.mjs';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import Ajv2020Module from 'ajv/dist/2020.js';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const serverBin = process.env.WANGBAN_SERVER ?? path.join(root, 'build/native/bin/wangban-server');
export const doc = YAML.parse(fs.readFileSync(path.join(root, 'docs/openapi.yaml'), 'utf8'));

const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(doc, 'openapi');
const validators = new Map();

function pointerEscape(s) { return s.replaceAll('~', '~0').replaceAll('/', '~1'); }

function deref(obj) {
  // OpenAPI-level $refs (responses, parameters) are resolved here; schema $refs are ajv's.
  while (obj && obj.$ref) {
    const parts = obj.$ref.replace(/^#\//, '').split('/').map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
    obj = parts.reduce((o, k) => o?.[k], doc);
  }
  return obj;
}

export function operations() {
  const out = [];
  for (const [p, item] of Object.entries(doc.paths ?? {}))
    for (const m of ['get', 'post', 'put', 'patch', 'delete', 'head'])
      if (item[m]) out.push({ method: m, path: p });
  return out;
}

export function servedRoutes() {
  return JSON.parse(execFileSync(serverBin, ['routes'], { encoding: 'utf8' }));
}

function templateRegex(p) {
  return new RegExp('^' + p.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$');
}

function findOperation(method, urlPath) {
  const m = method.toLowerCase();
  // Prefer the most specific template (fewest parameters) when several match.
  const candidates = Object.keys(doc.paths).filter((p) => doc.paths[p][m] && templateRegex(p).test(urlPath));
  candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0));
  return candidates.length ? { template: candidates[0], op: doc.paths[candidates[0]][m] } : null;
}

export class Tour {
  constructor(baseUrl) {
    this.baseUrl = baseUrl;
    this.exercised = new Set();
    this.problems = [];
  }

  // Sends a request and checks the response against the document. Returns {status, headers, body, raw}.
  async call(method, urlPath, { token, json, body, headers = {} } = {}) {
    const h = { ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    let payload = body;
    if (json !== undefined) {
      h['Content-Type'] = 'application/json';
      payload = JSON.stringify(json);
    }
    const res = await fetch(this.baseUrl + urlPath, { method, headers: h, body: payload });
    const raw = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    let parsed = null;
    if (type.startsWith('application/json') && raw.length) parsed = JSON.parse(raw.toString('utf8'));
    this.check(method, urlPath.split('?')[0], res.status, type, parsed, res.headers);
    return { status: res.status, headers: res.headers, body: parsed, raw };
  }

  check(method, urlPath, status, type, body, headers) {
    const where = `${method} ${urlPath} → ${status}`;
    const found = findOperation(method, urlPath);
    if (!found) {
      this.problems.push(`${where}: no documented operation`);
      return;
    }
    const key = `${method.toLowerCase()} ${found.template}`;
    this.exercised.add(key);
    const response = deref(found.op.responses?.[String(status)]);
    if (!response) {
      this.problems.push(`${where}: status ${status} is not documented for ${key}`);
      return;
    }
    for (const [name, header] of Object.entries(response.headers ?? {}))
      if (deref(header).required && !headers?.has(name)) this.problems.push(`${where}: the ${name} header is missing`);
    // A HEAD response has no body, whatever the GET's would be.
    if (method.toUpperCase() === 'HEAD') return;
    const jsonContent = response.content?.['application/json'];
    if (!jsonContent?.schema) return;
    if (!type.startsWith('application/json')) {
      this.problems.push(`${where}: documented as JSON, got ${type || 'no body'}`);
      return;
    }
    const statusKey = String(status);
    const ref = found.op.responses[statusKey].$ref;
    const pointer = ref
      ? `openapi${ref}/content/application~1json/schema`
      : `openapi#/paths/${pointerEscape(found.template)}/${method.toLowerCase()}/responses/${statusKey}/content/application~1json/schema`;
    let validate = validators.get(pointer);
    if (!validate) {
      validate = ajv.getSchema(pointer);
      validators.set(pointer, validate);
    }
    if (!validate) {
      this.problems.push(`${where}: schema ${pointer} not found`);
      return;
    }
    if (!validate(body)) this.problems.push(`${where}: body does not match ${pointer}: ${ajv.errorsText(validate.errors)}`);
  }
}

// Starts wangban-server on a free port over a fresh data folder. Returns {url, dataDir, stop()}.
export async function startServer(extraArgs = []) {
  const { child, url, dataDir, log } = await launchServer(serverBin, { prefix: 'wangban-protocol-', args: extraArgs });
  return {
    url,
    dataDir,
    log,
    async stop() {
      const done = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));
      child.kill('SIGTERM');
      const result = await done;
      fs.rmSync(dataDir, { recursive: true, force: true });
      return result;
    },
  };
}
