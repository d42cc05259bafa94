// Two tabs editing the same draft at once lose nothing: the tab being used takes the profile over (Web Locks),
// the other shows a notice and takes it back on the next click or key press, with any edit caught in between
// applied again.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, ready, go, signIn, shot, saved, CITIZEN } from './helpers.mjs';

let server, browser, context;
const errors = [];

before(async () => {
  server = await startServer();
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1000, height: 800 }, locale: 'zh-CN' });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function typeInto(page, loc, text) {
  const input = page.locator(`[data-location="${loc}"] input`).first();
  await input.click();
  await page.waitForFunction(() => document.documentElement.dataset.ready && !document.querySelector('.banner-warn'));
  await page.locator(`[data-location="${loc}"] input`).first().click();
  await page.keyboard.type(text, { delay: 5 });
  await saved(page);
}

test('edits in two tabs on one draft all survive', async () => {
  const a = await newPage(context, errors);
  await a.goto(server.url + '/');
  await ready(a);
  await signIn(a, CITIZEN);
  await go(a, '#/item/marriage-certificate-reissue');
  await a.click('a.button[href^="#/apply/"]');
  await a.waitForSelector('form.application');
  const draftHash = await a.evaluate(() => location.hash.split('?')[0]);

  const b = await newPage(context, errors);
  await b.goto(server.url + '/' + draftHash);
  await ready(b);
  await b.waitForSelector('form.application');
  // Opening B took the profile: A says so.
  await a.waitForSelector('.banner-warn');
  await shot(a, '11-two-tabs-notice');

  await typeInto(a, '/husband/name', '孙七');
  await typeInto(b, '/wife/name', '周八');
  await typeInto(a, '/husband/mobile', '13700000004');
  await typeInto(b, '/wife/mobile', '18600000005');
  await typeInto(a, '/husband/idNumber', '330106198802141013');

  // Both at once: the two tabs keep taking the profile from each other while typing.
  await Promise.all([
    (async () => {
      await a.locator('[data-location="/wife/idNumber"] input').click();
      await a.keyboard.type('330106199007301027', { delay: 20 });
    })(),
    (async () => {
      await b.click('.steps a[data-step="1"]');
      if (!(await b.isVisible('[data-location="/original/registry"]'))) await b.click('.steps a[data-step="1"]');
      await b.locator('[data-location="/original/registry"] input').click();
      await b.keyboard.type('示例市婚姻登记中心', { delay: 20 });
    })(),
  ]);
  // Let what both tabs started settle (no take-over still under way in either), then use each once more: each
  // takes the profile back and saves what it still holds.
  await Promise.all([a, b].map((p) => p.waitForFunction(() => window.__wangbanSession.state !== 'opening')));
  for (const p of [a, b]) {
    await p.mouse.click(5, 5);
    await p.waitForFunction(() => window.__wangbanSession.state === 'open' && !document.querySelector('.banner-warn'));
    await saved(p);
  }

  const c = await newPage(context, errors);
  await c.goto(server.url + '/' + draftHash);
  await ready(c);
  await c.waitForSelector('form.application');
  const data = await c.evaluate(() => window.__wangbanDraft.data().data);
  assert.deepEqual(data.husband, { name: '孙七', mobile: '13700000004', idNumber: '330106198802141013' });
  assert.deepEqual(data.wife, { name: '周八', mobile: '18600000005', idNumber: '330106199007301027' });
  assert.equal(data.original?.registry, '示例市婚姻登记中心');
  assert.deepEqual(errors, []);
});
