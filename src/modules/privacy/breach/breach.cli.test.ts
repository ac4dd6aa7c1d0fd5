/**
 * `madoguchi privacy breach-report` through the real program (bin/madoguchi.js), as the issue pins it: on a
 * data directory (or PostgreSQL database) holding the demo data, --json prints only the JSON, with the
 * hand-checked numbers of the demo's 創業セミナー (4 applications from 4 people, one completed with a comment
 * to the applicant: 4 people, 5 records); the text draft has the PPC headings; an unknown scope exits 2 naming
 * the procedures that exist. With --bundle it reads an offline bundle's inventory.json with no database and
 * no valid configuration at all, says the counts are the bundle's, and refuses a staff scope (exit 2).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { personalDataRegisters } from '../../index.js';
import { computeInventory } from '../inventory/compute-inventory.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

describe('madoguchi privacy breach-report', () => {
  let app: TestApp;
  let tmp: string;
  let env: Record<string, string>;
  let seminar: string;
  let bundle: string;
  const today = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

  const run = (args: string[], extra: Record<string, string> = env) =>
    spawnSync(process.execPath, [path.join(root, 'bin/madoguchi.js'), 'privacy', 'breach-report', ...args], {
      cwd: root,
      // MADOGUCHI_ENV=test is refused outside the test runner: the program runs as an installation would.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), LOG_LEVEL: 'silent', ...extra },
      encoding: 'utf8',
      timeout: 180_000,
    });

  before(async () => {
    app = await startTestApp({ demo: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-breach-cli-'));
    const dataDir = path.join(tmp, 'data');
    fs.mkdirSync(dataDir, { recursive: true });
    if (!app.databaseUrl) {
      // The demo database on disk, as an installation's data directory holds it.
      const loader = new PGlite(path.join(dataDir, 'pglite'), { loadDataDir: await app.ctx.db.dumpImage!() });
      await loader.waitReady;
      await loader.close();
    }
    env = { MADOGUCHI_ENV: 'demo', MADOGUCHI_DATA_DIR: dataDir, ...(app.databaseUrl ? { DATABASE_URL: app.databaseUrl } : {}) };
    seminar = (
      await app.ctx.db.query<{ id: string }>(
        "SELECT p.id FROM app_procedures p JOIN departments d ON d.id = p.department_id WHERE d.code = 'shoukou'",
      )
    ).rows[0]!.id;
    bundle = path.join(tmp, 'bundle');
    fs.mkdirSync(bundle);
    // The applications module's part of the inventory is all a procedure's report reads.
    const applications = personalDataRegisters().filter((r) => r.module === 'applications');
    const inventory = await computeInventory(app.ctx.db, applications, new Date('2026-12-01T03:00:00Z'));
    fs.writeFileSync(path.join(bundle, 'inventory.json'), JSON.stringify(inventory));
  });
  after(async () => {
    await app?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('--json prints only the JSON, with items, people and records', () => {
    const r = run(['--from', '2020-01-01', '--to', today(), '--scope', `procedure:${seminar}`, '--json']);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.people, out.records, out.source], [4, 5, 'database']);
    assert.ok(out.items.some((i: { key: string; records: number }) => i.key === `procedure:${seminar}.name` && i.records === 4));
    assert.deepEqual(out.notifiable, { email: 4, line: 0, phone: 0, post: 0, none: 0 });
  });

  it('prints the draft as text, and refuses an unknown scope naming what exists', () => {
    const r = run(['--from', '2020-01-01', '--to', today(), '--scope', `procedure:${seminar}`]);
    assert.equal(r.status, 0, r.stderr);
    for (const s of ['漏えい等報告（案）', '1. 概要', '3. 本人の数', '4人（5件）', '【要記入：発生の経緯と原因】'])
      assert.ok(r.stdout.includes(s), s);
    const bad = run(['--from', '2020-01-01', '--to', today(), '--scope', 'procedure:nope']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, new RegExp(`Unknown scope procedure:nope; existing procedure scopes: .*procedure:${seminar}`));
  });

  it('--bundle reads the offline copy with no database and no configuration', () => {
    // A production configuration missing everything would be refused; the bundle needs none of it.
    const none = { MADOGUCHI_ENV: 'production', MADOGUCHI_DATA_DIR: path.join(tmp, 'absent') };
    const r = run(['--from', '2026-11-01', '--to', '2026-11-30', '--scope', `procedure:${seminar}`, '--json', '--bundle', bundle], none);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual([out.people, out.records, out.source, out.notifiable], [4, 5, 'bundle', null]);
    assert.deepEqual(out.notes[0], { kind: 'bundle', generatedAt: '2026-12-01T03:00:00.000Z' });
    const text = run(['--from', '2026-11-01', '--to', '2026-11-30', '--scope', `procedure:${seminar}`, '--bundle', bundle], none);
    assert.match(text.stdout, /オフライン控え（2026\/12\/01 12:00 作成）の件数によります/);
    const staff = run(['--from', '2026-11-01', '--to', '2026-11-30', '--scope', 'staff:demo-admin', '--bundle', bundle], none);
    assert.equal(staff.status, 2);
    assert.match(staff.stderr, /A staff: scope needs the database/);
  });
});
