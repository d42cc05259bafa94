#!/usr/bin/env node
// Transfer size of the browser package: every file a page loads (dist/*.js and the .wasm), raw and gzip -9
// (what a server sends with Content-Encoding: gzip), and brotli for reference.
//   node bench/web/transfer_size.mjs [PACKAGE_DIR]      (default build/wasm/sdk-js)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = path.resolve(process.argv[2] ?? path.join(root, 'build/wasm/sdk-js'));
const dist = path.join(pkg, 'dist');
const files = fs.readdirSync(dist).filter((f) => (f.endsWith('.js') || f.endsWith('.mjs') || f.endsWith('.wasm'))).sort();
const kb = (n) => (n / 1024).toFixed(1);
let raw = 0, gz = 0, br = 0;
const rows = [];
for (const f of files) {
  const bytes = fs.readFileSync(path.join(dist, f));
  const g = zlib.gzipSync(bytes, { level: 9 }).length;
  const b = zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  raw += bytes.length; gz += g; br += b;
  rows.push([f, bytes.length, g, b]);
}
const wasm = rows.filter((r) => r[0].endsWith('.wasm'));
const js = rows.filter((r) => !r[0].endsWith('.wasm'));
const sum = (rs, i) => rs.reduce((a, r) => a + r[i], 0);
console.log(`package: ${pkg}`);
console.log('file'.padEnd(28), 'raw KB'.padStart(9), 'gzip KB'.padStart(9), 'brotli KB'.padStart(10));
for (const [f, r, g, b] of rows) console.log(f.padEnd(28), kb(r).padStart(9), kb(g).padStart(9), kb(b).padStart(10));
console.log('wasm'.padEnd(28), kb(sum(wasm, 1)).padStart(9), kb(sum(wasm, 2)).padStart(9), kb(sum(wasm, 3)).padStart(10));
console.log('js (glue + SDK)'.padEnd(28), kb(sum(js, 1)).padStart(9), kb(sum(js, 2)).padStart(9), kb(sum(js, 3)).padStart(10));
console.log('total'.padEnd(28), kb(raw).padStart(9), kb(gz).padStart(9), kb(br).padStart(10));
console.log(`bar: gzip total <= 600 KB: ${gz / 1024 <= 600 ? 'met' : 'NOT met'} (${kb(gz)} KB)`);
