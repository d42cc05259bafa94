// The package's TypeScript declarations: a consumer file compiles against them with `tsc --noEmit`, and a wrong
// use does not.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { packageDir, root } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');

function compile(source) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wangban-consumer-'));
  try {
    fs.writeFileSync(path.join(dir, 'consumer.ts'), source);
    const config = fs.readFileSync(path.join(here, 'consumer/tsconfig.json'), 'utf8').replace('__PACKAGE__', packageDir);
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), config);
    execFileSync('node', [tsc, '-p', path.join(dir, 'tsconfig.json')], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return `${e.stdout ?? ''}${e.stderr ?? ''}` || String(e);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('a consumer compiles against the declarations with tsc --noEmit', () => {
  const errors = compile(fs.readFileSync(path.join(here, 'consumer/consumer.ts'), 'utf8'));
  assert.equal(errors, '');
});

test('a wrong use does not compile', () => {
  const errors = compile(`import { openProfile } from 'wangban';
export async function f() {
  const p = await openProfile('x');
  await p.catalog({ visits: 3 });
}
`);
  assert.match(errors, /consumer\.ts\(4,\d+\): error TS2322: Type '3' is not assignable/);
  assert.doesNotMatch(errors, /consumer\.ts\([0-35-9]/, 'only the wrong line is refused');
});
