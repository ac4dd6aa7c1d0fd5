/**
 * The inbox's CSV export: one procedure version, UTF-8 with BOM or CP932 (labelled Windows-31J),
 * formulas neutralised and text kept text (read back by LibreOffice Calc when it is installed),
 * sensitive columns masked for everyone (the header says so), identity-document columns unless a department administrator exports, and every
 * export audited with its row count.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import iconv from 'iconv-lite';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { ensureDepartment, logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { insertApplication, makeInboxProcedure } from './testing.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');

const soffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

/** What LibreOffice Calc makes of a CSV: type and text of every cell, by row. */
function calcCells(file: string, filter: string): { type: string; text: string }[][] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'calc-'));
  const profile = `file://${path.join(os.tmpdir(), 'madoguchi-soffice-profile')}`;
  execFileSync(
    'soffice',
    [`-env:UserInstallation=${profile}`, '--headless', `--infilter=${filter}`, '--convert-to', 'fods', '--outdir', out, file],
    {
      stdio: 'ignore',
      timeout: 180_000,
    },
  );
  const xml = fs.readFileSync(path.join(out, path.basename(file).replace(/\.\w+$/, '.fods')), 'utf8');
  fs.rmSync(out, { recursive: true, force: true });
  const unescapeXml = (s: string) =>
    s
      .replace(/&apos;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)].map((row) =>
    [...row[1]!.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)].flatMap((c) => {
      const repeat = Number(/number-columns-repeated="(\d+)"/.exec(c[1]!)?.[1] ?? '1');
      const cell = {
        type: /office:value-type="(\w+)"/.exec(c[1]!)?.[1] ?? 'empty',
        text: unescapeXml((c[2] ?? '').replace(/<[^>]+>/g, '').trim()),
      };
      return Array.from({ length: Math.min(repeat, 30) }, () => cell);
    }),
  );
}

