#!/usr/bin/env node
// Cost of one durable save in the browser package: a draft edit (core/session + the SQLite autosave in wasm) and
// its flush to IndexedDB (the changed 4 KiB blocks in one transaction), measured from the JavaScript side under
// Node with fake-indexeddb. Also counts what each save writes, against what IDBFS (Emscripten's whole-file
// syncfs) would write for the same database.
//   node bench/web/save_cost.mjs [SAVES] [PACKAGE_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const saves = Number(process.argv[2] ?? 300);
const pkg = path.resolve(process.argv[3] ?? path.join(root, 'build/wasm/sdk-js'));
const sdk = await import(pathToFileURL(path.join(pkg, 'dist/index.js')).href);

let puts = 0;
let putBytes = 0;
const realPut = IDBObjectStore.prototype.put;
IDBObjectStore.prototype.put = function put(value, key) {
  puts += 1;
  putBytes += value instanceof ArrayBuffer ? value.byteLength : 0;
  return realPut.call(this, value, key);
};

const indexedDB = new IDBFactory();
const profile = await sdk.openProfile('bench', { indexedDB, autoSync: false });
const definitions = fs.readdirSync(path.join(root, 'examples/catalog')).filter((f) => f.endsWith('.json') && !f.endsWith('.example.json'));
await profile.cacheForms(definitions.map((f) => JSON.parse(fs.readFileSync(path.join(root, 'examples/catalog', f), 'utf8'))));
const item = 'low-rent-housing';
const example = JSON.parse(fs.readFileSync(path.join(root, 'examples/catalog', `${item}.example.json`), 'utf8'));
const draft = await profile.newDraft(item);
for (const [k, v] of Object.entries(example)) {
  if (k === 'attachments') continue;
  await draft.set(`/${k}`, v).catch((e) => { if (e.code !== 'fill.read_only') throw e; });  // computed: not set by hand
}

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function measure(label, edit) {
  const times = [];
  puts = 0;
  putBytes = 0;
  for (let i = 0; i < saves; i++) {
    const t0 = performance.now();
    await edit(i);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const blockPuts = putBytes / 4096;
  console.log(`${label}: p50 ${quantile(times, 0.5).toFixed(2)} ms, p99 ${quantile(times, 0.99).toFixed(2)} ms; ` +
    `${(blockPuts / saves).toFixed(1)} blocks (${(putBytes / saves / 1024).toFixed(1)} KB) written per save`);
}

// The database's size now, from what storage holds (the blocks).
async function storedBytes() {
  const db = await new Promise((resolve, reject) => {
    const r = indexedDB.open('wangban-profile:bench');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const size = await new Promise((resolve) => {
    const r = db.transaction('meta').objectStore('meta').get('size');
    r.onsuccess = () => resolve(r.result);
  });
  db.close();
  return size;
}

console.log(`machine: Node ${process.version}, fake-indexeddb (in memory): this measures the SDK's own work, not a disk`);
await measure('draft edit + durable save (set one field)', (i) => draft.set('/applicant/name', `张三${i}`));
let size = await storedBytes();
console.log(`profile database: ${(size / 1024).toFixed(0)} KB; IDBFS would write the whole file on every save (${(size / 1024).toFixed(0)} KB)`);
// A larger profile: 4 MB of attachments in the same database; an edit still writes only its blocks.
const big = await profile.newDraft('marriage-certificate-reissue');
const photo = new Uint8Array(2_000_000).map((_, i) => (i * 131) & 0xff);
await big.attach('/attachments/jointPhoto', photo, { name: 'a.jpg', mediaType: 'image/jpeg' });
const other = await profile.newDraft('marriage-certificate-reissue');
await other.attach('/attachments/jointPhoto', photo.map((b) => b ^ 1), { name: 'b.jpg', mediaType: 'image/jpeg' });
await measure('the same, in a 4 MB profile', (i) => draft.set('/applicant/name', `李四${i}`));
size = await storedBytes();
console.log(`profile database: ${(size / 1024).toFixed(0)} KB; IDBFS would write the whole file on every save (${(size / 1024).toFixed(0)} KB)`);
await profile.close();
