// The applicant's half of the tour: a resumable upload, an idempotent submission, my cases and the changes feed.
// Returns what the caseworkers' half goes on with.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './openapi_harness.mjs';
import { ok, refused, sha256 } from './tour_common.mjs';

const kItem = 'marriage-certificate-reissue';

function exampleData(item) {
  return JSON.parse(fs.readFileSync(path.join(root, 'examples/catalog', `${item}.example.json`), 'utf8'));
}

function patch(t, token, id, offset, bytes, type = 'application/offset+octet-stream') {
  const headers = { 'Content-Type': type };
  if (offset !== undefined) headers['Upload-Offset'] = String(offset);
  return t.call('PATCH', `/v1/uploads/${id}`, { token, body: bytes, headers });
}

// Uploads the joint photo of the sample application, resuming after a "cut", with the refusals on the way.
async function uploads(t, { citizen, enterprise, caseworker }) {
  const photo = Buffer.from('\xff\xd8\xff\xe0 joint photo of the protocol tour '.repeat(50), 'latin1');
  const declare = { sha256: sha256(photo), size: photo.length, mediaType: 'image/jpeg', name: '合影.jpg',
                    itemId: kItem, materialId: 'jointPhoto' };
  refused(await t.call('POST', '/v1/uploads', { json: declare }), 401, 'auth.token_missing');
  refused(await t.call('POST', '/v1/uploads', { token: caseworker, json: declare }), 403, 'auth.forbidden');
  refused(await t.call('POST', '/v1/uploads', { token: citizen, json: { ...declare, size: -1 } }), 400, 'protocol.bad_request');
  refused(await t.call('POST', '/v1/uploads', { token: citizen, body: '{}', headers: { 'Content-Type': 'text/plain' } }),
          415, 'protocol.unsupported_media_type');
  refused(await t.call('POST', '/v1/uploads', { token: citizen, json: { ...declare, mediaType: 'application/pdf' } }),
          422, 'protocol.upload_type_not_accepted');
  refused(await t.call('POST', '/v1/uploads', { token: citizen, json: { ...declare, pad: 'x'.repeat(1 << 20) } }),
          413, 'protocol.body_too_large');

  const created = ok(await t.call('POST', '/v1/uploads', { token: citizen, json: declare }), 201);
  const id = created.body.uploadId;
  assert.equal(created.headers.get('location'), `/v1/uploads/${id}`);
  ok(await patch(t, citizen, id, 0, photo.subarray(0, 777)), 204);
  const head = ok(await t.call('HEAD', `/v1/uploads/${id}`, { token: citizen }));
  assert.equal(head.headers.get('upload-offset'), '777');
  assert.equal((await t.call('HEAD', `/v1/uploads/${id}`, { token: enterprise })).status, 404);
  assert.equal((await t.call('HEAD', `/v1/uploads/${id}`)).status, 401);
  assert.equal((await t.call('HEAD', `/v1/uploads/${id}`, { token: caseworker })).status, 403);

  const wrong = refused(await patch(t, citizen, id, 0, photo.subarray(0, 10)), 409, 'protocol.upload_offset_mismatch');
  assert.equal(wrong.body.offset, 777);
  refused(await patch(t, citizen, id, 777, Buffer.concat([photo.subarray(777), Buffer.from('extra')])), 413,
          'protocol.upload_beyond_size');
  refused(await patch(t, citizen, id, 777, photo.subarray(777), 'application/octet-stream'), 415);
  refused(await patch(t, citizen, id, undefined, photo.subarray(777)), 400, 'protocol.bad_request');
  refused(await patch(t, enterprise, id, 777, photo.subarray(777)), 404, 'protocol.not_found');
  refused(await patch(t, caseworker, id, 777, photo.subarray(777)), 403, 'auth.forbidden');
  refused(await patch(t, undefined, id, 777, photo.subarray(777)), 401);
  const done = ok(await patch(t, citizen, id, 777, photo.subarray(777)), 204);
  assert.equal(done.headers.get('upload-offset'), String(photo.length));

  const status = ok(await t.call('GET', `/v1/uploads/${id}`, { token: citizen }));
  assert.deepEqual(status.body, { uploadId: id, offset: photo.length, size: photo.length, complete: true });
  refused(await t.call('GET', `/v1/uploads/${id}`, { token: enterprise }), 404, 'protocol.not_found');
  refused(await t.call('GET', `/v1/uploads/${id}`, { token: caseworker }), 403, 'auth.forbidden');
  refused(await t.call('GET', `/v1/uploads/${id}`), 401);
  assert.equal(ok(await t.call('POST', '/v1/uploads', { token: citizen, json: declare }), 200).body.uploadId, id);

  // Bytes that do not match the declared hash are discarded.
  const other = Buffer.from('a file whose hash will not match');
  const bad = ok(await t.call('POST', '/v1/uploads', { token: citizen,
    json: { sha256: sha256(Buffer.from('something else entirely!!!!!!!!')), size: other.length,
            mediaType: 'text/plain', name: 'x.txt' } }), 201);
  const mismatch = refused(await patch(t, citizen, bad.body.uploadId, 0, other), 422, 'protocol.upload_hash_mismatch');
  assert.equal(mismatch.body.reset, true);

  return { sha256: declare.sha256, name: declare.name, size: photo.length, mediaType: declare.mediaType };
}

