// docs/openapi.yaml and wangban-server agree: every route served is documented, every documented operation is
// served, and an end-to-end tour of the protocol only sees documented statuses and schema-valid bodies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doc, operations, servedRoutes, startServer, Tour } from './openapi_harness.mjs';
import { tour } from './protocol_tour.mjs';

test('the document is OpenAPI 3.1', () => {
  assert.match(doc.openapi, /^3\.1\./);
});

test('every served route is documented and every documented operation is served', () => {
  const served = new Set(servedRoutes().map((r) => `${r.method} ${r.path}`));
  const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
  const undocumented = [...served].filter((r) => !documented.has(r));
  const unserved = [...documented].filter((r) => !served.has(r));
  assert.deepEqual(undocumented, [], 'served but not in docs/openapi.yaml');
  assert.deepEqual(unserved, [], 'in docs/openapi.yaml but not served');
});

test('a tour of the whole protocol matches the document, and exercises every operation', async () => {
  const server = await startServer();
  try {
    const t = new Tour(server.url);
    await tour(t);
    assert.deepEqual(t.problems, []);
    const missed = operations().map((o) => `${o.method} ${o.path}`).filter((k) => !t.exercised.has(k));
    assert.deepEqual(missed, [], 'documented operations the tour never called');
  } finally {
    const { code } = await server.stop();
    assert.equal(code, 0, 'wangban-server stops cleanly on SIGTERM');
  }
});
