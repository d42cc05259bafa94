// The "20-rule pass" (bench/logic/rules.json against bench/logic/application.json, a household of 50 rows):
// Wangban native (a separate process), Wangban wasm called from JavaScript, json-logic-engine's interpreter
// (LogicEngine.run, its default mode, not LogicEngine.build) and json-logic-js, in the same run, interleaved in
// rounds so that machine load hits all of them alike. Every engine's results are checked against Wangban
// native's before timing.
// Usage: node bench/logic/run.mjs NATIVE_BENCH WASM_MODULE [SECONDS_PER_ROUND] [ROUNDS]
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(path.join(process.cwd(), 'package.json'));
const jsonLogic = require('json-logic-js');
const { LogicEngine } = require('json-logic-engine');

const [nativeBin, wasmModule] = process.argv.slice(2, 4);
const seconds = Number(process.argv[4] || 1.5);
const rounds = Number(process.argv[5] || 5);
const TODAY = '2026-11-26';
const rulesText = fs.readFileSync(path.join(here, 'rules.json'), 'utf8');
const dataText = fs.readFileSync(path.join(here, 'application.json'), 'utf8');
const rules = JSON.parse(rulesText);
const data = JSON.parse(dataText);

// Wangban's form helpers for the JavaScript engines, with the semantics of docs/form-format.md.
function parseDate(s) {
  const m = typeof s === 'string' && /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}
const leap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
function age(birth, on = TODAY) {
  const b = parseDate(birth), o = parseDate(on);
  if (!b || !o) return null;
  let [, bm, bd] = b;
  if (bm === 2 && bd === 29 && !leap(o[0])) { bm = 3; bd = 1; }
  let years = o[0] - b[0];
  if (o[1] < bm || (o[1] === bm && o[2] < bd)) years--;
  return years;
}
function quantity(v) {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return 0;
}
function sum(rows, field) {
  if (!Array.isArray(rows)) return 0;
  let total = 0;
  for (const r of rows) total += quantity(field ? field.split('.').reduce((o, k) => (o == null ? undefined : o[k]), r) : r);
  return total;
}
const count = (rows) => (Array.isArray(rows) ? rows.length : 0);
function round(x, d = 0) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return null;
  const r = Number(Math.round(Number(Math.abs(x) + 'e' + d)) + 'e' + -d);
  return x < 0 ? -r : r;
}
const helpers = { age, sum, count, round };

for (const [name, fn] of Object.entries(helpers)) jsonLogic.add_operation(name, fn);
const engine = new LogicEngine();
for (const [name, fn] of Object.entries(helpers)) engine.addMethod(name, (args) => fn(...(Array.isArray(args) ? args : [args])));

// The wasm module: rules and data are loaded once into wasm memory (as a live draft holds them); a pass is one
// call into wasm that evaluates the 20 rules.
const createBenchLogic = require(path.resolve(wasmModule));
const wasm = await createBenchLogic();
if (wasm.ccall('wb_bench_load', 'number', ['string', 'string', 'string'], [rulesText, dataText, TODAY]) !== rules.length)
  throw new Error('wasm: rules did not load');
const wasmPass = wasm.cwrap('wb_bench_pass', 'number', []);

const engines = {
  'Wangban wasm': () => wasmPass(),
  'json-logic-engine (interpreter)': () => { for (const r of rules) engine.run(r.logic, data); },
  'json-logic-js': () => { for (const r of rules) jsonLogic.apply(r.logic, data); },
};

// Cross-check: the same 20 results everywhere (numbers by value).
const expected = JSON.parse(execFileSync(nativeBin, [path.join(here, 'rules.json'), path.join(here, 'application.json'), TODAY, '0', '--results'], { encoding: 'utf8' }));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const got = {
  'Wangban wasm': JSON.parse(wasm.UTF8ToString ? wasm.UTF8ToString(wasm.ccall('wb_bench_results', 'number', [], [])) : wasm.ccall('wb_bench_results', 'string', [], [])),
  'json-logic-engine (interpreter)': Object.fromEntries(rules.map((r) => [r.id, engine.run(r.logic, data)])),
  'json-logic-js': Object.fromEntries(rules.map((r) => [r.id, jsonLogic.apply(r.logic, data)])),
};
for (const [name, results] of Object.entries(got)) {
  for (const r of rules) {
    if (!same(results[r.id], expected[r.id]))
      throw new Error(`${name} disagrees on ${r.id}: ${JSON.stringify(results[r.id])} vs ${JSON.stringify(expected[r.id])}`);
  }
}

function time(fn) {
  for (let i = 0; i < 300; i++) fn();  // warm-up (JIT, json-logic-engine's plan cache)
  let passes = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < seconds) {
    for (let i = 0; i < 50; i++) fn();
    passes += 50;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  }
  return passes / elapsed;
}

const samples = { 'Wangban native': [] };
for (const name of Object.keys(engines)) samples[name] = [];
for (let round_ = 0; round_ < rounds; round_++) {
  const native = JSON.parse(execFileSync(nativeBin, [path.join(here, 'rules.json'), path.join(here, 'application.json'), TODAY, String(seconds)], { encoding: 'utf8' }));
  samples['Wangban native'].push(native.passes_per_s);
  for (const [name, fn] of Object.entries(engines)) samples[name].push(time(fn));
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const peer = median(samples['json-logic-engine (interpreter)']);
console.log(`20-rule pass: ${rules.length} rules, household of ${data.household.length} rows; ${rounds} rounds of ${seconds} s, median`);
console.log('engine                            passes/s    µs/pass   vs json-logic-engine');
for (const [name, xs] of Object.entries(samples)) {
  const pps = median(xs);
  console.log(`${name.padEnd(32)} ${pps.toFixed(0).padStart(9)} ${(1e6 / pps).toFixed(2).padStart(10)}   ${(pps / peer).toFixed(2)}×`);
}
console.log(`all engines agree on the ${rules.length} results`);