async function submissions(t, { citizen, enterprise, caseworker }, photo) {
  const data = exampleData(kItem);
  data.attachments.jointPhoto = photo;
  const body = { itemId: kItem, formVersion: 1, data };
  const key = { 'Idempotency-Key': `tour-${Date.now()}-0001` };
  const post = (token, json, headers = key) => t.call('POST', '/v1/submissions', { token, json, headers });

  refused(await post(undefined, body), 401, 'auth.token_missing');
  refused(await post(caseworker, body), 403, 'auth.forbidden');
  refused(await post(citizen, body, {}), 400, 'protocol.idempotency_key_missing');
  refused(await post(citizen, body, { 'Idempotency-Key': 'short' }), 400, 'protocol.idempotency_key_invalid');
  refused(await post(citizen, { ...body, formVersion: 'one' }), 400, 'protocol.bad_request');
  refused(await t.call('POST', '/v1/submissions', { token: citizen, body: '{"itemId": ', headers: { ...key, 'Content-Type': 'application/json' } }),
          400, 'json.syntax');
  refused(await t.call('POST', '/v1/submissions', { token: citizen, body: 'x', headers: { ...key, 'Content-Type': 'text/plain' } }),
          415, 'protocol.unsupported_media_type');
  refused(await post(citizen, { ...body, pad: 'x'.repeat(1 << 20) }), 413, 'protocol.body_too_large');
  const invalid = refused(await post(citizen, { ...body, data: { ...data, declaration: undefined, husband: { ...data.husband, idNumber: '330106198802141014' } } }),
                          422, 'protocol.validation_failed');
  assert.equal(invalid.body.errors.length, 2);
  refused(await post(citizen, { ...body, formVersion: 9 }), 422, 'protocol.unknown_form');
  refused(await post(enterprise, body), 422, 'protocol.wrong_audience');

  // The refusals released the key: the valid application goes through with it, and a retry gets the same receipt.
  const first = ok(await post(citizen, body), 201);
  const receipt = first.body.receipt;
  assert.equal(first.headers.get('location'), `/v1/cases/${receipt.caseId}`);
  const again = ok(await post(citizen, body), 200);
  assert.deepEqual(again.body.receipt, receipt);
  assert.equal(again.headers.get('idempotent-replayed'), 'true');
  const other = structuredClone(body);
  other.data.original.registry = '示例市另一婚姻登记处';
  refused(await post(citizen, other), 422, 'protocol.idempotency_key_reused');

  // A batch: a second case that stays submitted (the traffic item has no attachments), the first application again
  // (the same receipt, replayed), a refused entry and one without a key, each answered as the single route would.
  const trafficEntry = { idempotencyKey: `tour-${Date.now()}-0002`, itemId: 'traffic-violation-confirmation', formVersion: 1,
                         data: exampleData('traffic-violation-confirmation') };
  const batch = (token, json) => t.call('POST', '/v1/submissions/batch', { token, json });
  const entries = [trafficEntry, { ...body, idempotencyKey: key['Idempotency-Key'] },
                   { ...trafficEntry, idempotencyKey: `tour-${Date.now()}-0003`, data: {} }, { ...body }];
  refused(await batch(undefined, { submissions: entries }), 401, 'auth.token_missing');
  refused(await batch(caseworker, { submissions: entries }), 403, 'auth.forbidden');
  refused(await batch(citizen, { submissions: [] }), 400, 'protocol.bad_request');
  refused(await batch(citizen, { submissions: Array(101).fill(trafficEntry) }), 413, 'protocol.batch_too_large');
  refused(await batch(citizen, { submissions: entries, pad: 'x'.repeat(4 << 20) }), 413, 'protocol.body_too_large');
  refused(await t.call('POST', '/v1/submissions/batch', { token: citizen, body: 'x', headers: { 'Content-Type': 'text/plain' } }),
          415, 'protocol.unsupported_media_type');
  const results = ok(await batch(citizen, { submissions: entries }), 200).body.results;
  assert.deepEqual(results.map((r) => r.status), [201, 200, 422, 400]);
  assert.equal(results[0].idempotencyKey, trafficEntry.idempotencyKey);
  assert.deepEqual(results[1].receipt, receipt);
  assert.equal(results[1].replayed, true);
  assert.equal(results[2].error.code, 'protocol.validation_failed');
  assert.ok(results[2].errors.length > 0);
  assert.equal(results[3].error.code, 'protocol.idempotency_key_missing');
  return { caseId: receipt.caseId, openCaseId: results[0].receipt.caseId };
}

