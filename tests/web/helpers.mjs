// Browser tests of the portal (web/): the real wangban-server serving the built portal (--web) over a fresh data
// folder, Debian's Chromium driven by playwright-core, axe-core for accessibility, and helpers that fill a form
// the way a person does (through the page, by the form's layout).
//   WANGBAN_SERVER  the server binary (default build/native/bin/wangban-server)
//   WANGBAN_JS      the built SDK package (default build/wasm/sdk-js); the portal is built from it into a temp dir
//   WANGBAN_WEB     an already built portal (skips the build)
//   WANGBAN_SHOTS   where screenshots go (default build/web-test/screenshots)

import { launchServer } from '../support/server_process.mjs';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const serverBin = path.resolve(process.env.WANGBAN_SERVER ?? path.join(root, 'build/native/bin/wangban-server'));
export const sdkDir = path.resolve(process.env.WANGBAN_JS ?? path.join(root, 'build/wasm/sdk-js'));
export const shotsDir = path.resolve(process.env.WANGBAN_SHOTS ?? path.join(root, 'build/web-test/screenshots'));
export const CITIZEN = '11010519491231002X';
export const ENTERPRISE = '91350100M000100Y43';
export const PASSWORD = 'wangban-demo';

let builtWeb = null;
/** The built portal (built once per process from the SDK package). */
export function webDir() {
  if (process.env.WANGBAN_WEB) return path.resolve(process.env.WANGBAN_WEB);
  if (builtWeb) return builtWeb;
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'wangban-web-'));
  execFileSync(process.execPath, [path.join(root, 'web/build.mjs'), '--sdk', sdkDir, '--out', out], { stdio: 'pipe' });
  builtWeb = out;
  process.on('exit', () => fs.rmSync(out, { recursive: true, force: true }));
  return out;
}

export function exampleData(itemId) {
  return JSON.parse(fs.readFileSync(path.join(root, 'examples/catalog', `${itemId}.example.json`), 'utf8'));
}

