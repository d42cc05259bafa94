// Consultations, appointments and ratings: plain authenticated calls through the profile's sign-in; and the
// sign-in itself surviving reloads until sign-out.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { CITIZEN, PASSWORD, freshIndexedDB, loadSdk, startServer } from './helpers.mjs';

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

test('consultations, appointments and ratings', async () => {
  const profile = await sdk.openProfile('services', { indexedDB: freshIndexedDB(), server: server.url, autoSync: false,
    engine: { pullCatalog: false } });
  await profile.sync.signIn(CITIZEN, PASSWORD);

  const asked = await profile.consultations.ask('low-rent-housing', '申请廉租住房需要提供哪些收入证明？');
  assert.equal(asked.itemId, 'low-rent-housing');
  assert.equal(asked.answered, false);
  const mine = await profile.consultations.list();
  assert.deepEqual(mine.map((c) => c.consultationId), [asked.consultationId]);
  assert.equal((await profile.consultations.get(asked.consultationId)).question, asked.question);
  assert.ok(Array.isArray(await profile.consultations.faq('low-rent-housing')));

  const slots = await profile.appointments.slots();
  assert.ok(slots.length > 0, 'the demo server has open slots');
  const slot = slots.find((s) => s.remaining > 0);
  const hold = await profile.appointments.hold(slot.slotId);
  assert.equal(hold.slotId, slot.slotId);
  const booked = await profile.appointments.book(hold.holdId);
  assert.equal(booked.state, 'booked');
  assert.equal(booked.slot.slotId, slot.slotId);
  assert.deepEqual((await profile.appointments.list()).map((a) => a.appointmentId), [booked.appointmentId]);
  await profile.appointments.cancel(booked.appointmentId);
  assert.equal((await profile.appointments.get(booked.appointmentId)).state, 'cancelled');

  const notMine = await rejection(profile.ratings.rate('case_unknown', 5, '很好'));
  assert.equal(notMine.code, 'protocol.not_found');
  await profile.close();
});

test('the sign-in survives reloads until sign-out, which is durable too', async () => {
  const indexedDB = freshIndexedDB();
  const options = { indexedDB, autoSync: false, engine: { pullCatalog: false } };
  let profile = await sdk.openProfile('signed-in', { ...options, server: server.url });
  await profile.sync.signIn(CITIZEN, PASSWORD);
  await profile.close();
  profile = await sdk.openProfile('signed-in', options);
  assert.equal(profile.sync.status().signedIn, true);
  assert.equal(profile.sync.status().account.kind, 'citizen');
  assert.ok(Array.isArray(await profile.consultations.list()));
  await profile.sync.signOut();
  assert.equal(profile.sync.status().signedIn, false);
  await profile.close();
  profile = await sdk.openProfile('signed-in', options);
  assert.equal(profile.sync.status().signedIn, false);
  assert.equal((await rejection(profile.consultations.list())).code, 'auth.token_missing');
  await profile.close();
});
