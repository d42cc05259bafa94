// Prepares the ingest benchmark against a running wangban-server: signs in as the demo citizen, uploads the
// attachments the sample application needs (fresh bytes, so their hashes are ours), and writes the submission
// body (about 2 KB) to the given file. Prints the access token.   node prepare.mjs BASE_URL ITEM BODY_FILE
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [base, item, bodyFile] = process.argv.slice(2);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const example = JSON.parse(fs.readFileSync(path.join(root, `examples/catalog/${item}.example.json`), 'utf8'));
const form = JSON.parse(fs.readFileSync(path.join(root, `examples/catalog/${item}.json`), 'utf8'));

async function call(method, url, { token, json, body, headers = {} } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  if (json !== undefined) { h['Content-Type'] = 'application/json'; body = JSON.stringify(json); }
  const res = await fetch(base + url, { method, headers: h, body });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

const login = await call('POST', '/v1/auth/login', { json: { account: '11010519491231002X', password: 'wangban-demo' } });
const token = login.accessToken;

async function replaceAttachments(node) {
  if (Array.isArray(node)) { for (const v of node) await replaceAttachments(v); return; }
  if (!node || typeof node !== 'object') return;
  if (typeof node.sha256 === 'string' && typeof node.size === 'number') {
    const bytes = crypto.randomBytes(Math.min(node.size, 64 * 1024));
    node.sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    node.size = bytes.length;
    const up = await call('POST', '/v1/uploads', { token, json: { sha256: node.sha256, size: node.size, mediaType: node.mediaType, name: node.name } });
    if (!up.complete)
      await call('PATCH', `/v1/uploads/${up.uploadId}`, { token, body: bytes, headers: { 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' } });
    return;
  }
  for (const v of Object.values(node)) await replaceAttachments(v);
}
await replaceAttachments(example);
const body = JSON.stringify({ itemId: form.id, formVersion: form.version, data: example });
fs.writeFileSync(bodyFile, body);
// One submission by hand, so a broken body fails here rather than as 100% errors under wrk.
await call('POST', '/v1/submissions', { token, body, headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `prepare-${Date.now()}` } });
process.stdout.write(token);
