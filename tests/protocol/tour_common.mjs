// What the parts of the protocol tour share: the demo accounts, signing in, hashing, and checks of error bodies.

import assert from 'node:assert/strict';
import crypto from 'node:crypto';

export const demo = {
  citizen: { account: '11010519491231002X', password: 'wangban-demo' },
  enterprise: { account: '91350100M000100Y43', password: 'wangban-demo' },
  caseworker: { account: 'caseworker', password: 'wangban-demo' },
};

export async function login(t, who) {
  const r = await t.call('POST', '/v1/auth/login', { json: demo[who] });
  assert.equal(r.status, 200);
  return r.body;
}

export function sha256(bytes) {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

// Asserts the status and the error code of a refusal (the Tour has already checked the body's shape).
export function refused(r, status, code) {
  assert.equal(r.status, status, `expected ${status} ${code ?? ''}, got ${r.status} ${r.raw?.toString('utf8')}`);
  if (code) assert.equal(r.body?.error?.code, code);
  return r;
}

export function ok(r, status = 200) {
  assert.equal(r.status, status, `expected ${status}, got ${r.status} ${r.raw?.toString('utf8')}`);
  return r;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
