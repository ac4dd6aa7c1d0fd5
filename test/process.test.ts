/**
 * The real web process: starts from src/main.ts on an on-disk embedded database (or the server when
 * DATABASE_URL is set), serves, holds the data-directory lock against the CLI, and shuts down
 * gracefully on SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createServerDatabase, serverUrl } from './helpers.js';
import { nodeEntry } from './node-entry.js';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up in ${ms} ms`);
}

describe('web process', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-proc-'));
  let drop: (() => Promise<void>) | undefined;
  after(async () => {
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves, keeps the CLI off its embedded database, and exits cleanly on SIGTERM', async () => {
    const port = await freePort();
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      MADOGUCHI_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      MADOGUCHI_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    if (serverUrl) {
      const s = await createServerDatabase(serverUrl);
      drop = s.drop;
      env.DATABASE_URL = s.url;
    }
    const child = spawn(process.execPath, nodeEntry('src/main.ts'), { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(`http://127.0.0.1:${port}/readyz`, 60_000);
      if (!serverUrl) {
        const cli = spawnSync(process.execPath, [...nodeEntry('src/cli.ts'), 'migrate'], { env, encoding: 'utf8' });
        assert.equal(cli.status, 1, cli.stderr);
        assert.match(cli.stderr, /in use by a running madoguchi server/);
      }
      child.kill('SIGTERM');
      const code = await exited;
      assert.equal(code, 0, stderr);
      if (!serverUrl) assert.ok(!fs.existsSync(path.join(dataDir, 'server.pid')), 'lock released');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
