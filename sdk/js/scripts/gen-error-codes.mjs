#!/usr/bin/env node
// Generates the TypeScript error-code union from core/common/error_codes.def, the one table of Wangban's error
// codes (the C enum and the server's codes come from the same rows). Run by the wasm build (target wangban_js):
//   node sdk/js/scripts/gen-error-codes.mjs core/common/error_codes.def OUT.ts
import fs from 'node:fs';

const [defPath, outPath] = process.argv.slice(2);
if (!defPath || !outPath) {
  console.error('usage: gen-error-codes.mjs error_codes.def OUT.ts');
  process.exit(2);
}
const rows = [];
for (const line of fs.readFileSync(defPath, 'utf8').split('\n')) {
  const m = line.match(/^WB_ERROR\(\s*(\w+)\s*,\s*(\d+)\s*,\s*"([^"]+)"/);
  if (m) rows.push({ name: m[1], number: Number(m[2]), id: m[3] });
}
if (rows.length < 10) {
  console.error(`${defPath}: found only ${rows.length} rows`);
  process.exit(1);
}
const seen = new Set();
for (const r of rows) {
  if (seen.has(r.id) || seen.has(r.number)) {
    console.error(`${defPath}: ${r.id} (${r.number}) is not unique`);
    process.exit(1);
  }
  seen.add(r.id);
  seen.add(r.number);
}
const out = [
  '// Generated from core/common/error_codes.def by sdk/js/scripts/gen-error-codes.mjs. Do not edit.',
  '',
  '/** Every error code: its stable id and its stable number. Branch on the id, never on message text. */',
  'export const ERROR_CODES = {',
  ...rows.map((r) => `  ${JSON.stringify(r.id)}: ${r.number},`),
  '} as const;',
  '',
  '/** The stable id of an error ("store.disk_full", "auth.invalid_credentials", ...). */',
  'export type ErrorCode = keyof typeof ERROR_CODES;',
  '',
  '/** The stable number of an error (4001, 6000, ...). */',
  'export type ErrorNumber = (typeof ERROR_CODES)[ErrorCode];',
  '',
  'export function isErrorCode(id: string): id is ErrorCode {',
  '  return Object.prototype.hasOwnProperty.call(ERROR_CODES, id);',
  '}',
  '',
];
const text = out.join('\n');
if (!fs.existsSync(outPath) || fs.readFileSync(outPath, 'utf8') !== text) fs.writeFileSync(outPath, text);
