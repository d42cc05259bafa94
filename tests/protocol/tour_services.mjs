// Consultations (asked, answered, published in the FAQ) and appointments (slots, holds, bookings, cancelling),
// including a slot that starts during the tour.

import assert from 'node:assert/strict';
import { ok, refused, sleep } from './tour_common.mjs';

const kItem = 'marriage-certificate-reissue';
const kHour = 3600 * 1000;

async function consultations(t, { citizen, enterprise, caseworker }) {
  const ask = (token, json) => t.call('POST', '/v1/consultations', { token, json });
  const asked = ok(await ask(citizen, { itemId: kItem, question: '  补领需要带户口本原件吗？ ' }), 201);
  const id = asked.body.consultationId;
  assert.equal(asked.body.question, '补领需要带户口本原件吗？');
  refused(await ask(citizen, { itemId: kItem, question: ' ' }), 400, 'protocol.text_length');
  refused(await ask(citizen, { itemId: 'no-such-item', question: '有吗？' }), 404, 'protocol.not_found');
  refused(await ask(citizen, { itemId: kItem, question: 'x'.repeat(70000) }), 413, 'protocol.body_too_large');
  refused(await t.call('POST', '/v1/consultations', { token: citizen, body: 'x', headers: { 'Content-Type': 'text/plain' } }), 415);
  refused(await ask(caseworker, { itemId: kItem, question: '?' }), 403, 'auth.forbidden');
  refused(await ask(undefined, { itemId: kItem, question: '?' }), 401);

  assert.equal(ok(await t.call('GET', '/v1/consultations', { token: citizen })).body.consultations[0].consultationId, id);
  refused(await t.call('GET', '/v1/consultations', { token: caseworker }), 403);
  refused(await t.call('GET', '/v1/consultations'), 401);
  ok(await t.call('GET', `/v1/consultations/${id}`, { token: citizen }));
  refused(await t.call('GET', `/v1/consultations/${id}`, { token: enterprise }), 404, 'protocol.not_found');
  refused(await t.call('GET', `/v1/consultations/${id}`, { token: caseworker }), 403);
  refused(await t.call('GET', `/v1/consultations/${id}`), 401);

  const queue = ok(await t.call('GET', '/v1/admin/consultations?answered=false&limit=10', { token: caseworker }));
  assert.equal(queue.body.consultations[0].consultationId, id);
  refused(await t.call('GET', '/v1/admin/consultations?answered=maybe', { token: caseworker }), 400, 'protocol.bad_request');
  refused(await t.call('GET', '/v1/admin/consultations', { token: citizen }), 403, 'auth.forbidden');
  refused(await t.call('GET', '/v1/admin/consultations'), 401);

  const answer = (token, cid, json) => t.call('POST', `/v1/admin/consultations/${cid}/answer`, { token, json });
  const answered = ok(await answer(caseworker, id, { answer: '需要，请携带户口本原件。', publish: true }));
  assert.equal(answered.body.published, true);
  refused(await answer(caseworker, id, { answer: '' }), 400, 'protocol.text_length');
  refused(await answer(caseworker, 'cns_nope', { answer: '要' }), 404, 'protocol.not_found');
  refused(await answer(caseworker, id, { answer: 'x'.repeat(70000) }), 413);
  refused(await t.call('POST', `/v1/admin/consultations/${id}/answer`, { token: caseworker, body: 'x', headers: { 'Content-Type': 'text/plain' } }), 415);
  refused(await answer(citizen, id, { answer: '要' }), 403, 'auth.forbidden');
  refused(await answer(undefined, id, { answer: '要' }), 401);
  assert.equal(ok(await t.call('GET', `/v1/consultations/${id}`, { token: citizen })).body.answer, '需要，请携带户口本原件。');

  const faq = ok(await t.call('GET', `/v1/forms/${kItem}/consultations`));
  assert.equal(faq.body.consultations.length, 1);
  assert.ok(!('accountId' in faq.body.consultations[0]));
  refused(await t.call('GET', '/v1/forms/no-such-item/consultations'), 404);
}

