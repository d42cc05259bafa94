// Builds the portal into one folder that wangban-server serves with --web:
//   node web/build.mjs [--sdk build/wasm/sdk-js] [--out build/wasm/web]
// index.html, sw.js and the manifest keep their names (revalidated on each use); the JavaScript bundle (the
// portal and the wangban package), the style sheet and the wasm core get content-hashed names under assets/
// (cached as immutable by the server). esbuild bundles; nothing else is needed.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? resolve(args[i + 1]) : fallback;
};
const sdk = opt('--sdk', join(root, 'build/wasm/sdk-js'));
const out = opt('--out', join(root, 'build/wasm/web'));

const hash = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });

const wasm = readFileSync(join(sdk, 'dist/wangban_wasm.wasm'));
const wasmName = `assets/wangban-${hash(wasm)}.wasm`;
writeFileSync(join(out, wasmName), wasm);

const css = readFileSync(join(here, 'styles.css'));
const cssName = `assets/styles-${hash(css)}.css`;
writeFileSync(join(out, cssName), css);

const result = await esbuild.build({
  entryPoints: { app: join(here, 'src/main.js') },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  outdir: join(out, 'assets'),
  entryNames: '[name]-[hash]',
  alias: { wangban: join(sdk, 'dist/index.js') },
  define: { 'globalThis.WANGBAN_WASM_URL': JSON.stringify(wasmName) },
  metafile: true,
  logLevel: 'warning',
});
const jsName = relative(out, Object.keys(result.metafile.outputs).map((p) => resolve(root, p)).find((p) => p.endsWith('.js')));

cpSync(join(here, 'public'), out, { recursive: true });
writeFileSync(join(out, 'index.html'), readFileSync(join(here, 'index.html'), 'utf8').replace('%CSS%', cssName).replace('%JS%', jsName));

// The shell the service worker caches: every file of the build but source maps.
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (!name.endsWith('.map')) files.push(relative(out, p).split('\\').join('/'));
  }
})(out);
const shell = ['./', ...files.filter((f) => f !== 'index.html')].sort();
const version = hash(Buffer.from(files.sort().map((f) => f + ':' + hash(readFileSync(join(out, f)))).join('\n')));
writeFileSync(join(out, 'sw.js'), readFileSync(join(here, 'sw.js'), 'utf8')
  .replace('%VERSION%', version).replace('%SHELL%', JSON.stringify(shell)));
console.log(`web: built ${out} (${jsName}, ${wasmName}, version ${version})`);