export async function startServer() {
  const { child, url, dataDir } = await launchServer(serverBin, { prefix: 'wangban-web-test-', args: ['--web', webDir()] });
  return {
    url,
    dataDir,
    /** Every case in the server's database, as the operator command prints it. */
    cases() {
      return JSON.parse(execFileSync(serverBin, ['cases', '--data', dataDir, '--json'], { encoding: 'utf8' }));
    },
    async api(method, p, { token, json } = {}) {
      const headers = { Accept: 'application/json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      if (json !== undefined) headers['Content-Type'] = 'application/json';
      const res = await fetch(url + p, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
      const text = await res.text();
      const body = text ? JSON.parse(text) : null;
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${text}`);
      return body;
    },
    async login(account, password = PASSWORD) {
      return (await this.api('POST', '/v1/auth/login', { json: { account, password } })).accessToken;
    },
    async stop() {
      const done = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await done;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--lang=zh-CN'],
  });
}

/** A page that fails the test on uncaught errors. */
export async function newPage(context, errors = []) {
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource|net::ERR_INTERNET_DISCONNECTED/.test(m.text())) errors.push(m.text()); });
  return page;
}

export async function ready(page) {
  await page.waitForSelector('html[data-ready]');
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') !== 'true');
}

export async function go(page, hash) {
  await page.evaluate((h) => { location.hash = h; }, hash);
  await page.waitForFunction((h) => location.hash.startsWith(h.split('?')[0]) && document.querySelector('main')?.getAttribute('aria-busy') !== 'true', hash);
}

/** Waits until the service worker controls the page and has cached the shell and the catalog. */
export async function serviceWorkerReady(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload();
    await ready(page);
  }
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
}

/** Waits until `url` is in the page's Cache Storage (the service worker keeps some files in the background). */
export async function cached(page, url, { timeout = 15000 } = {}) {
  const end = Date.now() + timeout;
  // waitForFunction takes a returned promise for a truthy value, so Cache Storage is polled from here.
  while (!(await page.evaluate((u) => caches.match(u).then(Boolean), url))) {
    if (Date.now() > end) throw new Error(`${url} is not in the cache`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function signIn(page, account = CITIZEN, password = PASSWORD) {
  await go(page, '#/signin');
  await page.fill('#account', account);
  await page.fill('#password', password);
  await page.click('form button[type=submit]');
  await page.waitForFunction(() => !location.hash.startsWith('#/signin'));
  await ready(page);
}

export async function shot(page, name) {
  fs.mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });
}

let axeSource = null;
/** axe-core on the page as it is: the serious and critical violations (none expected). */
export async function axe(page) {
  axeSource ??= fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
  // evaluate() runs outside the page's CSP, which forbids inline scripts.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// ---- filling a form through the page

function pointerGet(data, loc) {
  return loc.split('/').slice(1).reduce((o, k) => (o == null ? undefined : o[k]), data);
}

/** Fills the open draft's form with `data` through its controls: page by page, rows added as needed. */
export async function fillForm(page, data, { files = {} } = {}) {
  const layout = await page.evaluate(() => window.__wangbanDraft.layout());
  for (let p = 0; p < layout.pages.length; p++) {
    if (layout.pages.length > 1) await page.click(`.steps a[data-step="${p}"]`);
    for (const section of layout.pages[p].sections) {
      if (section.repeat) {
        const rows = pointerGet(data, section.repeat.bind) ?? [];
        for (let r = 0; r < rows.length; r++) {
          if ((await page.locator(`[data-location="${section.repeat.bind}/${r}${section.fields[0].bind}"]`).count()) === 0) {
            await page.click(`[data-section-id="${section.id}"] > button`);
            await page.waitForSelector(`[data-location="${section.repeat.bind}/${r}${section.fields[0].bind}"]`);
          }
          for (const f of section.fields) await fillField(page, f, `${section.repeat.bind}/${r}${f.bind}`, pointerGet(rows[r], f.bind), files);
        }
      } else {
        for (const f of section.fields) await fillField(page, f, f.bind, pointerGet(data, f.bind), files);
      }
    }
  }
}

export async function fillField(page, field, loc, value, files = {}) {
  const wrapper = page.locator(`[data-location="${loc}"]`);
  if (value === undefined || !(await wrapper.isVisible())) return;
  if (field.widget === 'static' || (await wrapper.evaluate((el) => el.classList.contains('is-readonly')))) return;
  const index = (v) => field.options.findIndex((o) => JSON.stringify(o.value) === JSON.stringify(v));
  switch (field.widget) {
    case 'select':
      await wrapper.locator('select').selectOption({ index: index(value) + 1 });
      return;
    case 'radio':
      await wrapper.locator(`input[value="${index(value)}"]`).check();
      return;
    case 'multiselect':
      for (const v of value) await wrapper.locator(`input[value="${index(v)}"]`).check();
      return;
    case 'checkbox':
      if (value) await wrapper.locator('input').check();
      return;
    case 'file': {
      const list = Array.isArray(value) ? value : [value];
      for (const ref of list) {
        const f = files[loc] ?? { name: ref.name, mimeType: ref.mediaType, buffer: Buffer.alloc(Math.min(ref.size, 64 * 1024), 7) };
        await wrapper.locator('input[type=file]').setInputFiles(f);
        await page.waitForFunction(([l, n]) => {
          const v = window.__wangbanDraft.view().fields.find((x) => x.location === l)?.value;
          return (Array.isArray(v) ? v : v ? [v] : []).some((x) => x.name === n);
        }, [loc, f.name]);
      }
      return;
    }
    case 'address':
      if (typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) await wrapper.locator(`input[id$="-${k}"]`).fill(String(v));
        return;
      }
      break;
    default:
  }
  await wrapper.locator('input, textarea').first().fill(String(value));
}

/** Waits until every edit made in the page is durable (the draft's save state says so). */
export async function saved(page) {
  await page.waitForFunction(() => /已自动保存|Saved automatically/.test(document.querySelector('.save-state')?.textContent ?? ''));
}
