// Measures ajv 8 (Ajv2020 + ajv-formats) and our wasm validator on the same schema and data, in one Node process.
// Usage: node bench.mjs SCHEMA.json DATA.json WASM_MODULE.js [SECONDS]. Prints one JSON line per validator.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [schemaPath, dataPath, wasmPath, secondsArg] = process.argv.slice(2);
const seconds = Number(secondsArg ?? 3);
const schemaText = readFileSync(schemaPath, 'utf8');
const dataText = readFileSync(dataPath, 'utf8');
const schema = JSON.parse(schemaText);
const data = JSON.parse(dataText);

function perSecond(fn) {
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  do {
    for (let i = 0; i < 200; i++) fn();
    n += 200;
    elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  } while (elapsed < seconds);
  return n / elapsed;
}

// Wangban's Chinese-identifier formats, written for ajv the straightforward way.
const W1 = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W2 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function residentId(s) {
  if (!/^[1-8][0-9]{16}[0-9X]$/.test(s)) return false;
  const y = +s.slice(6, 10), m = +s.slice(10, 12), d = +s.slice(12, 14);
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (y < 1800 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * W1[i];
  return '10X98765432'[sum % 11] === s[17];
}
function uscc(s) {
  if (s.length !== 18) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = A.indexOf(s[i]);
    if (v < 0) return false;
    sum += v * W2[i];
  }
  return A[(31 - (sum % 31)) % 31] === s[17];
}

const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats');
const ajv = new Ajv2020({ allErrors: false, strict: false });
addFormats(ajv);
ajv.addFormat('cn-resident-id', residentId);
ajv.addFormat('cn-uscc', uscc);
ajv.addFormat('cn-mobile', /^1[3-9][0-9]{9}$/);
ajv.addFormat('cn-postcode', /^[0-9]{6}$/);
const validate = ajv.compile(schema);
if (!validate(data)) throw new Error('ajv: benchmark data invalid: ' + JSON.stringify(validate.errors));
console.log(JSON.stringify({ validator: 'ajv 8 (Ajv2020 + ajv-formats)', is_valid_per_s: perSecond(() => validate(data)) }));

if (wasmPath) {
  const factory = require(wasmPath);
  const mod = await factory();
  const withString = (s, fn) => {
    const len = mod.lengthBytesUTF8(s) + 1;
    const p = mod._malloc(len);
    mod.stringToUTF8(s, p, len);
    try { return fn(p); } finally { mod._free(p); }
  };
  if (!withString(schemaText, (p) => mod._wb_bench_compile(p))) throw new Error('wasm: schema does not compile');
  withString(dataText, (p) => mod._wb_bench_set_data(p));
  if (!mod._wb_bench_validate_parsed()) throw new Error('wasm: benchmark data invalid');
  const parsed = perSecond(() => mod._wb_bench_validate_parsed());
  const compact = JSON.stringify(data);
  const text = perSecond(() => withString(compact, (p) => mod._wb_bench_validate_text(p)));
  console.log(JSON.stringify({ validator: 'wangban wasm (from JS)', is_valid_per_s: parsed, parse_and_validate_per_s: text }));
}
