// The offline journey of issue 9: sign in, lose the network, fill and submit two applications (one with an
// attachment) and leave a third as a draft, reload while still offline (drafts and queue survive), come back
// online (both reach the server exactly once and the page shows their acceptance numbers); then a caseworker asks
// for a supplement, the citizen sees it and sends new material, the case completes and the citizen rates it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, launch, newPage, ready, go, serviceWorkerReady, cached, signIn, shot, fillForm, saved, exampleData, CITIZEN, root,
} from './helpers.mjs';

let server, browser, context, page;
const errors = [];

before(async () => {
  server = await startServer();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN' });
  page = await newPage(context, errors);
  await page.goto(server.url + '/');
  await ready(page);
  await serviceWorkerReady(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const blankForm = (itemId, file) => ({ url: `/v1/forms/${itemId}/downloads/${file}`, bytes: fs.readFileSync(path.join(root, 'examples/catalog/downloads', file)) });
// Read online before going offline (its blank form is kept); low-rent-housing's guide is only read offline.
const kept = blankForm('disability-certificate', 'disability-certificate-application.pdf');
const notKept = blankForm('low-rent-housing', 'low-rent-housing-application.pdf');

async function apply(itemId, data, files) {
  await go(page, `#/item/${itemId}`);
  await page.click('a.button[href^="#/apply/"]');
  await page.waitForSelector('form.application');
  await fillForm(page, data, { files });
  await saved(page);
}

test('offline: two applications queued, a draft kept, all survive a reload', async () => {
  await signIn(page, CITIZEN);
  await page.waitForFunction(() => /张三/.test(document.querySelector('.account')?.textContent ?? ''));
  await go(page, '#/item/disability-certificate');
  await cached(page, kept.url);
  await context.setOffline(true);
  await page.waitForFunction(() => !navigator.onLine);

  const photo = { name: '合影.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(200 * 1024, 0x5a) };
  await apply('marriage-certificate-reissue', exampleData('marriage-certificate-reissue'), { '/attachments/jointPhoto': photo });
  await shot(page, '05-form-filled-offline');
  await page.click('#submit-application');
  await page.waitForSelector('#case-state');
  assert.match(await page.textContent('#case-state'), /已保存，联网后自动提交/);
  await page.waitForFunction(() => /1 件待提交/.test(document.getElementById('net-status')?.textContent ?? ''));
  await shot(page, '06-submitted-offline');

  await apply('traffic-violation-confirmation', exampleData('traffic-violation-confirmation'));
  await page.click('#submit-application');
  await page.waitForSelector('#case-state');
  assert.match(await page.textContent('#case-state'), /已保存，联网后自动提交/);

  // A third application, left half done.
  await go(page, '#/item/low-rent-housing');
  await page.click('a.button[href^="#/apply/"]');
  await page.waitForSelector('form.application');
  await page.fill('[data-location="/applicant/name"] input', '张三');
  await saved(page);

  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => navigator.onLine), false);
  await go(page, '#/drafts');
  const drafts = await page.locator('#draft-list li').allTextContents();
  assert.equal(drafts.length, 1);
  assert.match(drafts[0], /廉租住房/);
  await go(page, '#/cases');
  const queued = await page.locator('#outbox-list > li').allTextContents();
  assert.equal(queued.length, 2);
  for (const text of queued) assert.match(text, /待发送/);
  await shot(page, '07-outbox-offline');
  assert.equal(server.cases().length, 0, 'nothing reached the server while offline');
});

test('offline: the blank form of a guide read online downloads; one never fetched says it needs the network', async () => {
  await go(page, '#/item/disability-certificate');
  await page.waitForFunction(() => /已保存到本机/.test(document.querySelector('.download-state')?.textContent ?? ''));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('.downloads a')]);
  assert.equal(download.suggestedFilename(), 'disability-certificate-application.pdf');
  assert.deepEqual(fs.readFileSync(await download.path()), kept.bytes);

  await go(page, '#/item/low-rent-housing');
  await page.waitForFunction(() => /需联网下载/.test(document.querySelector('.download-state')?.textContent ?? ''));
  let downloads = 0;
  const count = () => { downloads += 1; };
  page.on('download', count);
  await page.click('.downloads a');
  await page.waitForSelector('#download-offline:not([hidden])');
  assert.match(await page.textContent('#download-offline'), /离线：“廉租住房保障申请表（空白）”尚未保存到本机，请联网后下载/);
  assert.equal(await page.evaluate(() => location.hash), '#/item/low-rent-housing', 'still on the guide');
  await shot(page, '07b-guide-offline-download');
  page.off('download', count);
  assert.equal(downloads, 0);
  // Opened directly (a new tab, a bookmark), the service worker answers with the same message, not the shell.
  const direct = await page.evaluate(async (u) => { const r = await fetch(u); return { status: r.status, text: await r.text() }; }, notKept.url);
  assert.equal(direct.status, 503);
  assert.match(direct.text, /Offline: this form was not saved on this device/);
  await go(page, '#/cases');
});

