/**
 * The offline bundle on the demo data: it verifies under the installation's key (and under OpenSSL), holds
 * the inventory as computed and no demo person's name, e-mail or phone; every kind of tampering fails
 * verification naming the problem; generations are kept and removed only after a successful write, audited;
 * the jobs write the daily bundle once a day and one after a procedure's definition changes; index.html
 * renders in Chromium without network at 390 px and at desk width.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Browser, chromium } from 'playwright-core';
import { dbKind, startTestApp, type TestApp } from '../../../../test/helpers.js';
import type { AppContext } from '../../../platform/context.js';
import { jstDate, jstInstant } from '../../../platform/japan-time.js';
import { JobWorker } from '../../../platform/jobs.js';
import type { PersonalDataRegister } from '../../../platform/personal-data.js';
import { personalDataRegisters } from '../../index.js';
import { computeInventory } from '../inventory/compute-inventory.js';
import type { InventoryReport } from '../inventory/inventory-report.js';
import { readRegister } from '../read-register.js';
import { type BundleManifest, latestBundle, listBundles, readManifest } from './bundle-files.js';
import { bundleJobs } from './bundle.jobs.js';
import { definitionsFingerprint } from './definitions-fingerprint.js';
import { verifyBundle } from './verify-bundle.js';
import { writeBundle } from './write-bundle.js';

const FILES = ['index.html', 'inventory.csv', 'inventory.json', 'manifest.json', 'manifest.sig'];

describe(`privacy offline bundle (${dbKind})`, () => {
  let app: TestApp;
  let tmp: string;
  let trusted: { id: string; publicKey: crypto.KeyObject };
  let first: string;
  const at = (minutes: number): AppContext => ({ ...app.ctx, clock: { now: () => new Date(Date.now() + minutes * 60_000) } });
  const audits = async (action: string) =>
    (
      await app.ctx.db.query<{ record_id: string | null; detail: Record<string, unknown>; actor_type: string; record_type: string }>(
        `SELECT record_id, detail, actor_type, record_type FROM audit_log WHERE action = $1 ORDER BY seq`,
        [action],
      )
    ).rows;

  before(async () => {
    app = await startTestApp({ demo: true });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-privacy-bundle-'));
    trusted = { id: app.ctx.secrets.auditSigning.id, publicKey: app.ctx.secrets.auditSigning.publicKey };
  });
  after(async () => {
    await app.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('writes a bundle that verifies under the installation key and OpenSSL, with the inventory as computed and no demo person in any file', async () => {
    const dir = path.join(tmp, 'one');
    // The inventory as computed just before (the write's own audit entry counts in the next one).
    const now = new Date();
    const computed = await computeInventory(app.ctx.db, personalDataRegisters(), now);
    const r = await writeBundle(
      { ...app.ctx, clock: { now: () => now } },
      { registers: personalDataRegisters, trigger: 'cli', outDir: dir },
    );
    assert.ok(r.isOk, r.isOk ? '' : r.error);
    first = r.path;
    assert.equal(path.dirname(r.path), dir);
    assert.match(path.basename(r.path), /^madoguchi-privacy-\d{8}T\d{6}\.\d{3}Z$/);
    assert.deepEqual(fs.readdirSync(r.path).sort(), FILES);
    assert.deepEqual(fs.readdirSync(dir), [path.basename(r.path)], 'no partial directory is left behind');
    assert.deepEqual(verifyBundle(r.path, trusted), []);

    const m = readManifest(r.path);
    assert.deepEqual(
      m.files.map((f) => [f.name, f.size]),
      ['index.html', 'inventory.csv', 'inventory.json'].map((f) => [f, fs.statSync(path.join(r.path, f)).size]),
    );
    assert.equal(m.signing.keyId, trusted.id);
    const registers = await readRegister(app.ctx.db, personalDataRegisters());
    assert.equal(m.definitionsFingerprint, definitionsFingerprint(registers));
    const report = JSON.parse(fs.readFileSync(path.join(r.path, 'inventory.json'), 'utf8')) as InventoryReport;
    assert.deepEqual(report, JSON.parse(JSON.stringify(computed)));
    assert.equal(m.schemaVersion, report.schemaVersion);
    const items = report.scopes.reduce((n, s) => n + s.items.length, 0);
    assert.ok(report.scopes.length >= 3 && items >= 10, `the demo has scopes and items (${report.scopes.length}, ${items})`);

    // The page: every scope and item, no script, nothing fetched from anywhere.
    const page = fs.readFileSync(path.join(r.path, 'index.html'), 'utf8');
    assert.equal((page.match(/<section class="scope"/g) ?? []).length, report.scopes.length);
    assert.equal((page.match(/<code class="key">/g) ?? []).length, items);
    assert.doesNotMatch(page, /<script|<link|<img|<iframe|src=|https?:\/\//i);
    // The CSV: a header and one line per scope × item (none of the demo's texts spans lines).
    const csv = fs.readFileSync(path.join(r.path, 'inventory.csv'), 'utf8');
    assert.ok(csv.startsWith('\uFEFF'));
    assert.equal(csv.split('\r\n').filter(Boolean).length, 1 + items);

    // Anyone with the city's public key can check the signature without madoguchi.
    const pem = path.join(tmp, 'key.pem');
    fs.writeFileSync(pem, trusted.publicKey.export({ type: 'spki', format: 'pem' }));
    const ssl = spawnSync(
      'openssl',
      ['pkeyutl', '-verify', '-pubin', '-inkey', pem, '-rawin', '-in', 'manifest.json', '-sigfile', 'manifest.sig'],
      { cwd: r.path, encoding: 'utf8' },
    );
    assert.equal(ssl.status, 0, ssl.stderr);
    assert.match(ssl.stdout, /Signature Verified Successfully/);

    // Counts and definitions only: the demo's citizens (seed) and staff (database) appear nowhere.
    const staff = await app.ctx.db.query<{ display_name: string }>(`SELECT display_name FROM staff`);
    const people = [
      '見本 太郎',
      '090-5550-0001',
      'taro@example.jp',
      '試験 花子',
      '080-5550-0002',
      'hanako@example.jp',
      '仮名 一郎',
      '070-5550-0003',
      '例示 さくら',
      '090-5550-0004',
      'sakura@example.jp',
      '架空 次郎',
      '03-5550-0005',
      ...staff.rows.map((s) => s.display_name),
    ];
    assert.ok(staff.rows.length >= 10);
    for (const f of FILES) {
      const bytes: Buffer = fs.readFileSync(path.join(r.path, f));
      for (const p of people) assert.equal(bytes.indexOf(Buffer.from(p, 'utf8')), -1, `"${p}" in ${f}`);
    }

    const written = await audits('privacy.bundle_written');
    assert.deepEqual(
      written.map((a) => [a.actor_type, a.record_type, a.record_id, a.detail.trigger, a.detail.scopes, a.detail.items]),
      [['system', 'privacy_bundle', path.basename(r.path), 'cli', report.scopes.length, items]],
    );
  });

  it('fails verification of every tampered copy, naming the problem', () => {
    const copy = (name: string) => {
      const p = path.join(tmp, 'tampered', name);
      fs.cpSync(first, p, { recursive: true });
      return p;
    };
    const problems = (p: string) => verifyBundle(p, trusted).join('\n');

    const byte = copy('byte');
    const html = fs.readFileSync(path.join(byte, 'index.html'));
    html[200] = (html[200] as number) ^ 0x01;
    fs.writeFileSync(path.join(byte, 'index.html'), html);
    assert.equal(problems(byte), 'index.html: SHA-256 differs from the manifest (altered)');

    // inventory.json altered and re-hashed into the manifest, which then no longer matches its signature.
    const rehashed = copy('rehashed');
    const json = path.join(rehashed, 'inventory.json');
    const report = JSON.parse(fs.readFileSync(json, 'utf8')) as InventoryReport;
    (report.scopes[0] as { records: number }).records += 1;
    const altered = Buffer.from(`${JSON.stringify(report, null, 2)}\n`);
    fs.writeFileSync(json, altered);
    const m = readManifest(rehashed);
    const entry = m.files.find((f) => f.name === 'inventory.json') as BundleManifest['files'][number];
    entry.sha256 = crypto.createHash('sha256').update(altered).digest('hex');
    entry.size = altered.length;
    fs.writeFileSync(path.join(rehashed, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
    assert.equal(
      problems(rehashed),
      `manifest.sig: not a valid signature of manifest.json under the trusted audit signing key ${trusted.id}`,
    );

    // Self-consistent under another key: the bundle's own key is not trusted.
    const other = copy('other-key');
    const key = crypto.generateKeyPairSync('ed25519');
    const om = readManifest(other);
    om.signing = { algorithm: 'Ed25519', keyId: 'forged', publicKey: key.publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    const bytes: Buffer = Buffer.from(`${JSON.stringify(om, null, 2)}\n`);
    fs.writeFileSync(path.join(other, 'manifest.json'), bytes);
    fs.writeFileSync(path.join(other, 'manifest.sig'), crypto.sign(null, bytes, key.privateKey));
    assert.ok(crypto.verify(null, bytes, key.publicKey, fs.readFileSync(path.join(other, 'manifest.sig'))), 'consistent in itself');
    assert.deepEqual(verifyBundle(other, trusted), [
      `manifest.sig: not a valid signature of manifest.json under the trusted audit signing key ${trusted.id}`,
      `manifest.json names signing key forged with a public key that is not this installation's audit signing key ${trusted.id}`,
    ]);

    const added = copy('added');
    fs.writeFileSync(path.join(added, 'notes.txt'), 'x');
    assert.equal(problems(added), 'notes.txt is not listed in manifest.json');

    const missing = copy('missing');
    fs.rmSync(path.join(missing, 'inventory.csv'));
    fs.rmSync(path.join(missing, 'manifest.sig'));
    assert.equal(problems(missing), 'manifest.sig is missing\ninventory.csv is missing');

    assert.deepEqual(verifyBundle(first, trusted), [], 'the original still verifies');
  });

  it('jobs: one bundle a day at the hour, one after a procedure definition changes, none while nothing changed', async () => {
    const dir = path.join(tmp, 'scheduled');
    const saved = { ...app.ctx.config.privacy };
    Object.assign(app.ctx.config.privacy, { bundleDir: dir, scheduled: true, hourJst: 0, keepGenerations: 7 });
    try {
      const triggers = async () => (await audits('privacy.bundle_written')).map((a) => a.detail.trigger as string);
      const before = (await triggers()).length;
      // minutes from 12:00 Japan time today: the daily hour (00:00 here) is never crossed between the first
      // ticks, whatever time the test runs (from real time it was, for a run starting ten minutes before midnight)
      const noon = jstInstant(jstDate(new Date()), '12:00').getTime();
      const tick = async (minutes: number) => {
        const worker = new JobWorker(
          { ...app.ctx, clock: { now: () => new Date(noon + minutes * 60_000) } },
          bundleJobs(personalDataRegisters),
        );
        await worker.ensureSchedules();
        await worker.drain();
      };
      await tick(10);
      assert.equal(listBundles(dir).length, 1, 'the daily bundle and the change job together write one');
      await tick(20);
      assert.equal(listBundles(dir).length, 1, 'nothing changed: nothing written');

      const fingerprint = latestBundle(dir)?.fingerprint;
      const changed = await app.ctx.db.query(
        `UPDATE app_procedures SET archived_at = now() WHERE id = (SELECT id FROM app_procedures WHERE published_version IS NOT NULL AND archived_at IS NULL ORDER BY id LIMIT 1)`,
      );
      assert.equal(changed.rowCount, 1, 'the demo has a published procedure to withdraw');
      await tick(30);
      assert.equal(listBundles(dir).length, 2);
      assert.notEqual(latestBundle(dir)?.fingerprint, fingerprint);
      assert.equal((await triggers()).at(-1), 'definitions_changed');
      await tick(40);
      assert.equal(listBundles(dir).length, 2);

      // The next day, once its hour has come: the daily bundle, once.
      await tick(24 * 60 + 10);
      await tick(24 * 60 + 20);
      assert.equal(listBundles(dir).length, 3);
      assert.equal((await triggers()).at(-1), 'daily');
      assert.equal((await triggers()).length - before, 3);
      for (const name of listBundles(dir)) assert.deepEqual(verifyBundle(path.join(dir, name), trusted), []);
    } finally {
      Object.assign(app.ctx.config.privacy, saved);
    }
  });

  it('keeps the newest generations, removing older ones only after a successful write (audited)', async () => {
    const dir = path.join(tmp, 'generations');
    const saved = { ...app.ctx.config.privacy };
    Object.assign(app.ctx.config.privacy, { keepGenerations: 2 });
    try {
      const names: string[] = [];
      for (const minutes of [1, 2, 3]) {
        const r = await writeBundle(at(minutes), { registers: personalDataRegisters, trigger: 'cli', outDir: dir });
        assert.ok(r.isOk);
        names.push(path.basename(r.path));
        assert.deepEqual(r.removed, minutes === 3 ? [names[0]] : []);
      }
      assert.deepEqual(listBundles(dir), names.slice(1));
      assert.deepEqual(
        (await audits('privacy.bundle_removed')).map((a) => [a.record_id, a.detail.keep]),
        [[names[0], 2]],
      );

      // A failing write (a register that cannot be read) keeps every generation, even with one to keep.
      Object.assign(app.ctx.config.privacy, { keepGenerations: 1 });
      const broken: PersonalDataRegister = {
        module: 'broken',
        tables: [],
        nonPersonalTables: [],
        items: [],
        scopes: async () => {
          throw new Error('scopes unreadable');
        },
      };
      const f = await writeBundle(at(4), { registers: () => [broken], trigger: 'daily', outDir: dir });
      assert.deepEqual(f, { isOk: false, error: 'scopes unreadable' });
      assert.deepEqual(listBundles(dir), names.slice(1));
      assert.deepEqual(fs.readdirSync(dir).sort(), names.slice(1), 'no partial directory either');
      assert.deepEqual(
        (await audits('privacy.bundle_failed')).map((a) => [a.actor_type, a.record_type, a.detail.trigger, a.detail.error]),
        [['system', 'privacy_bundle', 'daily', 'scopes unreadable']],
      );
      assert.deepEqual((await audits('privacy.bundle_removed')).length, 1);
    } finally {
      Object.assign(app.ctx.config.privacy, saved);
    }
  });

  it('schedules nothing when PRIVACY_BUNDLE_SCHEDULE is off', async () => {
    const dir = path.join(tmp, 'unscheduled');
    const saved = { ...app.ctx.config.privacy };
    Object.assign(app.ctx.config.privacy, { bundleDir: dir, scheduled: false, hourJst: 0 });
    try {
      const jobs = bundleJobs(personalDataRegisters);
      assert.deepEqual(
        jobs.map((j) => (typeof j.everySeconds === 'function' ? j.everySeconds(app.ctx.config) : j.everySeconds)),
        [0, 0],
      );
      Object.assign(app.ctx.config.privacy, { scheduled: true });
      assert.deepEqual(
        jobs.map((j) => (typeof j.everySeconds === 'function' ? j.everySeconds(app.ctx.config) : j.everySeconds)),
        [600, 300],
      );
    } finally {
      Object.assign(app.ctx.config.privacy, saved);
    }
  });

  describe('index.html in Chromium, without network', () => {
    let browser: Browser;
    before(async () => {
      browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
    });
    after(() => browser?.close());

    for (const width of [390, 1280]) {
      it(`renders at ${width} px with every item, no request beyond the file and nothing wider than the screen`, async () => {
        const page = await browser.newPage({ viewport: { width, height: 900 }, offline: true });
        const requests: string[] = [];
        page.on('request', (r) => requests.push(r.url()));
        const url = `file://${path.join(first, 'index.html')}`;
        await page.goto(url);
        assert.deepEqual(requests, [url]);
        const facts = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          headerShown: getComputedStyle(document.querySelector('table.items thead') as Element).display !== 'none',
          rows: document.querySelectorAll('table.items tbody tr').length,
          title: document.querySelector('h1')?.textContent ?? '',
          label: getComputedStyle(document.querySelector('table.items td') as Element, '::before').content,
          wide: [...document.querySelectorAll('body *')]
            .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5)
            .map((e) => `${e.tagName}.${e.className}: ${(e.textContent ?? '').slice(0, 60)}`),
        }));
        const report = JSON.parse(fs.readFileSync(path.join(first, 'inventory.json'), 'utf8')) as InventoryReport;
        assert.equal(
          facts.rows,
          report.scopes.reduce((n, s) => n + s.items.length, 0),
        );
        assert.match(facts.title, /^個人情報台帳.*Personal data inventory/);
        assert.ok(facts.scrollWidth <= width, `page ${facts.scrollWidth} px wide at ${width} px: ${facts.wide.join(' | ')}`);
        // A phone shows each item as labelled lines; a desk and paper show the table.
        assert.equal(facts.headerShown, width > 768);
        if (width <= 768) assert.match(facts.label, /項目 \/ Item/);
        await page.close();
      });
    }
  });
});