async function appointments(t, { citizen, enterprise, caseworker }) {
  const now = Date.now();
  const slotBody = { itemId: kItem, location: '市民中心二楼 12 号窗口', startsAt: now + 24 * kHour, endsAt: now + 25 * kHour, capacity: 2 };
  const open = (token, json) => t.call('POST', '/v1/admin/appointment-slots', { token, json });
  const slot = ok(await open(caseworker, slotBody), 201).body;
  refused(await open(caseworker, { ...slotBody, capacity: 0 }), 400, 'protocol.slot_capacity_invalid');
  refused(await open(caseworker, { ...slotBody, itemId: 'no-such-item' }), 404, 'protocol.not_found');
  refused(await open(caseworker, { ...slotBody, location: 'x'.repeat(70000) }), 413);
  refused(await t.call('POST', '/v1/admin/appointment-slots', { token: caseworker, body: 'x', headers: { 'Content-Type': 'text/plain' } }), 415);
  refused(await open(citizen, slotBody), 403, 'auth.forbidden');
  refused(await open(undefined, slotBody), 401);

  const listed = ok(await t.call('GET', `/v1/appointment-slots?itemId=${kItem}&from=${now + 23 * kHour}&to=${now + 26 * kHour}`));
  assert.deepEqual(listed.body.slots.map((s) => s.slotId), [slot.slotId]);
  refused(await t.call('GET', '/v1/appointment-slots?from=yesterday'), 400, 'protocol.bad_request');

  const hold = (token, slotId) => t.call('POST', '/v1/appointments/holds', { token, json: { slotId } });
  const held = ok(await hold(citizen, slot.slotId), 201).body;
  const again = refused(await hold(citizen, slot.slotId), 409, 'protocol.appointment_already_held');
  assert.equal(again.body.hold.holdId, held.holdId);
  refused(await hold(citizen, 'slot_nope'), 404, 'protocol.not_found');
  refused(await t.call('POST', '/v1/appointments/holds', { token: citizen, json: {} }), 400, 'protocol.bad_request');
  refused(await t.call('POST', '/v1/appointments/holds', { token: citizen, json: { slotId: 'x'.repeat(70000) } }), 413);
  refused(await t.call('POST', '/v1/appointments/holds', { token: citizen, body: 'x', headers: { 'Content-Type': 'text/plain' } }), 415);
  refused(await hold(caseworker, slot.slotId), 403, 'auth.forbidden');
  refused(await hold(undefined, slot.slotId), 401);

  const book = (token, holdId) => t.call('POST', '/v1/appointments', { token, json: { holdId } });
  refused(await book(enterprise, held.holdId), 404, 'protocol.not_found');
  const booked = ok(await book(citizen, held.holdId), 201).body;
  assert.equal(ok(await book(citizen, held.holdId), 200).body.appointmentId, booked.appointmentId);
  refused(await t.call('POST', '/v1/appointments', { token: citizen, json: {} }), 400);
  refused(await t.call('POST', '/v1/appointments', { token: citizen, json: { holdId: 'x'.repeat(70000) } }), 413);
  refused(await t.call('POST', '/v1/appointments', { token: citizen, body: 'x', headers: { 'Content-Type': 'text/plain' } }), 415);
  refused(await book(caseworker, held.holdId), 403);
  refused(await book(undefined, held.holdId), 401);

  assert.equal(ok(await t.call('GET', '/v1/appointments', { token: citizen })).body.appointments.length, 1);
  assert.deepEqual(ok(await t.call('GET', '/v1/appointments', { token: enterprise })).body.appointments, []);
  refused(await t.call('GET', '/v1/appointments', { token: caseworker }), 403);
  refused(await t.call('GET', '/v1/appointments'), 401);
  const path = `/v1/appointments/${booked.appointmentId}`;
  assert.equal(ok(await t.call('GET', path, { token: citizen })).body.state, 'booked');
  refused(await t.call('GET', path, { token: enterprise }), 404, 'protocol.not_found');
  refused(await t.call('GET', path, { token: caseworker }), 403);
  refused(await t.call('GET', path), 401);
  refused(await t.call('DELETE', path, { token: enterprise }), 404, 'protocol.not_found');
  refused(await t.call('DELETE', path, { token: caseworker }), 403);
  refused(await t.call('DELETE', path), 401);
  ok(await t.call('DELETE', path, { token: citizen }), 204);
  assert.equal(ok(await t.call('GET', path, { token: citizen })).body.state, 'cancelled');

  // A slot about to start: booked and held now, too late to cancel or book once it has begun.
  const soon = ok(await open(caseworker, { ...slotBody, startsAt: Date.now() + 3000, endsAt: Date.now() + kHour }), 201).body;
  const soonBooked = ok(await book(citizen, ok(await hold(citizen, soon.slotId), 201).body.holdId), 201).body;
  const soonHeld = ok(await hold(enterprise, soon.slotId), 201).body;
  refused(await hold(citizen, soon.slotId), 409, 'protocol.appointment_already_booked');
  await sleep(Math.max(0, soon.startsAt - Date.now()) + 50);
  refused(await t.call('DELETE', `/v1/appointments/${soonBooked.appointmentId}`, { token: citizen }), 409, 'protocol.appointment_started');
  refused(await book(enterprise, soonHeld.holdId), 409, 'protocol.slot_started');
  refused(await hold(citizen, soon.slotId), 409, 'protocol.slot_started');
}

export async function servicesTour(t, tokens) {
  await consultations(t, tokens);
  await appointments(t, tokens);
}
