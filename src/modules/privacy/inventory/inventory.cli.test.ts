/**
 * The pinned interface through the installed program: `madoguchi privacy inventory --json` prints exactly
 * `[{ module, scope, items: [{ key, category, sensitive, encrypted, records }] }]` and nothing else on
 * standard output, with the counts computeInventory reads from the same database; without --json, a
 * table to read (in process, on the same database).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { migratedInstallation, type MigratedInstallation, serverUrl } from '../../../../test/helpers.js';
import { runCli } from '../../../cli.js';
import { openDb } from '../../../platform/db.js';
import { personalDataRegisters } from '../../index.js';
import { computeInventory } from './compute-inventory.js';
import { pinnedInventory } from './inventory-format.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe(`privacy inventory command (${serverUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  let env: Record<string, string>;
  let installation: MigratedInstallation | undefined;
  const saved: Record<string, string | undefined> = {};

  before(async () => {
    installation = await migratedInstallation('inventory-cli');
    const { dataDir, databaseUrl } = installation;
    env = {
      MADOGUCHI_ENV: 'test',
      LOG_LEVEL: 'silent',
      MADOGUCHI_DATA_DIR: dataDir,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    };
    for (const k of [...Object.keys(env), 'DATABASE_URL']) saved[k] = process.env[k];
    delete process.env.DATABASE_URL;
    Object.assign(process.env, env);
  });
  after(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await installation?.remove();
  });

  /** The same database, opened here after the program has exited (PGlite has one process at a time). */
  async function expected() {
    const db = await openDb(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: path.join(env.MADOGUCHI_DATA_DIR!, 'pglite') });
    try {
      return pinnedInventory(await computeInventory(db, personalDataRegisters(), new Date()));
    } finally {
      await db.close();
    }
  }

  it('--json prints the pinned shape and nothing else, with the database’s counts', async () => {
    const r = spawnSync(process.execPath, [path.join(root, 'bin/madoguchi.js'), 'privacy', 'inventory', '--json'], {
      cwd: root,
      // MADOGUCHI_ENV=test is refused outside the test runner: the program runs as an installation would.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env, MADOGUCHI_ENV: 'demo' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    const printed = JSON.parse(r.stdout) as unknown[];
    assert.ok(Array.isArray(printed) && printed.length > 0);
    for (const s of printed as Record<string, unknown>[]) {
      assert.deepEqual(Object.keys(s), ['module', 'scope', 'items']);
      assert.equal(typeof s.module, 'string');
      assert.match(String(s.scope), /^[a-z-]+:/);
      for (const i of s.items as Record<string, unknown>[]) {
        assert.deepEqual(Object.keys(i), ['key', 'category', 'sensitive', 'encrypted', 'records']);
        assert.deepEqual(
          [typeof i.key, typeof i.category, typeof i.sensitive, typeof i.encrypted, Number.isInteger(i.records)],
          ['string', 'string', 'boolean', 'boolean', true],
        );
      }
    }
    const staffScope = (printed as { scope: string; items: { key: string }[] }[]).find((s) => s.scope === 'module:staff');
    assert.ok(
      staffScope?.items.some((i) => i.key.startsWith('staff.')),
      'the staff module’s items are listed',
    );
    assert.deepEqual(printed, await expected());
  });

  it('without --json prints a table to read, a block per scope', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['privacy', 'inventory', '--lang', 'en'], {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      readStdin: async () => '',
    });
    assert.equal(code, 0, err.join('\n'));
    const text = out.join('\n');
    assert.match(text, /^Personal data inventory — As of \d{4}-\d{2}-\d{2}T/);
    assert.match(text, /\nmodule:staff {2}.+\n {2}\d+ records, \d+ people, oldest record /);
    assert.match(text, /\n {2}staff\.\S+ +\d+ {2}(Encrypted|Hashed \(one-way\)|Not encrypted) {2}/);
  });
});
