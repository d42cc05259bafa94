// Starts the real wangban-server for the JavaScript test suites (protocol, sdk/js, web): a fresh data folder, a free
// port, and the URL read from its "listening on" line. Each suite adds its own stop()/helpers around it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function launchServer(serverBin, { prefix = 'wangban-', args = [] } = {}) {
  if (!fs.existsSync(serverBin)) throw new Error(`no wangban-server at ${serverBin} (build it, or set WANGBAN_SERVER)`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const child = spawn(serverBin, ['--data', dataDir, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[0-9.]+:[0-9]+)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`wangban-server exited (${code}): ${stderr}`)));
  });
  return { child, url, dataDir, log: () => stderr };
}
