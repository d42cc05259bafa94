// Test helpers: the built package (build/wasm/sdk-js, or $WANGBAN_JS), the real wangban-server on a free port over a
// fresh data folder, fake IndexedDB factories, and a fetch that can be switched off like a network.

import { launchServer } from '../../../tests/support/server_process.mjs';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { IDBFactory } from 'fake-indexeddb';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const packageDir = path.resolve(process.env.WANGBAN_JS ?? path.join(root, 'build/wasm/sdk-js'));
export const serverBin = path.resolve(process.env.WANGBAN_SERVER ?? path.join(root, 'build/native/bin/wangban-server'));

export async function loadSdk() {
  return import(pathToFileURL(path.join(packageDir, 'dist/index.js')).href);
}

export async function loadInternal(file) {
  return import(pathToFileURL(path.join(packageDir, 'dist', file)).href);
}

export const CITIZEN = '11010519491231002X';
export const ENTERPRISE = '91350100M000100Y43';
export const PASSWORD = 'wangban-demo';

export function exampleData(itemId) {
  return JSON.parse(fs.readFileSync(path.join(root, 'examples/catalog', `${itemId}.example.json`), 'utf8'));
}

export function definition(itemId) {
  return JSON.parse(fs.readFileSync(path.join(root, 'examples/catalog', `${itemId}.json`), 'utf8'));
}

export function freshIndexedDB() {
  return new IDBFactory();
}

// A fetch that fails like a dropped network while `offline` is set (what Playwright's setOffline does to a page).
export function switchableFetch() {
  const net = {
    offline: false,
    requests: 0,
    fetch: (url, init) => {
      net.requests += 1;
      if (net.offline) return Promise.reject(new TypeError('fetch failed: network is offline'));
      return fetch(url, init);
    },
  };
  return net;
}

export async function startServer() {
  const { child, url, dataDir } = await launchServer(serverBin, { prefix: 'wangban-sdk-js-' });
  return {
    url,
    dataDir,
    async stop() {
      const done = new Promise((r) => child.on('exit', r));
      child.kill('SIGTERM');
      await done;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The server's own JSON API, for checks made from the server's side.
export async function api(url, method, urlPath, { token, json } = {}) {
  const headers = {};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (json !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(url + urlPath, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function login(url, account) {
  const r = await api(url, 'POST', '/v1/auth/login', { json: { account, password: PASSWORD } });
  if (r.status !== 200) throw new Error(`login ${account}: ${r.status}`);
  return r.body.accessToken;
}

// A small JPEG-like file (the server checks type and size, not the picture).
export function photoBytes(size = 50_000) {
  const b = new Uint8Array(size);
  b[0] = 0xff; b[1] = 0xd8; b[2] = 0xff;
  for (let i = 3; i < size; i++) b[i] = (i * 31 + 7) & 0xff;
  return b;
}
