/**
 * The production build: `npm run build` output runs on plain Node with only the production
 * dependencies. The test builds into a temporary installation whose node_modules holds only the
 * packages package-lock.json does not mark as development-only (no tsx, no typescript, no SMTP
 * stand-in packages), then runs the compiled CLI (bin/madoguchi.js → dist/cli.js: keys generate, migrate),
 * starts the compiled web process with a production configuration, and runs an encryption worker from
 * the build.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createServerDatabase, serverUrl } from './helpers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Top-level packages a production install (npm ci --omit=dev) has, read from package-lock.json. */
function productionPackages(): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; optional?: boolean; devOptional?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([key, p]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) && !p.dev && !p.devOptional)
    .map(([key]) => key.slice('node_modules/'.length))
    .filter((name) => fs.existsSync(path.join(root, 'node_modules', name)));
}

/** A temporary installation: package.json, migrations, bin/, production packages only; dist/ built into it. */
function productionInstall(dir: string): void {
  fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(root, 'migrations'), path.join(dir, 'migrations'));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.copyFileSync(path.join(root, 'bin/madoguchi.js'), path.join(dir, 'bin/madoguchi.js'));
  for (const name of productionPackages()) {
    fs.mkdirSync(path.dirname(path.join(dir, 'node_modules', name)), { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules', name), path.join(dir, 'node_modules', name));
  }
  // Type checking is `npm run typecheck` (run by `npm test` first); here only the emitted code matters.
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--out-dir', path.join(dir, 'dist'), '--no-check'], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  assert.equal(r.status, 0, `build failed:\n${r.stdout}\n${r.stderr}`);
}

describe('production build: what it compiles', () => {
  it('compiles only src/: no file of the build imports test helpers or anything else outside it', async () => {
    // tsc refuses such a file (TS6059, rootDir) when it type-checks, and the build below skips the check
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json'), '--listFilesOnly'],
      {
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const files = r.stdout
      .split('\n')
      .filter(Boolean)
      .map((f) => path.resolve(f));
    assert.ok(files.filter((f) => f.startsWith(path.join(root, 'src') + path.sep)).length > 100, 'the build compiles the sources');
    const outside = files.filter(
      (f) => !f.startsWith(path.join(root, 'src') + path.sep) && !f.includes(`${path.sep}node_modules${path.sep}`),
    );
    assert.deepEqual(outside, [], 'exclude such files in tsconfig.build.json (testing.ts, test-support.ts…)');
  });
});

describe('production build (compiled JavaScript, production dependencies only)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-build-'));
  const app = path.join(tmp, 'app');
  let drop: (() => Promise<void>) | undefined;
  before(() => {
    fs.mkdirSync(app);
    productionInstall(app);
  });
  after(async () => {
    await drop?.();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('leaves the development-only packages out of the installation it runs from', () => {
    for (const dev of ['tsx', 'typescript', 'smtp-server', 'mailparser']) {
      assert.ok(!fs.existsSync(path.join(app, 'node_modules', dev)), `${dev} must not be a production dependency`);
    }
    assert.ok(fs.existsSync(path.join(app, 'node_modules', 'fastify')));
    assert.ok(fs.existsSync(path.join(app, 'dist/main.js')) && fs.existsSync(path.join(app, 'dist/web/assets/app.css')));
  });

  it('starts the compiled web process with a production configuration and answers /healthz, /readyz and a page', async () => {
    const keys = spawnSync(process.execPath, [path.join(app, 'bin/madoguchi.js'), 'keys', 'generate'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    });
    assert.equal(keys.status, 0, keys.stderr);
    const secrets = Object.fromEntries(
      keys.stdout
        .trim()
        .split('\n')
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    assert.ok(secrets.MADOGUCHI_APP_SECRET, keys.stdout);
    const port = await freePort();
    fs.mkdirSync(path.join(tmp, 'audit'));
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      ...secrets,
      MADOGUCHI_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_BASE_URL: 'https://madoguchi.example.jp',
      SMTP_URL: 'smtp://127.0.0.1:9',
      MAIL_FROM: '架空市 予約窓口 <yoyaku@city.example.jp>',
      AUDIT_CHECKPOINT_DIR: path.join(tmp, 'audit'),
      SECURITY_ALERT_MAIL_TO: 'security@city.example.jp',
      LOG_LEVEL: 'warn',
    };
    if (serverUrl) {
      const s = await createServerDatabase(serverUrl);
      drop = s.drop;
      env.DATABASE_URL = s.url;
    } else {
      env.ALLOW_EMBEDDED_DATABASE = 'true';
      env.MADOGUCHI_DATA_DIR = path.join(tmp, 'data');
    }
    // Production does not migrate on start: the operator runs the (compiled) CLI first.
    const migrate = spawnSync(process.execPath, [path.join(app, 'bin/madoguchi.js'), 'migrate'], {
      cwd: app,
      env,
      encoding: 'utf8',
      timeout: 180_000,
    });
    assert.equal(migrate.status, 0, `${migrate.stdout}\n${migrate.stderr}`);
    assert.match(migrate.stdout, /Applied|up to date/);
    const child = spawn(process.execPath, ['dist/main.js'], { cwd: app, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const base = `http://127.0.0.1:${port}`;
      const until = Date.now() + 120_000;
      let health: Response | undefined;
      while (!health && Date.now() < until && child.exitCode === null) {
        health = await fetch(`${base}/healthz`).catch(() => undefined);
        if (!health) await new Promise((r) => setTimeout(r, 250));
      }
      assert.equal(health?.status, 200, `the compiled server did not answer:\n${output}`);
      assert.equal((await fetch(`${base}/readyz`)).status, 200, output);
      const css = await fetch(`${base}/assets/app.css`);
      assert.equal(css.status, 200, 'assets are found beside the compiled code');
      const page = await fetch(`${base}/staff/login`);
      assert.equal(page.status, 200, output);
      assert.match(await page.text(), /<form/);
      child.kill('SIGTERM');
      assert.equal(await exited, 0, output);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('runs an encryption worker from the build (no tsx loader)', async () => {
    type Pool = { encrypt(b: unknown): Promise<{ count: number }>; close(): Promise<void> };
    const poolModule = pathToFileURL(path.join(app, 'dist/modules/card-issuance/internal/encrypt-pool.js')).href;
    const { startEncryptPool } = (await import(poolModule)) as { startEncryptPool(setup: unknown, size: number): Pool };
    const keys = {
      kid: 'k1',
      key: new Uint8Array(crypto.randomBytes(32)),
      blindIndexId: 'b1',
      blindIndexKey: new Uint8Array(crypto.randomBytes(32)),
    };
    const constants = {
      departmentId: crypto.randomUUID(),
      importId: crypto.randomUUID(),
      receivedAt: new Date(0).toISOString(),
      passwordPolicy: 'birthday',
      idTimeMs: 0,
    };
    const pool = startEncryptPool({ keys, constants }, 1);
    try {
      const row = {
        line: 2,
        controlNo: 'ABC000001',
        applicationId: '1',
        shippingNo: 'S1',
        name: 'テスト 太郎',
        kana: 'テスト タロウ',
        birthDate: '1980-01-02',
        sex: '1',
        postalCode: '',
        address: '架空県1',
      };
      assert.equal((await pool.encrypt({ rows: [row], firstSeq: 0 })).count, 1);
    } finally {
      await pool.close();
    }
  });
});
