#!/usr/bin/env node
// The browser package in a real browser (Debian's chromium, headless, driven by playwright-core): the cost of one
// durable save (a draft edit committed to the browser's own IndexedDB on disk), with IndexedDB's durability
// "strict" (the package's default: resolved means flushed to disk) and "relaxed"; in a small and a 4 MB profile.
// It also checks what Node cannot: the module loads over HTTP (application/wasm), navigator.locks keeps a second
// opener out, navigator.storage.persist() answers, and a page reload finds the saved draft.
//   [BIG_FORM_DIR=DIR] node bench/web/browser_save_cost.mjs [SAVES] [PACKAGE_DIR]
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const saves = Number(process.argv[2] ?? 200);
const pkg = path.resolve(process.argv[3] ?? path.join(root, 'build/wasm/sdk-js'));
const catalogDir = path.join(root, 'examples/catalog');
// With BIG_FORM_DIR (from `bench_session --write DIR`): also the per-edit cost on the 1,000-field form in the page.
const bigDir = process.env.BIG_FORM_DIR ?? null;

const page = `<!doctype html><meta charset="utf-8"><title>wangban save cost</title>
<script type="module">
import { openProfile, isWangbanError } from '/sdk/index.js';
function quantile(sorted, f) { return sorted[Math.min(sorted.length - 1, Math.floor(f * sorted.length))]; }
async function definition(id) { return (await fetch('/catalog/' + id + '.json')).json(); }
window.run = async (saves) => {
  const out = {};
  const marriage = await definition('marriage-certificate-reissue');
  const housing = await definition('low-rent-housing');
  for (const durability of ['strict', 'relaxed']) {
    const profile = await openProfile('bench-' + durability, { durability, autoSync: false });
    out.persisted = profile.persisted;
    await profile.cacheForms([housing, marriage]);
    const draft = await profile.newDraft('low-rent-housing');
    await draft.set('/applicant/name', '张三');
    let applied = 0;
    draft.on('change', () => { applied = performance.now(); });
    const measure = async (label) => {
      const times = [], edits = [];
      for (let i = 0; i < saves; i++) {
        const t0 = performance.now();
        await draft.set('/applicant/name', '张三' + i);
        times.push(performance.now() - t0);
        edits.push(applied - t0);
      }
      times.sort((a, b) => a - b);
      edits.sort((a, b) => a - b);
      out[durability + ' ' + label + ', durable'] = { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
      out[durability + ' ' + label + ', applied (wasm edit + SQLite autosave)'] = { p50: quantile(edits, 0.5), p99: quantile(edits, 0.99) };
    };
    await measure('small profile');
    const photo = new Uint8Array(2000000).map((_, i) => (i * 131) & 0xff);
    for (const x of [0, 1]) {
      const d = await profile.newDraft('marriage-certificate-reissue');
      await d.attach('/attachments/jointPhoto', photo.map((b) => b ^ x), { name: 'a.jpg', mediaType: 'image/jpeg' });
    }
    await measure('4 MB profile');
    if (durability === 'strict') {
      try { await openProfile('bench-strict'); out.secondOpener = 'opened (wrong)'; }
      catch (e) { out.secondOpener = isWangbanError(e) ? e.code : String(e); }
      out.draftId = draft.id;
    }
    await profile.close();
  }
  return out;
};
window.bigForm = async (edits) => {
  const definition = await (await fetch('/big/big-form.json')).json();
  const data = await (await fetch('/big/big-data.json')).json();
  const profile = await openProfile('bench-big', { autoSync: false });
  await profile.cacheForms([definition]);
  const draft = await profile.newDraft(definition.id, data);
  let applied = 0;
  draft.on('change', () => { applied = performance.now(); });
  for (let i = 0; i < 30; i++) await draft.set('/s' + (i % 20) + '/f0', '预热' + i);
  const times = [], edits_ = [];
  for (let i = 0; i < edits; i++) {
    const t0 = performance.now();
    await draft.set('/s' + (i % 20) + '/f' + ((i * 7) % 5) * 10, '值' + i);
    times.push(performance.now() - t0);
    edits_.push(applied - t0);
  }
  times.sort((a, b) => a - b);
  edits_.sort((a, b) => a - b);
  await profile.close();
  return { applied: { p50: quantile(edits_, 0.5), p99: quantile(edits_, 0.99) }, durable: { p50: quantile(times, 0.5), p99: quantile(times, 0.99) } };
};
window.reopen = async (id) => {
  const profile = await openProfile('bench-strict', { autoSync: false });
  const d = await profile.openDraft(id);
  const value = d.view().fields.find((f) => f.location === '/applicant/name').value;
  await profile.close();
  return value;
};
window.ready = true;
</script>`;

const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) {
  console.error(`no Chromium at ${chromiumPath}: apt-get install chromium (or set CHROMIUM)`);
  process.exit(2);
}

const types = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  let file = null;
  if (url.pathname === '/' || url.pathname === '/bench.html') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page);
    return;
  }
  if (url.pathname.startsWith('/sdk/')) file = path.join(pkg, 'dist', path.basename(url.pathname));
  if (url.pathname.startsWith('/catalog/')) file = path.join(catalogDir, path.basename(url.pathname));
  if (url.pathname.startsWith('/big/') && bigDir) file = path.join(bigDir, path.basename(url.pathname));
  if (!file || !fs.existsSync(file)) {
    res.writeHead(404);
    res.end();
    return;
  }
  res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' });
  res.end(fs.readFileSync(file));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://localhost:${server.address().port}`;
const userDataDir = fs.mkdtempSync('/tmp/wangban-chromium-');
const browser = await chromium.launchPersistentContext(userDataDir, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const tab = await browser.newPage();
  tab.on('pageerror', (e) => console.error('page error:', e.message));
  await tab.goto(`${base}/bench.html`);
  await tab.waitForFunction(() => window.ready === true);
  const result = await tab.evaluate((n) => window.run(n), saves);
  await tab.reload();
  await tab.waitForFunction(() => window.ready === true);
  const afterReload = await tab.evaluate((id) => window.reopen(id), result.draftId);
  const version = browser.browser()?.version() ?? 'chromium';
  console.log(`machine: ${process.platform}, Chromium ${version} headless, IndexedDB on disk (${userDataDir}), ${saves} saves each`);
  for (const [k, v] of Object.entries(result)) {
    if (v && typeof v === 'object') console.log(`${k}: p50 ${v.p50.toFixed(2)} ms, p99 ${v.p99.toFixed(2)} ms`);
  }
  if (bigDir) {
    const big = await tab.evaluate((n) => window.bigForm(n), saves);
    console.log(`1,000-field form, per edit: applied p50 ${big.applied.p50.toFixed(2)} ms, p99 ${big.applied.p99.toFixed(2)} ms; ` +
      `durable p50 ${big.durable.p50.toFixed(2)} ms, p99 ${big.durable.p99.toFixed(2)} ms`);
  }
  console.log(`navigator.storage.persist(): ${result.persisted}; a second opener: ${result.secondOpener}; after a reload the draft holds "${afterReload}"`);
} finally {
  await browser.close();
  server.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
