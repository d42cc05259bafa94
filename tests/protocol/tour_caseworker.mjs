// The caseworkers' half of the tour, with the applicant answering: the work list, moving the case through the
// lifecycle (with a supplement round trip), publishing and downloading the result, supervision, and the rating.

import assert from 'node:assert/strict';
import { ok, refused } from './tour_common.mjs';

const kDepartment = 'civilAffairs';

function move(t, token, caseId, to, extra = {}) {
  return t.call('POST', `/v1/admin/cases/${caseId}/transitions`, { token, json: { department: kDepartment, to, ...extra } });
}

async function workList(t, { citizen, caseworker }, caseId) {
  const list = ok(await t.call('GET', '/v1/admin/cases?state=submitted&limit=1', { token: caseworker }));
  assert.equal(list.body.cases.length, 1);
  assert.equal(typeof list.body.nextCursor, 'string');
  ok(await t.call('GET', `/v1/admin/cases?itemId=marriage-certificate-reissue&overdue=false&department=${kDepartment}`, { token: caseworker }));
  refused(await t.call('GET', '/v1/admin/cases?state=done', { token: caseworker }), 400, 'protocol.bad_request');
  refused(await t.call('GET', '/v1/admin/cases', { token: citizen }), 403, 'auth.forbidden');
  refused(await t.call('GET', '/v1/admin/cases'), 401);

  const detail = ok(await t.call('GET', `/v1/admin/cases/${caseId}`, { token: caseworker }));
  assert.equal(detail.body.applicant.kind, 'citizen');
  assert.equal(detail.body.attachments.length, 1);
  refused(await t.call('GET', '/v1/admin/cases/no-such-case', { token: caseworker }), 404, 'protocol.not_found');
  refused(await t.call('GET', `/v1/admin/cases/${caseId}`, { token: citizen }), 403);
  refused(await t.call('GET', `/v1/admin/cases/${caseId}`), 401);

  const sha = detail.body.attachments[0].sha256;
  const file = ok(await t.call('GET', `/v1/admin/cases/${caseId}/attachments/${sha}`, { token: caseworker }));
  assert.equal(file.raw.length, detail.body.attachments[0].size);
  refused(await t.call('GET', `/v1/admin/cases/${caseId}/attachments/${'a'.repeat(64)}`, { token: caseworker }), 404);
  refused(await t.call('GET', `/v1/admin/cases/${caseId}/attachments/${sha}`, { token: citizen }), 403);
  refused(await t.call('GET', `/v1/admin/cases/${caseId}/attachments/${sha}`), 401);
}

