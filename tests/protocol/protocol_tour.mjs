// One pass over protocol v1, the way clients use it: the public catalog, identity, then an application from upload
// to rating (tour_applicant, tour_caseworker), consultations and appointments (tour_services), and the sign-in rate
// limit last (it blocks an account). Every response is checked by the Tour.

import assert from 'node:assert/strict';
import { demo, login } from './tour_common.mjs';
import { applicantTour } from './tour_applicant.mjs';
import { caseworkerTour } from './tour_caseworker.mjs';
import { servicesTour } from './tour_services.mjs';

export { demo };

export async function tour(t) {
  // meta and catalog (public)
  assert.equal((await t.call('GET', '/v1/health')).status, 200);
  const cat = await t.call('GET', '/v1/catalog');
  assert.equal(cat.status, 200);
  assert.equal((await t.call('GET', '/v1/catalog', { headers: { 'If-None-Match': cat.headers.get('etag') } })).status, 304);
  assert.equal((await t.call('GET', '/v1/catalog?visits=9')).status, 400);
  assert.equal((await t.call('GET', '/v1/forms/low-rent-housing')).status, 200);
  assert.equal((await t.call('GET', '/v1/forms/nothing-here')).status, 404);
  const def = await t.call('GET', '/v1/forms/low-rent-housing/versions/1');
  assert.equal(def.status, 200);
  assert.equal((await t.call('GET', '/v1/forms/low-rent-housing/versions/1', { headers: { 'If-None-Match': def.headers.get('etag') } })).status, 304);
  assert.equal((await t.call('GET', '/v1/forms/low-rent-housing/versions/x')).status, 400);
  assert.equal((await t.call('GET', '/v1/forms/low-rent-housing/versions/7')).status, 404);
  const guide = await t.call('GET', '/v1/forms/low-rent-housing/guide');
  assert.equal(guide.status, 200);
  assert.equal((await t.call('GET', '/v1/forms/nothing-here/guide')).status, 404);
  assert.equal((await t.call('GET', guide.body.downloads[0].url)).status, 200);
  assert.equal((await t.call('GET', '/v1/forms/low-rent-housing/downloads/none.pdf')).status, 404);

  // identity
  assert.equal((await t.call('POST', '/v1/auth/login', { json: { account: demo.citizen.account } })).status, 400);
  assert.equal((await t.call('POST', '/v1/auth/login', { body: 'x', headers: { 'Content-Type': 'text/plain' } })).status, 415);
  assert.equal((await t.call('POST', '/v1/auth/login', { json: { ...demo.citizen, pad: 'x'.repeat(16 * 1024) } })).status, 413);
  assert.equal((await t.call('POST', '/v1/auth/refresh', { body: 'x', headers: { 'Content-Type': 'text/plain' } })).status, 415);
  assert.equal((await t.call('POST', '/v1/auth/login', { json: { ...demo.enterprise, password: 'wrong-password' } })).status, 401);
  const citizen = await login(t, 'citizen');
  assert.equal((await t.call('GET', '/v1/me', { token: citizen.accessToken })).status, 200);
  assert.equal((await t.call('GET', '/v1/me')).status, 401);
  const refreshed = await t.call('POST', '/v1/auth/refresh', { json: { refreshToken: citizen.refreshToken } });
  assert.equal(refreshed.status, 200);
  assert.equal((await t.call('POST', '/v1/auth/refresh', { json: {} })).status, 400);
  assert.equal((await t.call('POST', '/v1/auth/refresh', { json: { refreshToken: citizen.refreshToken } })).status, 401);
  const again = await login(t, 'citizen');
  assert.equal((await t.call('POST', '/v1/auth/logout', { token: again.accessToken })).status, 204);
  assert.equal((await t.call('POST', '/v1/auth/logout', { token: again.accessToken })).status, 401);

  const tokens = {
    citizen: (await login(t, 'citizen')).accessToken,
    enterprise: (await login(t, 'enterprise')).accessToken,
    caseworker: (await login(t, 'caseworker')).accessToken,
  };
  const cases = await applicantTour(t, tokens);
  await caseworkerTour(t, tokens, cases);
  await servicesTour(t, tokens);

  for (let i = 0; i < 5; ++i) await t.call('POST', '/v1/auth/login', { json: { ...demo.caseworker, password: 'wrong-password' } });
  assert.equal((await t.call('POST', '/v1/auth/login', { json: demo.caseworker })).status, 429);
}
