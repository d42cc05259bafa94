// The portal's speed in headless Chromium (docs/BENCHMARKS.md, "web portal"):
//  1. cold start, offline, with a warm service worker: from navigation to an interactive form (a stored draft
//     drawn, its inputs ready), (a) in a new browser process over a profile directory whose service worker and
//     IndexedDB were filled by an earlier online visit, (b) in a new tab of a running browser;
//  2. per edit on the 1,000-field benchmark form (bench/session/big_form.cpp: 980 fields with two 50-row repeat
//     groups, 300 rules) inside the page: an input event, through the core's incremental re-evaluation, to the
//     page's DOM updated and laid out (split: to the SDK's change event, to the page's drawing done, before the
//     layout), and how long until each edit is durable in IndexedDB.
// Usage: node bench/web/portal_speed.mjs --big-form FILE [--runs 15] [--edits 1000]
//   (bench/web/run builds what it needs and passes the form.)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, CITIZEN, PASSWORD, serverBin } from '../../tests/web/helpers.mjs';

const args = process.argv.slice(2);
const opt = (n, d) => (args.includes(n) ? args[args.indexOf(n) + 1] : d);
const runs = Number(opt('--runs', 15));
const edits = Number(opt('--edits', 1000));
const bigForm = opt('--big-form', null);
if (!bigForm) throw new Error('--big-form FILE (bench_session --write DIR writes big-form.json)');

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const stats = (xs) => ({ n: xs.length, p50: +pct(xs, 50).toFixed(2), p90: +pct(xs, 90).toFixed(2), p99: +pct(xs, 99).toFixed(2), max: +Math.max(...xs).toFixed(2) });

const server = await startServer();
// The big form is published like any new item, before the portal caches the catalog.
execFileSync(serverBin, ['forms', 'publish', '--data', server.dataDir, bigForm], { stdio: 'pipe' });
const userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangban-bench-chromium-'));
const out = {};

async function untilInteractive(page) {
  await page.waitForSelector('form.application input');
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') !== 'true' && performance.getEntriesByName('wangban:rendered').length);
  return page.evaluate(() => performance.getEntriesByName('wangban:rendered').at(-1).startTime);
}

try {
  // The online visit: service worker installed, signed in, a draft stored.
  let ctx = await chromium.launchPersistentContext(userDir, { executablePath: '/usr/bin/chromium', args: FLAGS, viewport: { width: 1100, height: 900 } });
  let page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto(server.url + '/#/signin');
  await page.waitForSelector('html[data-ready]');
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.fill('#account', CITIZEN);
  await page.fill('#password', PASSWORD);
  await page.click('form button[type=submit]');
  await page.waitForFunction(() => !location.hash.startsWith('#/signin'));
  await page.evaluate(() => { location.hash = '#/apply/low-rent-housing'; });
  await page.waitForSelector('form.application');
  const draftUrl = page.url().split('?')[0];
  await page.fill('[data-location="/applicant/name"] input', '张三');
  await page.waitForFunction(() => /已自动保存/.test(document.querySelector('.save-state')?.textContent ?? ''));
  await page.close();
  await ctx.close();

  const cold = [];
  for (let i = 0; i < runs; i++) {
    ctx = await chromium.launchPersistentContext(userDir, { executablePath: '/usr/bin/chromium', args: FLAGS, viewport: { width: 1100, height: 900 } });
    await ctx.setOffline(true);
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(draftUrl);
    cold.push(await untilInteractive(page));
    await ctx.close();
  }
  out.coldStartNewProcessMs = stats(cold);

  ctx = await chromium.launchPersistentContext(userDir, { executablePath: '/usr/bin/chromium', args: FLAGS, viewport: { width: 1100, height: 900 } });
  await ctx.setOffline(true);
  const warm = [];
  for (let i = 0; i < runs; i++) {
    page = await ctx.newPage();
    await page.goto(draftUrl);
    warm.push(await untilInteractive(page));
    await page.close();
  }
  out.coldStartNewTabMs = stats(warm);
  await ctx.setOffline(false);

  // The 1,000-field form: a draft with the generator's complete data (two 50-row groups), drawn by the portal.
  page = await ctx.newPage();
  await page.goto(server.url + '/#/drafts');
  await page.waitForSelector('html[data-ready]');
  const definition = JSON.parse(fs.readFileSync(bigForm, 'utf8'));
  const data = JSON.parse(fs.readFileSync(path.join(path.dirname(bigForm), 'big-data.json'), 'utf8'));
  const t0 = Date.now();
  await page.evaluate(async ([def, d]) => {
    const profile = window.__wangbanSession.profile;
    await profile.cacheForms([def]);
    const draft = await profile.newDraft(def.id, d);
    location.hash = `#/draft/${draft.id}`;
    draft.close();
  }, [definition, data]);
  await page.waitForSelector('[data-location="/items1/49/c0"] input', { timeout: 60000 });
  out.bigFormFirstRenderMs = Date.now() - t0;
  out.bigFormInputs = await page.locator('form.application input').count();

  out.perEdit = await page.evaluate(async (n) => {
    let seed = 42;
    const rand = (k) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % k; };
    const sync = [];
    const core = [];
    const drawn = [];
    const durable = [];
    const draft = window.__wangbanDraft;
    const sent = [];
    draft.on('saved', () => { const t = sent.shift(); if (t !== undefined) durable.push(performance.now() - t); });
    for (let i = 0; i < n; i++) {
      let loc, value;
      if (rand(5) === 0) {
        const g = rand(2), r = rand(50), c = rand(6);  // text columns c0..c5 (c6..c8 are money, c9 computed)
        loc = `/items${g}/${r}/c${c}`;
        value = `值${i % 97}`;
      } else {
        const s = rand(49), f = rand(20);
        loc = `/s${s}/f${f}`;
        value = ['李四' + (i % 50), String(rand(200000) / 100), 'abcd'[i % 4], '2024-0' + (1 + (i % 9)) + '-15', '1390013900' + (i % 10)][f % 5];
      }
      const el = document.querySelector(`[data-location="${loc}"] input`);
      if (!el || el.type === 'checkbox' || el.type === 'radio' || el.readOnly) continue;
      el.value = value;
      const t = performance.now();
      sent.push(t);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      void el.offsetHeight;  // style and layout of what the edit changed
      sync.push(performance.now() - t);
      core.push(window.__wangbanChangeAt - t);
      if (window.__wangbanDrawnAt !== undefined) drawn.push(window.__wangbanDrawnAt - t);
      await new Promise((r) => setTimeout(r, 0));
    }
    await new Promise((r) => setTimeout(r, 500));
    return { sync, core, drawn, durable };
  }, edits);
  out.perEdit = { inputToDomMs: stats(out.perEdit.sync), inputToCoreChangeMs: stats(out.perEdit.core),
    ...(out.perEdit.drawn.length ? { inputToDrawnMs: stats(out.perEdit.drawn) } : {}), inputToDurableMs: stats(out.perEdit.durable) };
  await ctx.close();
} finally {
  await server.stop();
  fs.rmSync(userDir, { recursive: true, force: true });
}
console.log(JSON.stringify(out, null, 1));