// accepted → in_review → supplement_requested → (the applicant supplies) → in_review → approved.
async function lifecycle(t, { citizen, enterprise, caseworker }, caseId) {
  const supply = (token, json) => t.call('POST', `/v1/cases/${caseId}/supplements`, { token, json });
  refused(await supply(citizen, { note: '还没有要求补正' }), 409, 'protocol.not_awaiting_supplement');

  refused(await move(t, caseworker, caseId, 'approved'), 409, 'protocol.invalid_transition');
  refused(await move(t, caseworker, caseId, 'accepted', { department: 'nobody' }), 422, 'protocol.unknown_department');
  refused(await move(t, caseworker, caseId, 'done'), 400, 'protocol.bad_request');
  refused(await t.call('POST', `/v1/admin/cases/${caseId}/transitions`, { token: caseworker, body: 'x', headers: { 'Content-Type': 'text/plain' } }),
          415);
  refused(await move(t, caseworker, caseId, 'accepted', { note: 'x'.repeat(1 << 20) }), 413, 'protocol.body_too_large');
  refused(await move(t, citizen, caseId, 'accepted'), 403, 'auth.forbidden');
  refused(await move(t, undefined, caseId, 'accepted'), 401);
  refused(await move(t, caseworker, 'no-such-case', 'accepted'), 404);
  const accepted = ok(await move(t, caseworker, caseId, 'accepted', { note: '材料齐全，予以受理' }));
  assert.equal(accepted.body.case.state, 'accepted');
  ok(await move(t, caseworker, caseId, 'in_review'));
  refused(await move(t, caseworker, caseId, 'supplement_requested'), 422, 'protocol.missing_required');
  refused(await move(t, caseworker, caseId, 'supplement_requested', { missing: [{ materialId: 'passport', reason: { 'zh-CN': '缺少' } }] }),
          422, 'protocol.missing_unknown');
  const asked = ok(await move(t, caseworker, caseId, 'supplement_requested', {
    note: '请补正',
    missing: [{ materialId: 'jointPhoto', reason: { 'zh-CN': '合影不清晰', en: 'The photo is blurred' } },
              { field: 'husbandMobile', reason: { 'zh-CN': '号码无法接通' } }],
  }));
  assert.equal(asked.body.event.kind, 'supplement_requested');
  refused(await move(t, caseworker, caseId, 'in_review'), 409, 'protocol.awaiting_applicant');
  const waiting = ok(await t.call('GET', `/v1/admin/cases/${caseId}`, { token: caseworker }));
  assert.equal(waiting.body.supplementRequests.length, 1);

  refused(await supply(citizen, { data: { husband: { mobile: '123' } } }), 422, 'protocol.validation_failed');
  refused(await supply(citizen, { data: { attachments: { jointPhoto: { sha256: 'b'.repeat(64), name: 'x.jpg', size: 9, mediaType: 'image/jpeg' } } } }),
          422, 'protocol.attachment_missing');
  refused(await supply(citizen, { note: 5 }), 400, 'protocol.bad_request');
  refused(await t.call('POST', `/v1/cases/${caseId}/supplements`, { token: citizen, body: 'x', headers: { 'Content-Type': 'text/plain' } }), 415);
  refused(await supply(citizen, { note: 'x'.repeat(1 << 20) }), 413, 'protocol.body_too_large');
  refused(await supply(enterprise, { note: '别人的办件' }), 404, 'protocol.not_found');
  refused(await supply(caseworker, { note: 'x' }), 403, 'auth.forbidden');
  refused(await supply(undefined, { note: 'x' }), 401);
  const supplied = ok(await supply(citizen, { data: { husband: { mobile: '13700000009' } }, note: '已更正手机号码' }));
  assert.equal(supplied.body.state, 'in_review');
  assert.deepEqual(supplied.body.event.detail.changed, ['/husband/mobile']);
  ok(await move(t, caseworker, caseId, 'approved'));
}

async function results(t, { citizen, enterprise, caseworker }, caseId, openCaseId) {
  const body = { name: '补发结婚证通知书.pdf', mediaType: 'application/pdf', contentBase64: Buffer.from('%PDF-1.7 tour').toString('base64') };
  const publish = (token, id, json = body) => t.call('POST', `/v1/admin/cases/${id}/results`, { token, json });
  refused(await publish(caseworker, openCaseId), 409, 'protocol.result_not_decided');
  refused(await publish(caseworker, caseId, { ...body, name: '../x.pdf' }), 400, 'protocol.bad_request');
  refused(await publish(caseworker, caseId, { ...body, department: 'nobody' }), 422, 'protocol.unknown_department');
  refused(await publish(caseworker, caseId, { ...body, contentBase64: 'QUJD'.repeat(1_800_000) }), 413, 'protocol.result_too_large');
  refused(await t.call('POST', `/v1/admin/cases/${caseId}/results`, { token: caseworker, body: 'x', headers: { 'Content-Type': 'text/plain' } }), 415);
  refused(await publish(citizen, caseId), 403, 'auth.forbidden');
  refused(await publish(undefined, caseId), 401);
  refused(await publish(caseworker, 'no-such-case'), 404);
  const published = ok(await publish(caseworker, caseId), 201);
  assert.equal(published.body.case.state, 'result_available');
  const adminUrl = published.body.result.url;
  assert.equal(published.headers.get('location'), adminUrl);

  const adminCopy = ok(await t.call('GET', adminUrl, { token: caseworker }));
  assert.equal(adminCopy.raw.toString(), '%PDF-1.7 tour');
  refused(await t.call('GET', `/v1/admin/cases/${caseId}/results/none`, { token: caseworker }), 404);
  refused(await t.call('GET', adminUrl, { token: citizen }), 403);
  refused(await t.call('GET', adminUrl), 401);

  const mine = ok(await t.call('GET', `/v1/cases/${caseId}`, { token: citizen }));
  assert.equal(mine.body.state, 'result_available');
  const url = mine.body.results[0].url;
  const doc = ok(await t.call('GET', url, { token: citizen }));
  assert.equal(doc.headers.get('content-type'), 'application/pdf');
  assert.equal(doc.headers.get('etag'), `"${mine.body.results[0].sha256}"`);
  refused(await t.call('GET', url, { token: enterprise }), 404, 'protocol.not_found');
}