async function myCases(t, { citizen, enterprise, caseworker }, caseId) {
  const list = ok(await t.call('GET', '/v1/cases?limit=1', { token: citizen }));
  assert.equal(list.body.cases.length, 1);
  assert.equal(typeof list.body.nextCursor, 'string');
  const next = ok(await t.call('GET', `/v1/cases?limit=1&cursor=${encodeURIComponent(list.body.nextCursor)}`, { token: citizen }));
  assert.equal(next.body.nextCursor, null);
  refused(await t.call('GET', '/v1/cases?limit=0', { token: citizen }), 400, 'protocol.bad_request');
  refused(await t.call('GET', '/v1/cases', { token: caseworker }), 403, 'auth.forbidden');
  refused(await t.call('GET', '/v1/cases'), 401);
  assert.deepEqual(ok(await t.call('GET', '/v1/cases', { token: enterprise })).body.cases, []);

  const one = ok(await t.call('GET', `/v1/cases/${caseId}`, { token: citizen }));
  assert.equal(one.body.state, 'submitted');
  assert.equal(one.body.events[0].kind, 'submitted');
  refused(await t.call('GET', `/v1/cases/${caseId}`, { token: enterprise }), 404, 'protocol.not_found');
  refused(await t.call('GET', `/v1/cases/${caseId}`, { token: caseworker }), 403);
  refused(await t.call('GET', `/v1/cases/${caseId}`), 401);
  refused(await t.call('GET', `/v1/cases/${caseId}/results/none`, { token: citizen }), 404, 'protocol.not_found');
  refused(await t.call('GET', `/v1/cases/${caseId}/results/none`, { token: caseworker }), 403);
  refused(await t.call('GET', `/v1/cases/${caseId}/results/none`), 401);

  const feed = ok(await t.call('GET', '/v1/changes?cursor=0', { token: citizen }));
  assert.equal(feed.body.events.length, 2);
  refused(await t.call('GET', '/v1/changes?cursor=-1', { token: citizen }), 400, 'protocol.bad_request');
  refused(await t.call('GET', '/v1/changes', { token: caseworker }), 403);
  refused(await t.call('GET', '/v1/changes'), 401);
  assert.deepEqual(ok(await t.call('GET', '/v1/changes', { token: enterprise })).body.events, []);
  return feed.body.cursor;
}

export async function applicantTour(t, tokens) {
  const photo = await uploads(t, tokens);
  const cases = await submissions(t, tokens, photo);
  const cursor = await myCases(t, tokens, cases.caseId);
  return { ...cases, photo, cursor };
}
