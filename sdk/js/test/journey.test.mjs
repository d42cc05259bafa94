// The SDK against the real wangban-server, under Node with a fake IndexedDB (fake-indexeddb, the same code path as
// a browser's IndexedDB): sign in, fill and submit with the network down, reopen the profile (what survives a page
// reload), come back online, and the receipt arrives — exactly one case on the server.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  CITIZEN, PASSWORD, api, definition, exampleData, freshIndexedDB, loadSdk, login, photoBytes, startServer, switchableFetch,
} from './helpers.mjs';

const ITEM = 'marriage-certificate-reissue';
let server;
let sdk;

before(async () => {
  sdk = await loadSdk();
  server = await startServer();
});

after(async () => {
  await server?.stop();
});

test('offline journey: sign in, fill and submit offline, reload, sync: the receipt arrives and the server has it once', async () => {
  const indexedDB = freshIndexedDB();
  const net = switchableFetch();
  const options = { indexedDB, fetch: net.fetch, autoSync: false, engine: { retryBaseMs: 20 } };

  let profile = await sdk.openProfile('citizen', { ...options, server: server.url });
  assert.equal(profile.server, server.url);
  assert.equal(profile.persisted, null, 'no navigator.storage under Node');

  const account = await profile.sync.signIn(CITIZEN, PASSWORD);
  assert.equal(account.kind, 'citizen');
  assert.ok(account.displayName.length > 0);

  // The first sync pulls the catalog and every definition, for offline use.
  let status = await profile.sync.now();
  assert.equal(status.signedIn, true);
  assert.equal(status.offline, false);
  const all = await profile.catalog();
  assert.equal(all.length, 27);
  const forCitizens = await profile.catalog({ audience: 'citizen', visits: 1 });
  assert.ok(forCitizens.length > 0 && forCitizens.every((i) => i.audience !== 'enterprise' && i.visits === 1));
  const guide = await profile.guide(ITEM);
  assert.equal(guide.id, ITEM);
  assert.ok(Array.isArray(guide.guide.materials) && guide.guide.materials.length > 0);

  // The network goes away.
  net.offline = true;
  const draft = await profile.newDraft(ITEM);
  const layout = draft.layout();
  assert.equal(layout.itemId, ITEM);
  const changes = [];
  draft.on('change', (c) => changes.push(c));
  const data = exampleData(ITEM);
  delete data.attachments;
  for (const [key, value] of Object.entries(data)) await draft.set(`/${key}`, value);
  assert.equal(changes.length, Object.keys(data).length);
  let view = draft.view();
  assert.equal(view.complete, false, 'the joint photo is still missing');
  const missing = view.sections.flatMap((s) => s.errors).concat(view.fields.flatMap((f) => f.errors), view.formErrors);
  assert.deepEqual(missing.map((e) => [e.code, e.location]), [['validate.required', '/attachments/jointPhoto']]);
  const attached = await draft.attach('/attachments/jointPhoto', photoBytes(), { name: '合影.jpg', mediaType: 'image/jpeg' });
  assert.equal(attached.attachment.size, 50_000);
  assert.equal(attached.attachment.sha256.length, 64);
  view = draft.view();
  assert.equal(view.complete, true, JSON.stringify(view.formErrors));

  const queued = await draft.submit();
  assert.equal(queued.state, 'queued');
  assert.equal(draft.closed, true);
  assert.deepEqual((await profile.drafts()).map((d) => d.id), []);
  status = await profile.sync.now();
  assert.equal(status.offline, true);
  assert.equal(status.queued, 1);
  let item = await profile.outboxItem(queued.id);
  assert.equal(item.receipt, null);
  assert.ok(item.attempts >= 1);

  // A page reload while still offline: everything comes back from IndexedDB, the sign-in too.
  await profile.close();
  profile = await sdk.openProfile('citizen', options);
  assert.equal(profile.server, server.url);
  assert.equal(profile.sync.status().signedIn, true);
  assert.equal((await profile.outbox()).length, 1);
  assert.equal((await profile.catalog()).length, 27);

  // Online again.
  net.offline = false;
  const events = [];
  profile.on('event', (e) => events.push(e.kind));
  // The item waits out its backoff from the offline attempts (retryBaseMs 20) before it is sent again.
  for (let i = 0; i < 20 && (status = await profile.sync.now()).accepted < 1; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(status.accepted, 1);
  assert.equal(status.queued, 0);
  item = await profile.outboxItem(queued.id);
  assert.equal(item.state, 'accepted');
  assert.match(item.receipt.acceptanceNumber, /\S+/);
  assert.ok(events.includes('outbox.changed'));
  const history = await profile.statusHistory(queued.id);
  assert.ok(history.length >= 1, 'the case status pulled from the changes feed');

  // The server's side: one case, with this acceptance number and the uploaded photo.
  const token = await login(server.url, CITIZEN);
  const cases = await api(server.url, 'GET', '/v1/cases', { token });
  assert.equal(cases.body.cases.length, 1);
  assert.equal(cases.body.cases[0].acceptanceNumber, item.receipt.acceptanceNumber);
  const detail = await profile.cases.get(item.receipt.caseId);
  assert.equal(detail.attachments.length, 1);
  assert.equal(detail.attachments[0].size, 50_000);

  // Syncing again sends nothing twice.
  await profile.sync.now();
  assert.equal((await api(server.url, 'GET', '/v1/cases', { token })).body.cases.length, 1);
  await profile.close();
});

test('background sync: a submission queued offline goes out by itself when the network returns', async () => {
  const net = switchableFetch();
  const profile = await sdk.openProfile('background', {
    indexedDB: freshIndexedDB(), fetch: net.fetch, server: server.url, autoSync: true, syncIntervalMs: 100,
    engine: { retryBaseMs: 20, catalogIntervalMs: 60_000 },
  });
  assert.equal(profile.sync.started, true);
  await profile.sync.signIn(CITIZEN, PASSWORD);
  await profile.sync.now();
  net.offline = true;
  const draft = await profile.newDraft('low-rent-housing');
  for (const [key, value] of Object.entries(exampleData('low-rent-housing'))) {
    if (key === 'attachments') continue;
    await draft.set(`/${key}`, value).catch((e) => assert.equal(e.code, 'fill.read_only'));  // computed fields
  }
  const missing = draft.view();
  // The housing form's attachments are required: attach each material the view still asks for.
  for (const f of missing.fields.filter((x) => x.visible && x.required && x.value === null && x.location.startsWith('/attachments'))) {
    await draft.attach(f.location, photoBytes(2000), { name: 'scan.pdf', mediaType: 'application/pdf' });
  }
  const item = await draft.submit();
  const accepted = new Promise((resolve) => profile.sync.on('status', (s) => { if (s.accepted >= 1) resolve(s); }));
  net.offline = false;
  profile.sync.online();  // what the browser's 'online' event calls
  const status = await accepted;
  assert.equal(status.queued, 0);
  assert.equal((await profile.outboxItem(item.id)).state, 'accepted');
  await profile.close();
});

test('the case timeline fills the status history when the changes feed is not reachable', async () => {
  // Every /v1/changes request fails as if the network dropped it; everything else goes through.
  const fetchWithoutFeed = (url, init) => (String(url).includes('/v1/changes')
    ? Promise.reject(new TypeError('fetch failed')) : fetch(url, init));
  const profile = await sdk.openProfile('timeline', {
    indexedDB: freshIndexedDB(), fetch: fetchWithoutFeed, server: server.url, autoSync: false,
    engine: { retryBaseMs: 20, pullCatalog: false },
  });
  await profile.sync.signIn(CITIZEN, PASSWORD);
  await profile.cacheForms([definition(ITEM)]);
  const draft = await profile.newDraft(ITEM);
  for (const [key, value] of Object.entries(exampleData(ITEM))) if (key !== 'attachments') await draft.set(`/${key}`, value);
  await draft.attach('/attachments/jointPhoto', photoBytes(1000), { name: 'p.jpg', mediaType: 'image/jpeg' });
  const item = await draft.submit();
  let history = [];
  for (let i = 0; i < 20 && history.length === 0; i++) {
    await profile.sync.now();
    history = await profile.statusHistory(item.id);
    if (history.length === 0) await new Promise((r) => setTimeout(r, 30));
  }
  assert.equal((await profile.outboxItem(item.id)).state, 'accepted');
  assert.ok(history.some((h) => h.detail.kind === 'submitted'), JSON.stringify(history));
  await profile.close();
});