async function supervision(t, { citizen, caseworker }) {
  const report = ok(await t.call('GET', '/v1/admin/supervision', { token: caseworker }));
  assert.equal(report.body.totals.cases, 2);
  assert.equal(report.body.onTime.completed, 1);
  refused(await t.call('GET', '/v1/admin/supervision', { token: citizen }), 403, 'auth.forbidden');
  refused(await t.call('GET', '/v1/admin/supervision'), 401);
}

async function ratings(t, { citizen, enterprise, caseworker }, caseId, openCaseId) {
  const rate = (token, id, json) => t.call('POST', `/v1/cases/${id}/rating`, { token, json });
  refused(await t.call('GET', `/v1/cases/${caseId}/rating`, { token: citizen }), 404);  // not rated yet
  refused(await rate(citizen, openCaseId, { level: 5 }), 409, 'protocol.case_not_completed');
  refused(await rate(citizen, caseId, { level: 6 }), 400, 'protocol.rating_level_invalid');
  refused(await rate(citizen, caseId, { level: 5, comment: 'x'.repeat(70000) }), 413, 'protocol.body_too_large');
  refused(await t.call('POST', `/v1/cases/${caseId}/rating`, { token: citizen, body: 'x', headers: { 'Content-Type': 'text/plain' } }), 415);
  refused(await rate(enterprise, caseId, { level: 1 }), 404, 'protocol.not_found');
  refused(await rate(caseworker, caseId, { level: 1 }), 403, 'auth.forbidden');
  refused(await rate(undefined, caseId, { level: 1 }), 401);
  const rated = ok(await rate(citizen, caseId, { level: 5, comment: '补领很快' }), 201);
  assert.equal(rated.body.levelName['zh-CN'], '非常满意');
  refused(await rate(citizen, caseId, { level: 4 }), 409, 'protocol.already_rated');
  assert.deepEqual(ok(await t.call('GET', `/v1/cases/${caseId}/rating`, { token: citizen })).body, rated.body);
  refused(await t.call('GET', `/v1/cases/${caseId}/rating`, { token: enterprise }), 404, 'protocol.not_found');
  refused(await t.call('GET', `/v1/cases/${caseId}/rating`, { token: caseworker }), 403);
  refused(await t.call('GET', `/v1/cases/${caseId}/rating`), 401);

  const summary = ok(await t.call('GET', '/v1/admin/ratings/summary', { token: caseworker }));
  assert.equal(summary.body.total, 1);
  assert.equal(summary.body.byItem[0].department, kDepartment);
  refused(await t.call('GET', '/v1/admin/ratings/summary', { token: citizen }), 403, 'auth.forbidden');
  refused(await t.call('GET', '/v1/admin/ratings/summary'), 401);
}

export async function caseworkerTour(t, tokens, { caseId, openCaseId, cursor }) {
  await workList(t, tokens, caseId);
  await lifecycle(t, tokens, caseId);
  await results(t, tokens, caseId, openCaseId);
  await supervision(t, tokens);
  await ratings(t, tokens, caseId, openCaseId);
  // The applicant's feed holds every step since the submissions.
  const feed = ok(await t.call('GET', `/v1/changes?cursor=${cursor}`, { token: tokens.citizen }));
  assert.deepEqual(feed.body.events.map((e) => e.kind),
                   ['status', 'status', 'supplement_requested', 'supplement_provided', 'status', 'result', 'rated']);
}
