/**
 * The inventory's screens and CSV on the demo data: the privacy officer (sys-admin) sees every scope, a
 * department head only their departments' (another department's scope is a 404), other staff get 403 and
 * no menu entry; the CSV holds one row per scope × item with the same counts as the page; every view and
 * export is audited with the scope as record and no count of people in the entry.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { personalDataRegisters } from '../../index.js';
import { type Client, logInClient } from '../../staff/test-support.js';
import { computeInventory } from './compute-inventory.js';
import type { InventoryReport } from './inventory-report.js';

const DEMO_PASSWORD = 'demo-password-2026';

const soffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

/** RFC 4180 with CRLF, as the one CSV writer writes it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

const scopeLinks = (body: string) => [...body.matchAll(/href="\/staff\/privacy\/scopes\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));

describe('privacy inventory pages', () => {
  let app: TestApp;
  let officer: Client;
  let head: Client;
  let clerk: Client;
  let report: InventoryReport;
  let fukushi: string;

  before(async () => {
    app = await startTestApp({ demo: true });
    officer = await logInClient(app, 'demo-admin', DEMO_PASSWORD);
    head = await logInClient(app, 'demo-fukushi', DEMO_PASSWORD);
    clerk = await logInClient(app, 'demo-seikatsu', DEMO_PASSWORD);
    report = await computeInventory(app.ctx.db, personalDataRegisters(), app.ctx.clock.now());
    fukushi = (await app.ctx.db.query<{ id: string }>(`SELECT id::text AS id FROM departments WHERE code = 'fukushi'`)).rows[0]!.id;
  });
  after(() => app?.close());

  const get = (c: Client, url: string) => app.server.inject({ method: 'GET', url, headers: { cookie: c.cookie, accept: 'text/html' } });
  const audits = async (action: string) =>
    (
      await app.ctx.db.query<{ actor: string; type: string; record: string | null; dept: string | null; detail: Record<string, unknown> }>(
        `SELECT actor_label AS actor, record_type AS type, record_id AS record, department_id::text AS dept, detail
           FROM audit_log WHERE action = $1 ORDER BY seq`,
        [action],
      )
    ).rows.map((r) => ({ ...r, detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail }));

  it('counts one demo service and one demo procedure as their seeds and independent SQL say', async () => {
    // 創業セミナー (seed-demo.ts): four applications, no LINE, no attachment; one status change with a
    // comment to the applicant (the completed one); the withdrawal and the review carry none.
    const seminar = report.scopes.find((s) => s.module === 'applications' && s.scope.label.ja === '創業セミナー（全4回）の参加申込')!;
    assert.ok(seminar, 'the seminar procedure is a scope');
    const own = (key: string) => seminar.items.find((i) => i.key === key)?.records;
    assert.deepEqual(
      [
        'applications.answers',
        'applications.email',
        'applications.line_user_id',
        'applications.attachment',
        'applications.status_comment',
      ].map(own),
      [4, 4, 0, 0, 1],
    );
    assert.deepEqual([seminar.records, seminar.people], [5, 4], 'four applications and one comment; four applicants');
    const procedureId = seminar.scope.id.slice('procedure:'.length);
    const a = (
      await app.ctx.db.query<{ n: number; comments: number; oldest: Date }>(
        `SELECT (SELECT count(*)::int FROM app_applications WHERE procedure_id = $1) AS n,
                (SELECT count(*)::int FROM app_status_history h JOIN app_applications x ON x.id = h.application_id
                  WHERE x.procedure_id = $1 AND h.comment_enc IS NOT NULL) AS comments,
                (SELECT min(submitted_at) FROM app_applications WHERE procedure_id = $1) AS oldest`,
        [procedureId],
      )
    ).rows[0]!;
    assert.deepEqual([a.n, a.comments, seminar.oldest], [4, 1, new Date(a.oldest).toISOString()]);
    // the fields staff defined on the form join it: every application answered name and e-mail
    assert.equal(own(`${seminar.scope.id}.name`), 4);
    assert.equal(own(`${seminar.scope.id}.email`), 4);

    // 給付金の申請サポート (reservations demo): bookings of five synthetic people over the next two weeks, three
    // of whom gave an e-mail address; nobody cancelled, no booking answered the service's own questions.
    const benefit = report.scopes.find((s) => s.module === 'reservations' && s.scope.label.ja === '給付金の申請サポート')!;
    assert.equal(benefit.department?.code, 'fukushi');
    const b = (
      await app.ctx.db.query<{ n: number; emails: number; people: number; fields: number; reasons: number; oldest: Date }>(
        `SELECT count(*)::int AS n, count(r.email_enc)::int AS emails, count(DISTINCT r.phone_index)::int AS people,
                count(r.fields_enc)::int AS fields, min(r.created_at) AS oldest,
                (SELECT count(*)::int FROM rsv_status_history h JOIN rsv_reservations x ON x.id = h.reservation_id
                  WHERE x.service_id = s.id AND h.reason IS NOT NULL) AS reasons
           FROM rsv_services s JOIN rsv_reservations r ON r.service_id = s.id AND r.anonymised_at IS NULL
          WHERE s.name = '給付金の申請サポート' GROUP BY s.id`,
      )
    ).rows[0]!;
    assert.ok(b.n >= 5, `the seed books every one of its five people there (${b.n} bookings)`);
    assert.deepEqual([b.people, b.fields, b.reasons], [5, 0, 0]);
    const item = (key: string) => benefit.items.find((i) => i.key === key)?.records;
    assert.deepEqual(
      ['reservations.name', 'reservations.phone', 'reservations.email', 'reservations.line_user_id', 'reservations.answers'].map(item),
      [b.n, b.n, b.emails, 0, 0],
    );
    assert.deepEqual([benefit.records, benefit.people, benefit.oldest], [b.n, 5, new Date(b.oldest).toISOString()]);
  });

  it('shows the privacy officer every scope, in Japanese first, with its menu entry; audited', async () => {
    assert.ok(report.scopes.length > 0, 'the register has scopes on the demo data');
    const r = await get(officer, '/staff/privacy');
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /個人情報台帳（データ項目台帳）/);
    assert.match(r.body, /<a href="\/staff\/privacy"[^>]*>個人情報台帳/, 'menu entry');
    assert.deepEqual(scopeLinks(r.body).sort(), report.scopes.map((s) => s.scope.id).sort());
    const en = await get(officer, '/staff/privacy?lang=en');
    assert.match(en.body, /Personal data inventory/);
    const viewed = await audits('privacy.inventory_viewed');
    assert.deepEqual(
      viewed.map((a) => [a.actor, a.type, a.record, a.detail.scopes]),
      [
        ['demo-admin', 'privacy_inventory', null, report.scopes.length],
        ['demo-admin', 'privacy_inventory', null, report.scopes.length],
      ],
    );
  });

  it('filters by module and by department', async () => {
    const module = report.scopes[0]!.module;
    const r = await get(officer, `/staff/privacy?module=${module}&department=`);
    assert.deepEqual(
      scopeLinks(r.body).sort(),
      report.scopes
        .filter((s) => s.module === module)
        .map((s) => s.scope.id)
        .sort(),
    );
    const d = await get(officer, `/staff/privacy?department=${fukushi}`);
    assert.deepEqual(
      scopeLinks(d.body).sort(),
      report.scopes
        .filter((s) => s.scope.departmentId === fukushi)
        .map((s) => s.scope.id)
        .sort(),
    );
    const none = await get(officer, '/staff/privacy?department=none');
    assert.deepEqual(
      scopeLinks(none.body).sort(),
      report.scopes
        .filter((s) => s.scope.departmentId === null)
        .map((s) => s.scope.id)
        .sort(),
    );
  });

  it('shows a department head only their departments’ scopes; another department’s scope is a 404', async () => {
    const own = report.scopes.filter((s) => s.scope.departmentId === fukushi);
    assert.ok(own.length > 0, 'the demo gives 福祉課 services or procedures');
    const r = await get(head, '/staff/privacy');
    assert.equal(r.statusCode, 200);
    assert.deepEqual(scopeLinks(r.body).sort(), own.map((s) => s.scope.id).sort());
    const foreign = report.scopes.find((s) => s.scope.departmentId !== fukushi);
    if (foreign) assert.equal((await get(head, `/staff/privacy/scopes/${encodeURIComponent(foreign.scope.id)}`)).statusCode, 404);
    const csv = parseCsv((await get(head, '/staff/privacy/inventory.csv')).body.replace(/^\uFEFF/, ''));
    const exported = (await audits('privacy.inventory_exported')).filter((a) => a.actor === 'demo-fukushi');
    assert.deepEqual(
      exported.map((a) => [a.dept, a.detail.scopes]),
      [[fukushi, own.length]],
      'filed under the head’s department',
    );
    assert.deepEqual(
      [...new Set(csv.slice(1).map((row) => row[13]))].sort(),
      own
        .filter((s) => s.items.length)
        .map((s) => s.scope.id)
        .sort(),
    );
    if (own[0]) {
      const s = await get(head, `/staff/privacy/scopes/${encodeURIComponent(own[0].scope.id)}`);
      assert.equal(s.statusCode, 200);
    }
  });

  it('refuses other staff with 403 and no menu entry', async () => {
    for (const url of [
      '/staff/privacy',
      '/staff/privacy/inventory.csv',
      `/staff/privacy/scopes/${encodeURIComponent(report.scopes[0]!.scope.id)}`,
    ])
      assert.equal((await get(clerk, url)).statusCode, 403, url);
    const home = await get(clerk, '/staff');
    assert.doesNotMatch(home.body, /href="\/staff\/privacy"/);
  });

  it('shows one scope in full: each item’s storage, readers, recipients, retention and records; audited with the scope', async () => {
    const s = report.scopes.find((x) => x.items.length > 0)!;
    const r = await get(officer, `/staff/privacy/scopes/${encodeURIComponent(s.scope.id)}`);
    assert.equal(r.statusCode, 200);
    for (const i of s.items) {
      assert.ok(r.body.includes(`<code>${i.key}</code>`), i.key);
      const at = i.storedAt[0]!;
      assert.ok(r.body.includes(`${at.table}.${at.column}`), `${i.key} storage`);
    }
    assert.equal((await get(officer, '/staff/privacy/scopes/service%3Ano-such')).statusCode, 404);
    const viewed = (await audits('privacy.inventory_viewed')).filter((a) => a.record === s.scope.id && a.actor === 'demo-admin');
    assert.equal(viewed.length, 1);
    assert.equal(viewed[0]!.dept, s.scope.departmentId ?? viewed[0]!.dept);
    assert.deepEqual(viewed[0]!.detail, { module: s.module, items: s.items.length });
  });

  it('exports one CSV row per scope × item with the page’s counts, UTF-8 with BOM or Shift_JIS; audited', async () => {
    // The audit log's own counts grew with each view: read them again, as the export will.
    const report = await computeInventory(app.ctx.db, personalDataRegisters(), app.ctx.clock.now());
    const r = await get(officer, '/staff/privacy/inventory.csv');
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'text/csv; charset=UTF-8');
    assert.match(String(r.headers['content-disposition']), /^attachment; filename="privacy-inventory-\d{8}\.csv"$/);
    assert.ok(r.body.startsWith('\uFEFF'));
    const rows = parseCsv(r.body.slice(1));
    assert.deepEqual(rows[0], [
      '課',
      '業務',
      '手続・サービス',
      '項目',
      '分類',
      '要配慮',
      '保護',
      '件数',
      '人数',
      '最古の記録',
      '保存期間',
      '利用目的',
      '外部への提供',
      '識別子',
      '項目キー',
    ]);
    const expected = report.scopes.flatMap((s) => s.items.map((i) => [s.scope.id, i.key, String(i.records), String(s.people)].join(' ')));
    assert.deepEqual(
      rows.slice(1).map((x) => [x[13], x[14], x[7], x[8]].join(' ')),
      expected,
    );
    const sjis = await app.server.inject({
      method: 'GET',
      url: '/staff/privacy/inventory.csv?encoding=shift_jis',
      headers: { cookie: officer.cookie },
    });
    assert.equal(sjis.headers['content-type'], 'text/csv; charset=Windows-31J');
    assert.equal(parseCsv(iconv.decode(sjis.rawPayload, 'cp932'))[0]![0], '課');
    const exported = await audits('privacy.inventory_exported');
    assert.deepEqual(
      exported.filter((a) => a.actor === 'demo-admin').map((a) => [a.actor, a.type, a.detail.rows, a.detail.encoding]),
      [
        ['demo-admin', 'privacy_inventory', expected.length, 'utf-8'],
        ['demo-admin', 'privacy_inventory', expected.length, 'shift_jis'],
      ],
    );
    assert.ok(
      exported.every((a) => !('people' in a.detail) && !('records' in a.detail)),
      'no counts of people in the audit entry',
    );
  });

  it('reads back in LibreOffice Calc with counts as numbers and text kept text', {
    skip: !soffice && 'LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui',
  }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'inventory-csv-'));
    try {
      fs.writeFileSync(path.join(dir, 'inventory.csv'), (await get(officer, '/staff/privacy/inventory.csv')).rawPayload);
      const profile = `file://${path.join(os.tmpdir(), 'madoguchi-soffice-profile')}`;
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--infilter=CSV:44,34,76,1,,1041,false,true,false,false,false,false,true',
          '--convert-to',
          'fods',
          '--outdir',
          dir,
          path.join(dir, 'inventory.csv'),
        ],
        { stdio: 'ignore', timeout: 180_000 },
      );
      const xml = fs.readFileSync(path.join(dir, 'inventory.fods'), 'utf8');
      assert.match(xml, /<text:p>個人情報台帳|<text:p>課<\/text:p>/);
      assert.match(xml, /office:value-type="float"/, 'the counts are numbers');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