test('online again: both reach the server exactly once and show their acceptance numbers', async () => {
  // Going online redraws the page, which reads the outbox and then asks the server for the cases; the answer is
  // held until both applications are delivered, so the deliveries land while the page is being drawn (a page that
  // missed them kept showing them queued).
  let held = 0;
  await context.route(/\/v1\/cases\?/, async (route) => {
    held += 1;
    for (let i = 0; i < 400 && !(await page.evaluate(() => window.__wangbanSession.syncStatus?.accepted === 2)); i++) await new Promise((r) => setTimeout(r, 50));
    await route.continue();
  });
  await context.setOffline(false);
  await page.waitForFunction(() => document.querySelectorAll('#outbox-list .acceptance-number').length === 2, null, { timeout: 30000 });
  await context.unroute(/\/v1\/cases\?/);
  assert.ok(held > 0, 'the cases request was held');
  const shown = (await page.locator('#outbox-list .acceptance-number').allTextContents()).sort();
  const cases = server.cases();
  assert.equal(cases.length, 2);
  assert.deepEqual(cases.map((c) => c.acceptanceNumber).sort(), shown);
  assert.deepEqual(cases.map((c) => c.itemId).sort(), ['marriage-certificate-reissue', 'traffic-violation-confirmation']);
  assert.equal(new Set(cases.map((c) => c.idempotencyKey)).size, 2);
  await shot(page, '08-outbox-delivered');
  // Back online, the blank forms of the items with drafts (low-rent-housing, started offline) are kept too.
  await cached(page, notKept.url);
  const bytes = await page.evaluate(async (u) => Array.from(new Uint8Array(await (await caches.match(u)).arrayBuffer())), notKept.url);
  assert.deepEqual(Buffer.from(bytes), notKept.bytes);
  // Another whole round of sync sends nothing again.
  const after = await page.evaluate(async () => (await window.__wangbanSession.profile.sync.now()).accepted);
  assert.equal(after, 2);
  assert.equal(server.cases().length, 2);
});

test('a supplement request is seen, answered with new material, and the case completes and is rated', async () => {
  const reissue = server.cases().find((c) => c.itemId === 'marriage-certificate-reissue');
  const worker = await server.login('caseworker');
  const move = (to, extra = {}) => server.api('POST', `/v1/admin/cases/${reissue.caseId}/transitions`,
    { token: worker, json: { department: reissue.departments[0].department, to, ...extra } });
  await move('accepted');
  await move('in_review');
  await move('supplement_requested', { note: '请补正', missing: [{ materialId: 'jointPhoto', reason: { 'zh-CN': '合影不清晰，请重新上传' } }] });

  await go(page, '#/cases');
  const link = page.locator('#outbox-list > li', { hasText: '补领' }).locator('a');
  await link.click();
  await page.waitForSelector('#supplement');
  assert.match(await page.textContent('#timeline'), /要求补正/);
  assert.match(await page.textContent('#supplement'), /合影不清晰/);
  await shot(page, '09-supplement-requested');
  await page.setInputFiles('#supplement input[type=file]', { name: '新合影.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(90 * 1024, 0x33) });
  await page.fill('#supp-note', '已重新拍摄');
  await page.click('#supplement ~ button[type=submit], form:has(#supplement) button[type=submit]');
  await page.waitForFunction(() => !document.querySelector('#supplement') && /已补正/.test(document.querySelector('#timeline')?.textContent ?? ''), null, { timeout: 15000 });
  const detail = await server.api('GET', `/v1/admin/cases/${reissue.caseId}`, { token: worker });
  assert.equal(detail.state, 'in_review');
  assert.equal(detail.data.attachments.jointPhoto.name, '新合影.jpg');

  await move('approved');
  await server.api('POST', `/v1/admin/cases/${reissue.caseId}/results`, { token: worker, json: { name: '结婚证补领通知.pdf', mediaType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.4 result').toString('base64') } });
  await page.reload();
  await ready(page);
  await page.waitForSelector('#rating');
  assert.match(await page.textContent('#case-state'), /已办结/);
  assert.match(await page.textContent('main'), /结婚证补领通知\.pdf/);
  await shot(page, '10-case-completed');
  await page.check('#rating-5');
  await page.fill('#rating-comment', '办理很快');
  // A change seen meanwhile (the page's background redraw, as after a status pull) leaves what they entered alone.
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('wangban:rerender', { detail: { background: true } })));
  await page.waitForFunction(() => document.querySelector('main')?.getAttribute('aria-busy') !== 'true');
  assert.equal(await page.inputValue('#rating-comment'), '办理很快');
  assert.equal(await page.isChecked('#rating-5'), true);
  await page.click('#rating button[type=submit]');
  await page.waitForFunction(() => /您的评价：非常满意/.test(document.querySelector('#rating')?.textContent ?? ''));
  const rating = await server.api('GET', `/v1/cases/${reissue.caseId}/rating`, { token: await server.login(CITIZEN) });
  assert.equal(rating.level, 5);
  assert.equal(rating.comment, '办理很快');
  assert.deepEqual(errors, []);
});
