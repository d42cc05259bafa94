// A supplement (补正) through the SDK against the real server: a caseworker asks for a material again, the citizen
// sees the request in the case's status history, uploads the new file directly (resumable chunks, with progress)
// and supplies it; the department reviews again. The upload progress of a queued application is reported too.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import {
  CITIZEN, PASSWORD, api, definition, exampleData, freshIndexedDB, loadSdk, login, photoBytes, startServer,
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

test('supplement: asked for by the department, seen by the citizen, uploaded and supplied', async () => {
  const profile = await sdk.openProfile('supplement', {
    indexedDB: freshIndexedDB(), server: server.url, autoSync: false,
    engine: { pullCatalog: false, uploadChunkBytes: 16 * 1024 },
  });
  await profile.sync.signIn(CITIZEN, PASSWORD);
  await profile.cacheForms([definition(ITEM)]);
  const draft = await profile.newDraft(ITEM);
  for (const [key, value] of Object.entries(exampleData(ITEM))) if (key !== 'attachments') await draft.set(`/${key}`, value);
  await draft.attach('/attachments/jointPhoto', photoBytes(40_000), { name: '合影.jpg', mediaType: 'image/jpeg' });
  const queued = await draft.submit();

  // The engine uploads the photo in 16 KB chunks: progress goes 0 → 40,000 in steps.
  const progress = [];
  profile.sync.on('upload', (p) => progress.push(p));
  await profile.sync.now();
  const item = await profile.outboxItem(queued.id);
  assert.equal(item.state, 'accepted');
  const photo = item.attachments[0];
  const steps = progress.filter((p) => p.sha256 === photo.sha256).map((p) => p.offset);
  assert.deepEqual(steps, [0, 16384, 32768, 40000]);
  assert.ok(progress.every((p) => p.size === 40_000 && p.name === '合影.jpg'));

  // The department asks for a clearer photo.
  const caseId = item.receipt.caseId;
  const cw = await login(server.url, 'caseworker');
  const detail = await profile.cases.get(caseId);
  const department = detail.departments[0].department;
  for (const to of ['accepted', 'in_review']) {
    const r = await api(server.url, 'POST', `/v1/admin/cases/${caseId}/transitions`, { token: cw, json: { department, to } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const ask = await api(server.url, 'POST', `/v1/admin/cases/${caseId}/transitions`, {
    token: cw,
    json: { department, to: 'supplement_requested', missing: [{ materialId: 'jointPhoto', reason: { 'zh-CN': '照片不清晰，请重新上传' } }] },
  });
  assert.equal(ask.status, 200, JSON.stringify(ask.body));

  // The citizen's profile learns of it from the changes feed.
  await profile.sync.now();
  const history = await profile.statusHistory(queued.id);
  const request = history.find((h) => h.detail.kind === 'supplement_requested');
  assert.ok(request, JSON.stringify(history));
  assert.equal(request.detail.missing[0].materialId, 'jointPhoto');

  // A new photo, uploaded directly in 8 KB chunks, then supplied.
  const sent = [];
  const ref = await profile.uploads.upload(photoBytes(20_000).map((b) => b ^ 0x5a), {
    name: '新合影.jpg', mediaType: 'image/jpeg', chunkBytes: 8 * 1024, onProgress: (offset, size) => sent.push([offset, size]),
  });
  assert.equal(ref.size, 20_000);
  assert.deepEqual(sent.map(([o]) => o), [0, 8192, 16384, 20000]);
  const supplied = await profile.cases.supplement(caseId, { data: { attachments: { jointPhoto: ref } }, note: '已重新上传' });
  assert.equal(supplied.state, 'in_review');
  const after_ = await profile.cases.get(caseId);
  assert.ok(after_.attachments.some((a) => a.sha256 === ref.sha256));

  // Supplying again is refused with its code: the case no longer waits for anything.
  await assert.rejects(profile.cases.supplement(caseId, { note: '再次' }), (e) => e.code === 'protocol.not_awaiting_supplement' && e.status === 409);
  await profile.close();
});
