// Loading the WebAssembly module once per JavaScript realm. Browsers fetch wangban_wasm.wasm beside this file (or
// where `wasmUrl` says); Node reads it from disk (Emscripten 3.1.6's own Node loader does not work in an ES module).

import createWangbanModule, { type ModuleFactoryOptions, type WangbanModule } from './wangban_wasm.mjs';
import { makeError, setMessageSource } from './errors.js';

export interface ModuleOptions {
  /** The module's bytes, when the page has them already (a service worker's cache, a test). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Where to fetch wangban_wasm.wasm from (default: beside the package's dist/index.js). */
  wasmUrl?: string | URL;
}

declare const process: { versions?: { node?: string } } | undefined;

export function isNode(): boolean {
  return typeof process === 'object' && process !== null && typeof process.versions?.node === 'string';
}

let loading: Promise<WangbanModule> | null = null;

export function loadModule(options: ModuleOptions = {}): Promise<WangbanModule> {
  if (!loading) {
    loading = (async () => {
      const factory: ModuleFactoryOptions = {};
      if (options.wasmBinary) {
        factory.wasmBinary = options.wasmBinary;
      } else if (options.wasmUrl) {
        const url = String(options.wasmUrl);
        factory.locateFile = () => url;
      } else if (isNode()) {
        const fsName = 'node:fs/promises';
        const fs = (await import(/* @vite-ignore */ fsName)) as { readFile(u: URL): Promise<Uint8Array> };
        factory.wasmBinary = await fs.readFile(new URL('./wangban_wasm.wasm', import.meta.url));
      }
      const module = await createWangbanModule(factory);
      setMessageSource(module);
      return module;
    })().catch((e: unknown) => {
      loading = null;
      throw makeError('web.module_load_failed', { detail: e instanceof Error ? e.message : String(e) });
    });
  }
  return loading;
}
