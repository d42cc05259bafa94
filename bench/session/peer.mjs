// What a JavaScript form library does per keystroke on the same 1,000-field form: apply the edit, re-validate the
// whole application with ajv 8 (Ajv2020 + ajv-formats, compiled once) and re-evaluate all 300 rules with
// json-logic-engine (each row rule once per row). Usage: node peer.mjs DIR [EDITS] [interpreted|compiled]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');
const { LogicEngine } = require('json-logic-engine');

const dir = process.argv[2];
const edits = Number(process.argv[3] || 3000);
const mode = process.argv[4] || 'compiled';
const form = JSON.parse(fs.readFileSync(path.join(dir, 'big-form.json'), 'utf8'));
const data = JSON.parse(fs.readFileSync(path.join(dir, 'big-data.json'), 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addFormat('cn-mobile', /^1[3-9]\d{9}$/);
const validate = ajv.compile(form.schema);

const engine = new LogicEngine();
engine.addMethod('sum', ([rows, key]) => (rows || []).reduce((s, r) => s + Number(key ? r?.[key] ?? 0 : r), 0));
// Rules read the row as "$row.x" (Wangban's convention); give the peer the same data shape.
const rules = form.rules.map((r) => {
  const rowScoped = JSON.stringify(r.logic).includes('$row');
  const arr = rowScoped ? r.target.split('_')[0] : null;
  const fn = mode === 'compiled' ? engine.build(r.logic) : (d) => engine.run(r.logic, d);
  return { rowScoped, arr, fn };
});

function evaluateAll(doc) {
  let n = 0;
  for (const r of rules) {
    if (r.rowScoped) {
      for (const row of doc[r.arr]) { r.fn({ ...doc, $row: row }); n++; }
    } else { r.fn(doc); n++; }
  }
  return n;
}

// The same kind of edits as bench_session.cpp (scalar fields 80%, row fields 20%).
let seed = 42;
const rand = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const times = [];
for (let i = 0; i < edits; i++) {
  const t0 = process.hrtime.bigint();
  if (rand(5) === 0) {
    const g = rand(2), r = rand(50), c = rand(9);
    data['items' + g][r]['c' + c] = c >= 6 ? rand(1000) / 4 : '值' + (i % 97);
  } else {
    const s = rand(49), f = rand(20);
    const values = ['李四' + (i % 50), rand(200000) / 100, 'abcd'[i % 4], '2024-0' + (1 + i % 9) + '-15', '1390013900' + (i % 10)];
    data['s' + s]['f' + f] = values[f % 5];
  }
  validate(data);
  evaluateAll(data);
  times.push(Number(process.hrtime.bigint() - t0) / 1000);
}
times.sort((a, b) => a - b);
const pct = (p) => times[Math.min(times.length - 1, Math.round(p * (times.length - 1)))];
console.log(JSON.stringify({ peer: `ajv ${require('ajv/package.json').version} + json-logic-engine ${JSON.parse(fs.readFileSync(path.join(process.cwd(), 'node_modules/json-logic-engine/package.json'))).version} (${mode})`,
  edits, keystroke_p50_us: pct(0.5), keystroke_p99_us: pct(0.99) }));
