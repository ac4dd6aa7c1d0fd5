/**
 * The pinned commands through the installed program: `madoguchi privacy bundle --out DIR` prints only the
 * bundle's path; `madoguchi privacy verify-bundle DIR` — with the database unreachable — exits 0 for that
 * bundle and 1, naming the problem on standard error, for a changed byte of index.html, for inventory.json
 * changed and re-hashed into the manifest without re-signing, for the key and signature replaced with
 * another key's, and for an added file.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { migratedInstallation, type MigratedInstallation, serverUrl } from '../../../../test/helpers.js';
import { type BundleManifest, readManifest } from './bundle-files.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe(`madoguchi privacy bundle / verify-bundle (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  let tmp: string;
  let env: Record<string, string>;
  let installation: MigratedInstallation | undefined;

  before(async () => {
    installation = await migratedInstallation('privacy-bundle-cli');
    tmp = installation.tmp;
    const { dataDir, databaseUrl } = installation;
    env = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      // MADOGUCHI_ENV=test is refused outside the test runner: the program runs as an installation would.
      MADOGUCHI_ENV: 'demo',
      LOG_LEVEL: 'silent',
      MADOGUCHI_DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
  });
  after(async () => {
    await installation?.remove();
  });

  const madoguchi = (args: string[], extra: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(root, 'bin/madoguchi.js'), ...args], {
      cwd: root,
      env: { ...env, ...extra },
      encoding: 'utf8',
      timeout: 120_000,
    });
  /** verify-bundle with the database down (nothing listens on port 1); several run at once. */
  const verify = (dir: string) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(root, 'bin/madoguchi.js'), 'privacy', 'verify-bundle', dir], {
        cwd: root,
        env: { ...env, DATABASE_URL: 'postgres://madoguchi@127.0.0.1:1/none' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString('utf8');
      });
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString('utf8');
      });
      child.on('error', reject);
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  it('bundle prints only its path; verify-bundle exits 0 for it and 1 naming each kind of tampering, with the database down', async () => {
    const out = path.join(tmp, 'bundles');
    const b = madoguchi(['privacy', 'bundle', '--out', out]);
    assert.equal(b.status, 0, b.stderr);
    const [name] = fs.readdirSync(out);
    const dir = path.join(out, name as string);
    assert.equal(b.stdout, `${dir}\n`);
    assert.match(b.stderr, /^Privacy bundle written: 3 files/);

    const copy = (variant: string) => {
      const p = path.join(tmp, variant);
      fs.cpSync(dir, p, { recursive: true });
      return p;
    };
    const byte = copy('byte');
    const html = fs.readFileSync(path.join(byte, 'index.html'));
    html[100] = (html[100] as number) ^ 0x20;
    fs.writeFileSync(path.join(byte, 'index.html'), html);

    const rehashed = copy('rehashed');
    const json = Buffer.from(fs.readFileSync(path.join(rehashed, 'inventory.json'), 'utf8').replace('"scopes"', '"scopes" '));
    fs.writeFileSync(path.join(rehashed, 'inventory.json'), json);
    const m = readManifest(rehashed);
    const entry = m.files.find((f) => f.name === 'inventory.json') as BundleManifest['files'][number];
    Object.assign(entry, { sha256: crypto.createHash('sha256').update(json).digest('hex'), size: json.length });
    fs.writeFileSync(path.join(rehashed, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);

    const otherKey = copy('other-key');
    const key = crypto.generateKeyPairSync('ed25519');
    const om = readManifest(otherKey);
    om.signing = { algorithm: 'Ed25519', keyId: 'other', publicKey: key.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    const bytes = Buffer.from(`${JSON.stringify(om, null, 2)}\n`);
    fs.writeFileSync(path.join(otherKey, 'manifest.json'), bytes);
    fs.writeFileSync(path.join(otherKey, 'manifest.sig'), crypto.sign(null, bytes, key.privateKey));

    const added = copy('added');
    fs.writeFileSync(path.join(added, 'readme.txt'), 'added later');

    const cases: [string, RegExp][] = [
      [byte, /^ {2}index\.html: SHA-256 differs from the manifest \(altered\)$/m],
      [rehashed, /^ {2}manifest\.sig: not a valid signature of manifest\.json under the trusted audit signing key /m],
      [otherKey, /^ {2}manifest\.json names signing key other with a public key that is not this installation's/m],
      [added, /^ {2}readme\.txt is not listed in manifest\.json$/m],
    ];
    const [ok, ...results] = await Promise.all([verify(dir), ...cases.map(([p]) => verify(p))]);
    assert.equal(ok?.status, 0, ok?.stderr);
    assert.match(ok?.stdout ?? '', /^Privacy bundle verified: /);
    for (const [i, [p, problem]] of cases.entries()) {
      const r = results[i] as { status: number | null; stdout: string; stderr: string };
      assert.equal(r.status, 1, `${path.basename(p)}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^Privacy bundle verification FAILED for ${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`));
      assert.match(r.stderr, problem);
    }
  });
});
