// Persistence in IndexedDB: saves resolve once durable, a full quota loses nothing already saved, one writer per
// profile (a second tab is refused or takes over; the old one can no longer write), and tokens survive reloads.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { IDBObjectStore } from 'fake-indexeddb';

import { definition, freshIndexedDB, loadInternal, loadSdk } from './helpers.mjs';

let sdk;

before(async () => {
  sdk = await loadSdk();
});

async function rejection(promise) {
  try {
    await promise;
  } catch (e) {
    return e;
  }
  assert.fail('expected a rejection');
}

// Makes every IndexedDB put fail as a browser does when the origin's quota is used up.
function quotaExceeded(on) {
  if (on) {
    IDBObjectStore.prototype.realPut ??= IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function put() {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  } else if (IDBObjectStore.prototype.realPut) {
    IDBObjectStore.prototype.put = IDBObjectStore.prototype.realPut;
  }
}

test('a full quota: the edit is refused with store.disk_full, the draft shows what is stored, nothing saved is lost', async () => {
  const indexedDB = freshIndexedDB();
  let profile = await sdk.openProfile('quota', { indexedDB, autoSync: false });
  await profile.cacheForms([definition('low-rent-housing')]);
  const draft = await profile.newDraft('low-rent-housing');
  await draft.set('/applicant/name', '张三');
  const resets = [];
  draft.on('reset', (v) => resets.push(v));
  const recovered = [];
  profile.on('recovered', (e) => recovered.push(e.code));

  quotaExceeded(true);
  let error;
  try {
    error = await rejection(draft.set('/applicant/name', '李四'));
  } finally {
    quotaExceeded(false);
  }
  assert.equal(error.code, 'store.disk_full');
  assert.equal(error.number, 4001);
  assert.match(error.messages['zh-CN'], /之前保存的内容不受影响/);
  assert.deepEqual(recovered, ['store.disk_full']);
  assert.equal(resets.length, 1);
  const name = (v) => v.fields.find((f) => f.location === '/applicant/name').value;
  assert.equal(name(resets[0]), '张三');
  assert.equal(name(draft.view()), '张三');

  // With room again, editing goes on; and a reload shows exactly what was saved.
  await draft.set('/applicant/mobile', '13800000000');
  await profile.close();
  profile = await sdk.openProfile('quota', { indexedDB, autoSync: false });
  const [summary] = await profile.drafts();
  const reopened = await profile.openDraft(summary.id);
  assert.equal(name(reopened.view()), '张三');
  assert.equal(reopened.view().fields.find((f) => f.location === '/applicant/mobile').value, '13800000000');
  await profile.close();
});

test('one writer: a second tab is refused, or takes over; the first can no longer write', async () => {
  const indexedDB = freshIndexedDB();
  const first = await sdk.openProfile('two-tabs', { indexedDB, autoSync: false });
  await first.cacheForms([definition('low-rent-housing')]);
  const draft = await first.newDraft('low-rent-housing');
  await draft.set('/applicant/name', '第一个标签页');

  const busy = await rejection(sdk.openProfile('two-tabs', { indexedDB, autoSync: false }));
  assert.equal(busy.code, 'web.profile_in_use');
  assert.equal(busy.number, 8101);

  const closed = new Promise((r) => first.on('closed', r));
  const second = await sdk.openProfile('two-tabs', { indexedDB, autoSync: false, onBusy: 'steal' });
  assert.deepEqual(await closed, { reason: 'taken_over' });
  assert.equal(first.isClosed, true);
  assert.equal(draft.closed, true);
  assert.equal((await rejection(first.drafts())).code, 'web.closed');
  const [summary] = await second.drafts();
  const mine = await second.openDraft(summary.id);
  assert.equal(mine.view().fields.find((f) => f.location === '/applicant/name').value, '第一个标签页');
  await second.close();

  // Waiting: the second opener gets the profile when the first closes it.
  const a = await sdk.openProfile('two-tabs', { indexedDB, autoSync: false });
  const waiting = sdk.openProfile('two-tabs', { indexedDB, autoSync: false, onBusy: 'wait' });
  await new Promise((r) => setTimeout(r, 20));
  await a.close();
  const b = await waiting;
  assert.equal((await b.drafts()).length, 1);
  await b.close();
});

test('fencing: storage written by a newer owner is never overwritten by an older one', async () => {
  const { IdbStorage } = await loadInternal('storage.js');
  const indexedDB = freshIndexedDB();
  const older = await IdbStorage.open('fenced', { indexedDB });
  await older.claim();
  const newer = await IdbStorage.open('fenced', { indexedDB });
  await newer.claim();
  const block = (fill) => ({ size: 4096, storedBlocks: 0, blockSize: 4096, indexes: Uint32Array.of(0), bytes: new Uint8Array(4096).fill(fill) });
  await newer.write(block(2));
  const refused = await rejection(older.write(block(1)));
  assert.equal(refused.code, 'web.profile_taken_over');
  const image = await (await IdbStorage.open('fenced', { indexedDB })).claim();
  assert.equal(image.bytes[0], 2);
  assert.equal(image.size, 4096);
});

test('deleteProfile removes a profile; it refuses while the profile is open', async () => {
  const indexedDB = freshIndexedDB();
  const profile = await sdk.openProfile('deleted', { indexedDB, autoSync: false });
  await profile.cacheForms([definition('low-rent-housing')]);
  assert.equal((await rejection(sdk.deleteProfile('deleted', { indexedDB }))).code, 'web.profile_in_use');
  await profile.close();
  await sdk.deleteProfile('deleted', { indexedDB });
  const fresh = await sdk.openProfile('deleted', { indexedDB, autoSync: false });
  assert.equal((await fresh.catalog()).length, 0);
  await fresh.close();
});
