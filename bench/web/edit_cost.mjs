#!/usr/bin/env node
// Per-edit cost of a live draft through the browser package, on the 1,000-field form with 300 rules (the same form
// as bench/session): "applied" is when draft.on('change') fires (the edit re-evaluated, autosaved in SQLite, the
// change serialised for the page), "durable" when draft.set() resolves (its blocks committed to IndexedDB).
// Node with fake-indexeddb.
//   build/native/bin/bench_session --edits 1 --write DIR        (writes DIR/big-form.json and DIR/big-data.json)
//   node bench/web/edit_cost.mjs DIR [EDITS] [PACKAGE_DIR]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IDBFactory } from 'fake-indexeddb';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = process.argv[2];
if (!dir) {
  console.error('usage: edit_cost.mjs FORM_DIR [EDITS] [PACKAGE_DIR]');
  process.exit(2);
}
const edits = Number(process.argv[3] ?? 300);
const pkg = path.resolve(process.argv[4] ?? path.join(root, 'build/wasm/sdk-js'));
const sdk = await import(pathToFileURL(path.join(pkg, 'dist/index.js')).href);
const definition = JSON.parse(fs.readFileSync(path.join(dir, 'big-form.json'), 'utf8'));
const data = JSON.parse(fs.readFileSync(path.join(dir, 'big-data.json'), 'utf8'));

const profile = await sdk.openProfile('edit-cost', { indexedDB: new IDBFactory(), autoSync: false });
await profile.cacheForms([definition]);
let t0 = performance.now();
const draft = await profile.newDraft(definition.id, data);
const opened = performance.now() - t0;
t0 = performance.now();
const view = draft.view();
const viewed = performance.now() - t0;
let applied = 0;
draft.on('change', () => { applied = performance.now(); });
// Warm-up (the engine compiles the hot wasm functions with its optimising tier), then the measured edits.
for (let i = 0; i < 30; i++) await draft.set(`/s${i % 20}/f0`, `预热${i}`);
const apply = [], durable = [];
for (let i = 0; i < edits; i++) {
  const s = i % 20, f = ((i * 7) % 5) * 10;  // text fields of the 20 sections, in turn
  const t = performance.now();
  await draft.set(`/s${s}/f${f}`, `值${i}`);
  durable.push(performance.now() - t);
  apply.push(applied - t);
}
const q = (a, x) => [...a].sort((m, n) => m - n)[Math.min(a.length - 1, Math.floor(x * a.length))].toFixed(2);
console.log(`${view.fields.length} field states; new draft with data ${opened.toFixed(0)} ms; whole view ${viewed.toFixed(1)} ms; ` +
  `${edits} edits: applied p50 ${q(apply, 0.5)} / p99 ${q(apply, 0.99)} ms, durable p50 ${q(durable, 0.5)} / p99 ${q(durable, 0.99)} ms`);
await profile.close();