describe('applications CSV export', () => {
  let app: TestApp;
  let staff: Client;
  let admin: Client;
  let procedureId: string;
  let first: { referenceNumber: string };

  before(async () => {
    app = await startTestApp({ clock });
    const departmentId = await ensureDepartment(app, 'inbox-export');
    await makeStaff(app, { loginId: 'inbox-export-staff', dept: 'inbox-export' });
    await makeStaff(app, { loginId: 'inbox-export-admin', dept: 'inbox-export', role: 'dept-admin' });
    staff = await logInClient(app, 'inbox-export-staff');
    admin = await logInClient(app, 'inbox-export-admin');
    procedureId = await makeInboxProcedure(app.ctx, departmentId);
    first = await insertApplication(app.ctx, {
      procedureId,
      departmentId,
      answers: {
        name: '00123',
        email: 'a@example.jp',
        health: '持病あり',
        copies: '2',
        memo: '=1+2',
        id_doc: '0f8e8c1e-0000-4000-8000-000000000001',
      },
    });
    clock.advance(60_000);
    await insertApplication(app.ctx, {
      procedureId,
      departmentId,
      answers: { name: '葛\u{E0100}城 太郎', email: 'b@example.jp', copies: '1', memo: '1-2' },
    });
  });
  after(async () => app.close());

  const get = (c: Client, url: string) => app.server.inject({ url, headers: { cookie: c.cookie, accept: 'text/html' } });
  const exportUrl = (encoding: string) => `/staff/applications/export.csv?procedure=${procedureId}:1&encoding=${encoding}`;

  it('offers the procedure version on the export form', async () => {
    const r = await get(staff, '/staff/applications/export');
    assert.equal(r.statusCode, 200);
    assert.ok(r.body.includes(`value="${procedureId}:1"`), r.body);
  });

  it('writes UTF-8 with a BOM, masks the sensitive and identity-document columns for staff, neutralises formulas, and is audited with the count', async () => {
    const r = await get(staff, exportUrl('utf-8'));
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'text/csv; charset=UTF-8');
    assert.deepEqual([...r.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = r.rawPayload.toString('utf8').slice(1).split('\r\n');
    assert.equal(
      lines[0],
      '整理番号,手続,版,状態,申請日時,支払,手数料（円）,氏名,メールアドレス,健康状態（要配慮個人情報のため非表示）,通数,メモ,本人確認書類',
    );
    assert.equal(
      lines[1],
      `${first.referenceNumber},証明書の郵送請求,1,受付済,2026-12-01 09:00,手数料なし,,"=""00123""",a@example.jp,（非表示）,2,'=1+2,（非表示）`,
    );
    assert.ok(!r.rawPayload.toString('utf8').includes('持病'));
    const audit = await app.ctx.db.query<{ detail: unknown; actor_label: string }>(
      `SELECT detail, actor_label FROM audit_log WHERE action = 'application.export' ORDER BY seq DESC LIMIT 1`,
    );
    const detail = (typeof audit.rows[0]!.detail === 'string' ? JSON.parse(audit.rows[0]!.detail) : audit.rows[0]!.detail) as Record<
      string,
      unknown
    >;
    assert.equal(audit.rows[0]!.actor_label, 'inbox-export-staff');
    assert.deepEqual([detail.count, detail.masked, detail.encoding, detail.maskedFields], [2, true, 'utf-8', ['health', 'id_doc']]);
  });

  it('writes CP932 labelled Windows-31J, with the identity-document column for a department administrator but never the sensitive one', async () => {
    const r = await get(admin, exportUrl('shift_jis'));
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'text/csv; charset=Windows-31J');
    assert.equal(r.headers['x-dropped-characters'], '1', 'the variation selector of 葛󠄀 is dropped and counted');
    const text = iconv.decode(r.rawPayload, 'cp932');
    const lines = text.split('\r\n');
    assert.ok(lines[0]!.includes(',健康状態（要配慮個人情報のため非表示）,'), lines[0]);
    assert.ok(!text.includes('持病'), 'a sensitive answer is never exported, not even for a department administrator');
    assert.ok(lines[1]!.includes(',a@example.jp,（非表示）,2,'), lines[1]);
    assert.ok(lines[1]!.endsWith(',0f8e8c1e-0000-4000-8000-000000000001'), 'the identity document is exported for the administrator');
    assert.ok(text.includes(',葛城 太郎,'), text);
    assert.equal(text.split('（非表示）').length - 1, 2, 'one masked cell per row, the sensitive one');
  });

  it('refuses a malformed choice with the form again', async () => {
    const r = await get(staff, '/staff/applications/export.csv?procedure=nope');
    assert.equal(r.statusCode, 422);
    assert.ok(r.body.includes('手続を選んでください。'));
  });

  it('reads back in LibreOffice Calc with text kept text and no formula run', {
    skip: !soffice && 'LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui',
  }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-export-'));
    try {
      fs.writeFileSync(path.join(dir, 'sjis.csv'), (await get(admin, exportUrl('shift_jis'))).rawPayload);
      fs.writeFileSync(path.join(dir, 'utf8.csv'), (await get(admin, exportUrl('utf-8'))).rawPayload);
      // Excel-like import: detect special numbers and evaluate formulas; 64 = Shift_JIS, 76 = UTF-8, 1041 = Japanese
      const opts = (charset: number) => `CSV:44,34,${charset},1,,1041,false,true,false,false,false,false,true`;
      for (const [file, charset] of [
        ['sjis.csv', 64],
        ['utf8.csv', 76],
      ] as const) {
        const rows = calcCells(path.join(dir, file), opts(charset));
        assert.equal(rows[0]![0]!.text, '整理番号', `${file}: the header is read in the right encoding`);
        const r = rows[1]!;
        assert.deepEqual([r[0]!.type, r[0]!.text], ['string', first.referenceNumber], file);
        assert.equal(r[4]!.type, 'date', `${file}: 申請日時 is a date and time`);
        assert.deepEqual([r[7]!.type, r[7]!.text], ['string', '00123'], `${file}: 氏名 keeps its zeros`);
        assert.equal(r[11]!.type, 'string', `${file}: メモ is text, not a formula`);
        assert.notEqual(r[11]!.text, '3', `${file}: the formula did not run`);
        assert.deepEqual([rows[2]![11]!.type, rows[2]![11]!.text], ['string', '1-2'], `${file}: 1-2 is not a date`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
