// Every page of the portal: axe-core finds no serious or critical violation, in Chinese and in English, signed
// out and signed in; a screenshot of each is saved (build/web-test/screenshots). And one application completed
// with the keyboard alone, from the guide to the acceptance number.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, launch, newPage, ready, go, signIn, shot, axe, exampleData, saved, fillForm, CITIZEN, ENTERPRISE,
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
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function check(name, hash) {
  if (hash) await go(page, hash);
  // Checked as painted: two animation frames after the page was drawn.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const violations = await axe(page);
  await shot(page, name);
  assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 1)}`);
}

test('signed out: catalog, filters, guide, sign-in, English', async () => {
  await check('01-catalog-citizen', '#/catalog/citizen');
  assert.match(await page.textContent('.result-count'), /共 \d+ 项/);
  await page.fill('#cat-q', '婚姻');
  await page.waitForFunction(() => document.querySelectorAll('#catalog-list li').length === 2);
  await page.check('input[name=visits][value="1"]');
  const texts = await page.locator('#catalog-list li').allTextContents();
  assert.ok(texts.length >= 1 && texts.every((x) => /跑一次/.test(x)), texts.join('|'));
  await check('01b-catalog-filtered');
  await check('02-catalog-enterprise', '#/catalog/enterprise');
  const enterprise = await page.locator('#catalog-list li').allTextContents();
  assert.ok(enterprise.some((x) => /企业年度报告/.test(x)));
  await page.selectOption('#cat-dept', { index: 1 });
  await check('02b-catalog-enterprise-department');
  await check('03-guide', '#/item/low-rent-housing');
  for (const title of ['设定依据', '受理条件', '办理流程', '申请材料', '受理部门', '办理地点', '咨询电话', '办理时间', '办理时限', '收费标准', '表格下载'])
    assert.match(await page.textContent('main'), new RegExp(title));
  const download = await page.getAttribute('.downloads a', 'href');
  const res = await fetch(server.url + download);
  assert.equal(res.status, 200);
  await check('04-signin', '#/signin');
  await page.click('button[lang=en]');
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await check('04b-signin-en');
  await check('03b-guide-en', '#/item/low-rent-housing');
  assert.match(await page.textContent('main'), /Legal basis/);
  await page.click('button[lang=zh-CN]');
  await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
});

test('signed in: form with errors, drafts, cases, consultation, appointments', async () => {
  await signIn(page, CITIZEN);
  await go(page, '#/item/low-rent-housing');
  await page.click('a.button[href^="#/apply/"]');
  await page.waitForSelector('form.application');
  await check('12-form');
  // Submitting an empty application: the error summary, and inline errors.
  await page.click('.steps a[data-step="2"]');
  await page.click('#submit-application');
  await page.waitForSelector('#error-summary:not([hidden])');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'error-summary');
  const count = await page.locator('#error-summary li').count();
  assert.ok(count > 3);
  await check('13-form-error-summary');
  await page.locator('#error-summary a').first().click();
  const focused = await page.evaluate(() => document.activeElement.closest('[data-location]')?.dataset.location);
  assert.equal(focused, '/applicant/name');
  assert.ok(await page.locator('[data-location="/applicant/name"] .field-error:not([hidden])').count());
  await check('14-form-inline-errors');
  // Conditional section and a repeat group.
  await page.click('.steps a[data-step="2"]');
  assert.equal(await page.isVisible('[data-location="/housing/monthlyRent"]'), false);
  await page.check('[data-location="/housing/tenure"] input[value="0"]');
  const tenure = await page.evaluate(() => window.__wangbanDraft.data().data.housing.tenure);
  if (tenure === 'renting') assert.equal(await page.isVisible('[data-location="/housing/monthlyRent"]'), true);
  await page.click('.steps a[data-step="1"]');
  await page.click('[data-section-id="secHousehold"] > button');
  await page.waitForSelector('[data-location="/household/0/name"]');
  await page.fill('[data-location="/household/0/monthlyIncome"] input', '2100.5');
  await page.waitForFunction(() => /2100\.5/.test(document.querySelector('[data-location="/totalIncome"] input')?.value ?? ''));
  await page.click('.steps a[data-step="2"]');
  await page.setInputFiles('[data-location="/attachments/idCard"] input[type=file]', { name: '身份证.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(300 * 1024, 1) });
  await page.waitForSelector('[data-location="/attachments/idCard"] .file-list li');
  await saved(page);
  await check('15-form-conditional-repeat-file');

  await check('16-drafts', '#/drafts');
  assert.equal(await page.locator('#draft-list li').count(), 1);
  await check('17-cases-empty', '#/cases');
  await check('18-consult', '#/consult?item=low-rent-housing');
  await page.fill('#consult-question', '需要哪些收入证明？');
  await page.click('form button[type=submit]');
  await page.waitForSelector('#my-consultations li');
  await check('18b-consult-asked');
  await check('19-appointments', '#/appointments?item=marriage-registration-appointment');
  await page.locator('.slot button:not([disabled])').first().click();
  await page.waitForSelector('#my-appointments li');
  await check('19b-appointment-booked');
  assert.deepEqual(errors, []);
});

async function switchTo(l) {
  await page.click(`header button[lang=${l}]`);
  await page.waitForFunction((x) => document.documentElement.lang === x && document.querySelector('main')?.getAttribute('aria-busy') !== 'true', l);
}

test('switching language with the profile open: the server’s and the core’s messages follow', async () => {
  await switchTo('en');
  // The server's answer (booking the time booked above again), in the language chosen now, both ways.
  await go(page, '#/appointments?item=marriage-registration-appointment');
  await page.waitForSelector('#my-appointments li');
  await check('19c-appointments-en');
  const refused = async (text) => {
    await page.locator('.slot button:not([disabled])').first().click();
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('main .field-error:not([hidden])')?.textContent ?? ''), text);
  };
  await refused('^You have already booked this time slot$');
  await switchTo('zh-CN');
  await refused('^您已预约该时段$');
  await switchTo('en');
  // The core's verdicts on the draft left above.
  await check('16b-drafts-en', '#/drafts');
  await page.click('#draft-list a');
  await page.waitForSelector('form.application');
  await page.click('.steps a[data-step="2"]');
  await page.click('#submit-application');
  await page.waitForSelector('#error-summary:not([hidden])');
  const summary = await page.locator('#error-summary li').allTextContents();
  assert.ok(summary.some((x) => /This field is required/.test(x)), summary.join('|'));
  assert.ok(!summary.some((x) => /此项为必填项|请输入/.test(x)), summary.join('|'));
  await check('13b-form-error-summary-en');
  // A public catalog call's error (the portal's own fetch), and a refused sign-in (the sync engine's request).
  await go(page, '#/item/no-such-item');
  assert.match(await page.textContent('main [role=alert]'), /^Something went wrong: Not found: service item no-such-item$/);
  await go(page, '#/signin');
  await page.fill('#account', CITIZEN);
  await page.fill('#password', 'not-the-password');
  await page.click('form button[type=submit]');
  await page.waitForFunction(() => /The account or password is not correct/.test(document.querySelector('main')?.textContent ?? ''));
  await check('04c-signin-refused-en');
  assert.equal(await page.evaluate(() => window.__wangbanSession.syncStatus.signedIn), true, 'still signed in');
  // A status text: an application the server refuses (a business service applied for by a person), in the
  // language chosen now.
  await go(page, '#/item/company-annual-report');
  await page.click('a.button[href^="#/apply/"]');
  await page.waitForSelector('form.application');
  await fillForm(page, exampleData('company-annual-report'));
  await saved(page);
  await page.click('#submit-application');
  const refusal = (re) => page.waitForFunction((r) => new RegExp(r).test(document.getElementById('case-state')?.textContent ?? ''), re, { timeout: 20000 });
  await refusal('Not accepted: This service is for enterprises; this account cannot apply for it');
  await check('06c-case-refused-en');
  await switchTo('zh-CN');
  await refusal('未被受理：该事项面向法人，当前账号不能申请');
  await switchTo('en');
  await check('17b-cases-en', '#/cases');
  assert.match(await page.textContent('#outbox-list'), /Needs attention.*Not accepted: This service is for enterprises/s);
  await check('18c-consult-en', '#/consult?item=low-rent-housing');
  await check('01c-catalog-en', '#/catalog/citizen');
  await switchTo('zh-CN');
  await go(page, '#/item/no-such-item');
  assert.match(await page.textContent('main [role=alert]'), /^出错了：未找到事项“no-such-item”$/);
  // The page logs the missing item (console.error); nothing else.
  assert.deepEqual(errors.filter((e) => !/no-such-item/.test(e)), []);
  errors.length = 0;
});

test('keyboard only: an application from the guide to its acceptance number', async () => {
  const data = exampleData('traffic-violation-confirmation');
  data.violations = data.violations.slice(0, 1);
  data.totalFine = 200;
  if (!(await page.locator('header .account').count())) await signIn(page, CITIZEN);
  await go(page, '#/item/traffic-violation-confirmation');
  await page.evaluate(() => document.querySelector('main h1').focus());
  // Tab to the apply link and follow it.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement.getAttribute('href')?.startsWith('#/apply/'))) break;
  }
  await page.keyboard.press('Enter');
  await page.waitForSelector('form.application');
  const layout = await page.evaluate(() => window.__wangbanDraft.layout());
  const fieldsByLoc = new Map();
  for (const p of layout.pages) for (const s of p.sections) for (const f of s.fields) {
    if (s.repeat) data.violations.forEach((_, r) => fieldsByLoc.set(`${s.repeat.bind}/${r}${f.bind}`, f));
    else fieldsByLoc.set(f.bind, f);
  }
  const valueAt = (loc) => loc.split('/').slice(1).reduce((o, k) => (o == null ? undefined : o[k]), data);
  const done = new Set();
  let submitted = false;
  const trail = [];
  let stay = false;  // the last key moved focus itself (a new row's first field): handle it before tabbing on
  for (let step = 0; step < 200 && !submitted; step++) {
    if (!stay) await page.keyboard.press('Tab');
    stay = false;
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      const w = a.closest('[data-location]');
      return { tag: a.tagName, type: a.type, id: a.id, text: a.textContent.trim(), loc: w?.dataset.location ?? null, readOnly: a.readOnly, section: a.closest('[data-section-id]')?.dataset.sectionId ?? null };
    });
    if (el.tag === 'BUTTON') {
      if (el.id === 'submit-application') {
        await page.keyboard.press('Enter');
        submitted = true;
      } else if (/下一步/.test(el.text)) {
        await page.keyboard.press('Enter');
      } else if (el.section === 'secViolations' && /添加|Add|违法/.test(el.text) && !el.text.includes('删除')) {
        const rows = await page.locator('[data-section-id="secViolations"] .repeat-row').count();
        if (rows < data.violations.length) {
          await page.keyboard.press('Enter');
          // Adding a row moves focus to its first field.
          await page.waitForFunction((n) => document.querySelectorAll('[data-section-id="secViolations"] .repeat-row').length > n &&
            document.activeElement?.closest('.repeat-row'), rows);
          stay = true;
        }
      }
      continue;
    }
    trail.push(el.loc ?? el.text.slice(0, 10));
    if (!el.loc || done.has(el.loc) || el.readOnly) continue;
    const field = fieldsByLoc.get(el.loc);
    const value = valueAt(el.loc);
    if (!field || value === undefined) continue;
    const index = field.options.findIndex((o) => JSON.stringify(o.value) === JSON.stringify(value));
    if (field.widget === 'select') {
      for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
    } else if (field.widget === 'radio') {
      await page.keyboard.press('Space');
      for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    } else if (field.widget === 'checkbox') {
      if (value === true) await page.keyboard.press('Space');
    } else {
      await page.keyboard.type(String(value));
    }
    done.add(el.loc);
  }
  if (!(await page.waitForSelector('.acceptance-number', { timeout: 5000 }).catch(() => null))) {
    await shot(page, 'debug-keyboard');
    console.log(trail.join(' > '));
  }
  assert.ok(submitted, `reached the submit button (${trail.join(' > ')})`);
  await page.waitForSelector('.acceptance-number', { timeout: 20000 });
  const number = (await page.textContent('.acceptance-number')).trim();
  const cases = server.cases();
  assert.ok(cases.some((c) => c.acceptanceNumber === number && c.itemId === 'traffic-violation-confirmation'));
  await check('20-case-accepted-keyboard');
  assert.deepEqual(errors, []);
});

test('an enterprise signs in with its credit code and sees the enterprise catalog', async () => {
  await page.click('header button:has-text("退出")');
  await page.waitForFunction(() => window.__wangbanSession.state === 'none');
  await signIn(page, ENTERPRISE);
  await check('21-enterprise-signed-in', '#/catalog/enterprise');
  assert.match(await page.textContent('header'), /已登录/);
  // Two enterprise forms filled in through their controls with their sample applications: between them every
  // widget but file and textarea (address, checkbox, date, email, mobile, money, multiselect, number, postcode,
  // radio, select, static, text, uscc); the core finds them complete, and one is submitted.
  for (const itemId of ['employer-social-insurance-registration', 'company-annual-report']) {
    await go(page, `#/item/${itemId}`);
    await page.click('a.button[href^="#/apply/"]');
    await page.waitForSelector('form.application');
    await fillForm(page, exampleData(itemId));
    await saved(page);
    const view = await page.evaluate(() => { const v = window.__wangbanDraft.view(); return { complete: v.complete, errors: v.fields.filter((f) => f.errors.length).map((f) => [f.location, f.errors[0].code]) }; });
    assert.deepEqual(view, { complete: true, errors: [] }, itemId);
    await check(`22-${itemId}`);
  }
  await page.click('#submit-application');
  await page.waitForSelector('.acceptance-number', { timeout: 20000 });
  assert.ok(server.cases().some((c) => c.itemId === 'company-annual-report'));
  assert.deepEqual(errors, []);
});
