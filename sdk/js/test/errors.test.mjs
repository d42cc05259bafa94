// Every failure the SDK reports has a code from the one table, its number, and zh-CN and en messages.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';

import {
  CITIZEN, definition, freshIndexedDB, loadSdk, root, startServer, switchableFetch,
} from './helpers.mjs';

let server;
let sdk;

before(async () => {
  sdk = await loadSdk();
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

test('the error-code union is generated from error_codes.def, row for row', () => {
  const rows = fs.readFileSync(path.join(root, 'core/common/error_codes.def'), 'utf8')
    .split('\n').map((l) => l.match(/^WB_ERROR\(\s*\w+\s*,\s*(\d+)\s*,\s*"([^"]+)"/)).filter(Boolean);
  assert.equal(Object.keys(sdk.ERROR_CODES).length, rows.length);
  for (const [, number, id] of rows) assert.equal(sdk.ERROR_CODES[id], Number(number), id);
  assert.equal(sdk.ERROR_CODES['web.network'], 8100);
  assert.equal(sdk.isErrorCode('store.disk_full'), true);
  assert.equal(sdk.isErrorCode('no.such.code'), false);
});

test('sign-in errors: wrong password, unreachable server, no server', async () => {
  const net = switchableFetch();
  const profile = await sdk.openProfile('errors-auth', { indexedDB: freshIndexedDB(), server: server.url, fetch: net.fetch, autoSync: false });
  const wrong = await rejection(profile.sync.signIn(CITIZEN, 'not-the-password'));
  assert.ok(wrong instanceof sdk.WangbanError);
  assert.equal(wrong.code, 'auth.invalid_credentials');
  assert.equal(wrong.number, 6000);
  assert.equal(wrong.status, 401);
  assert.equal(wrong.messages['zh-CN'], '账号或密码不正确');
  assert.equal(wrong.messages.en, 'The account or password is not correct');
  assert.equal(wrong.text('en'), wrong.message);

  net.offline = true;
  const down = await rejection(profile.sync.signIn(CITIZEN, 'wangban-demo'));
  assert.equal(down.code, 'web.network');
  assert.equal(down.number, 8100);
  assert.match(down.messages['zh-CN'], /无法连接服务器/);
  assert.equal(profile.sync.status().signedIn, false);
  await profile.close();

  const noServer = await sdk.openProfile('errors-no-server', { indexedDB: freshIndexedDB(), autoSync: false });
  assert.equal((await rejection(noServer.sync.now())).code, 'web.no_server');
  assert.equal((await rejection(noServer.consultations.list())).code, 'web.no_server');
  await noServer.close();
});

test('filling and submitting: refused edits and incomplete applications say what and where', async () => {
  const profile = await sdk.openProfile('errors-fill', { indexedDB: freshIndexedDB(), autoSync: false });
  assert.equal((await rejection(profile.newDraft('low-rent-housing'))).code, 'store.no_form');
  await profile.cacheForms([definition('low-rent-housing')]);
  const draft = await profile.newDraft('low-rent-housing');
  const bad = await rejection(draft.set('applicant/name', 1));
  assert.equal(bad.code, 'fill.bad_location');
  assert.equal(bad.number, 1504);
  assert.equal(bad.args.pointer, 'applicant/name');
  assert.match(bad.messages.en, /not a JSON Pointer/);
  assert.match(bad.messages['zh-CN'], /不是有效的 JSON 指针/);
  const notAFile = await rejection(draft.attach('/applicant', new Uint8Array([1, 2, 3]), { name: 'x.pdf', mediaType: 'application/pdf' }));
  assert.equal(notAFile.code, 'store.not_attachment_field');

  const incomplete = await rejection(draft.submit());
  assert.equal(incomplete.code, 'store.incomplete');
  assert.equal(incomplete.number, 4011);
  assert.ok(incomplete.fieldErrors.length > 0);
  assert.ok(incomplete.fieldErrors.every((e) => sdk.isErrorCode(e.code) && e.message['zh-CN'] && e.location !== undefined));
  assert.ok(incomplete.fieldErrors.some((e) => e.code === 'validate.required'));
  assert.equal(draft.closed, false, 'a refused submission keeps the draft');
  assert.equal((await profile.outbox()).length, 0);
  await profile.close();
  assert.equal((await rejection(profile.drafts())).code, 'web.closed');
  assert.equal((await rejection(draft.set('/applicant/name', 'x'))).code, 'web.closed');
});

test('plain server calls carry the server\'s codes', async () => {
  const profile = await sdk.openProfile('errors-calls', { indexedDB: freshIndexedDB(), server: server.url, autoSync: false });
  assert.equal((await rejection(profile.consultations.list())).code, 'auth.token_missing');
  await profile.sync.signIn(CITIZEN, 'wangban-demo');
  const notFound = await rejection(profile.cases.get('case_does_not_exist'));
  assert.equal(notFound.code, 'protocol.not_found');
  assert.equal(notFound.status, 404);
  const tooShort = await rejection(profile.consultations.ask('low-rent-housing', ''));
  assert.equal(tooShort.code, 'protocol.text_length');
  await profile.close();
});
