/**
 * The printed forms and the month's CSV: the PDF read back with pdftotext (Japanese title, facility,
 * total with thousands separators, the sample-price note, the header row repeated on every page of a
 * long table) and checked with qpdf; the facility prints only its own approved forms (another
 * facility's or an unapproved one: 404), every print audited; the CSV read back through
 * src/platform/csv (CP932 and UTF-8 with BOM, only approved claims, the total row) and by LibreOffice
 * Calc when installed (a facility code with leading zeros stays text).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { decodeCsv } from '../../../platform/csv/encoding.js';
import { readCsvText } from '../../../platform/csv/read.js';
import { logInClient, type Client } from '../../staff/test-support.js';
import { facilityClient, insertTestFacility, insertTestFacilityUser, makeReviewStaff, type FacilityClient } from '../testing.js';
import { additionContent, insertSubmission, monthlyContent, shoguContent, staffLine, testProfile } from './testing.js';

const clock = new ManualClock('2026-12-03T10:00:00+09:00');
const has = (tool: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const pdfTools = has('pdftotext') && has('qpdf');
const soffice = has('soffice');

function pdfText(pdf: Buffer): { text: string; pages: string[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-pdf-'));
  try {
    const file = path.join(dir, 'form.pdf');
    fs.writeFileSync(file, pdf);
    execFileSync('qpdf', ['--check', file], { stdio: 'pipe' }); // throws on a damaged file
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
    return { text, pages: text.split('\f').filter((p) => p.trim()) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('printed forms and the month’s CSV', () => {
  let app: TestApp;
  let reviewer: Client;
  let own: FacilityClient;
  let ownFacility: { id: string; code: string };
  let other: { id: string; code: string };
  let approved: string;
  let submitted: string;
  let otherApproved: string;

  before(async () => {
    app = await startTestApp({ clock });
    await makeReviewStaff(app, 'fcp-admin');
    reviewer = await logInClient(app, 'fcp-admin');
    ownFacility = await insertTestFacility(app.ctx, { code: '0012', name: 'ひまわり保育園' });
    other = await insertTestFacility(app.ctx, { code: 'F002', name: 'さくら保育園' });
    own = await facilityClient(app, await insertTestFacilityUser(app.ctx, { facilityId: ownFacility.id }));
    const profile = testProfile({ id: ownFacility.id, code: '0012', name: 'ひまわり保育園' });
    approved = await insertSubmission(app.ctx, {
      facilityId: ownFacility.id,
      content: monthlyContent(profile),
      status: 'approved',
      decidedAt: new Date('2026-12-01T01:00:00Z'),
    });
    submitted = await insertSubmission(app.ctx, { facilityId: ownFacility.id, content: additionContent(profile, []), status: 'submitted' });
    const otherProfile = testProfile({ id: other.id, code: 'F002', name: 'さくら保育園' });
    otherApproved = await insertSubmission(app.ctx, {
      facilityId: other.id,
      content: monthlyContent(otherProfile, {
        counts: [{ certClass: 1, ageBand: 'age4plus', need: 'education', count: 7 }],
        prices: { 'age4plus.education': 51_230 },
        facilityAdditions: [],
      }),
      status: 'approved',
    });
    // an approved claim of another month, and the submitted addition application above, are not in the CSV
    await insertSubmission(app.ctx, {
      facilityId: other.id,
      content: monthlyContent(otherProfile, { period: '2026-10' }),
      status: 'approved',
    });
  });
  after(async () => app.close());

  const get = (c: { cookie: string }, url: string) => app.server.inject({ url, headers: { cookie: c.cookie, accept: 'text/html' } });

  it('prints the monthly claim as an A4 form: title, 和暦 date, facility, classes, total with separators, sample note, seal, footer', {
    skip: !pdfTools && 'pdftotext and qpdf are needed (apt-get install poppler-utils qpdf)',
  }, async () => {
    const r = await get(own, `/facility/submissions/${approved}/pdf`);
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'application/pdf');
    assert.equal(r.headers['content-disposition'], 'attachment; filename="monthly-claim_0012_2026-11_v1.pdf"');
    const { text, pages } = pdfText(r.rawPayload);
    assert.equal(pages.length, 1);
    for (const expected of [
      '様式第1号',
      '施設型給付費等 運営費請求書',
      '令和8年11月分',
      '令和8年12月1日', // approval date, top right
      '市長 様',
      'ひまわり保育園',
      '社会福祉法人テスト会',
      '2号認定 3歳児 保育標準時間',
      '2,024,600', // 20 × 101,230
      '主幹教諭等専任加算',
      '10,858,350', // the total computed in diff-submissions.test.ts
      '見本単価による試算',
      '代表者印',
      '第1版',
      '承認日 令和8年12月1日',
      '1 / 1 ページ',
    ])
      assert.ok(text.includes(expected), `missing ${expected}:\n${text}`);
    assert.ok(/合計\s+10,858,350/.test(text), 'the total on the 合計 line');
    assert.ok(!text.includes('未承認'), 'an approved form carries no review-copy mark');
    const audit = await app.ctx.db.query<{ actor_type: string }>(
      `SELECT actor_type FROM audit_log WHERE action = 'facility.submission.print' AND record_id = $1`,
      [approved],
    );
    assert.deepEqual(
      audit.rows.map((a) => a.actor_type),
      ['facility'],
    );
  });

  it('repeats the header row of a table running onto the next page, and prints 処遇改善 区分①②③', {
    skip: !pdfTools && 'no pdftotext/qpdf',
  }, async () => {
    const profile = testProfile({ id: ownFacility.id, code: '0012', name: 'ひまわり保育園' });
    const staff = Array.from({ length: 70 }, (_, i) => ({
      ...staffLine(`s${i}`, `職員 ${String(i + 1).padStart(2, '0')}`),
      improvementYearly: 120_000,
      kubun3Group: i < 2 ? ('A' as const) : null,
    }));
    const id = await insertSubmission(app.ctx, { facilityId: ownFacility.id, content: shoguContent(profile, staff), status: 'submitted' });
    const r = await get(reviewer, `/staff/facility-claims/${id}/pdf`);
    assert.equal(r.statusCode, 200, r.body);
    const { text, pages } = pdfText(r.rawPayload);
    assert.ok(pages.length >= 2, `a long staff table runs over pages (${pages.length})`);
    for (const p of pages.slice(1)) assert.ok(/氏名\s+職種\s+雇用形態/.test(p), `the header row again on every page:\n${p}`);
    for (const expected of [
      '処遇改善等加算 申請書',
      '令和8年度',
      '区分① 基礎分',
      '12%',
      '6,120,000',
      '区分③ 質の向上分',
      'A 2人／B 3人',
      '職員 70',
      '8,400,000',
      '62.5%',
      '未承認',
    ])
      assert.ok(text.includes(expected), `missing ${expected}`);
    assert.ok(text.includes(`1 / ${pages.length} ページ`));
  });

  it('lets a facility print only its own approved forms: another facility’s, an unapproved or a malformed id is 404', async () => {
    assert.equal((await get(own, `/facility/submissions/${otherApproved}/pdf`)).statusCode, 404, 'another facility');
    assert.equal((await get(own, `/facility/submissions/${submitted}/pdf`)).statusCode, 404, 'not approved');
    assert.equal((await get(own, '/facility/submissions/nope/pdf')).statusCode, 404);
    assert.equal((await get({ cookie: '' }, `/facility/submissions/${approved}/pdf`)).statusCode, 303, 'no session: the log-in page');
    assert.equal((await get(reviewer, `/staff/facility-claims/${otherApproved}/pdf`)).statusCode, 200, 'staff print any');
    const audit = await app.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = 'facility.submission.print' AND record_id = ANY($1::text[])`,
      [[otherApproved, submitted]],
    );
    assert.equal(audit.rows[0]!.n, 1, 'only the staff print was made and audited');
  });

  it('exports the month’s approved claims per facility in CP932 and UTF-8 with a total row, audited with the count', async () => {
    const r = await get(reviewer, '/staff/facility-claims/export?month=2026-11');
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.headers['content-type'], 'text/csv; charset=Windows-31J');
    const { text, encoding } = decodeCsv(r.rawPayload);
    assert.equal(encoding, 'shift_jis');
    const rows = (await readCsvText(text)).map((x) => x.record);
    assert.equal(rows.length, 4, 'header, two facilities, total');
    const header = rows[0]!;
    assert.deepEqual(header.slice(0, 4), ['施設コード', '施設名', '施設類型', '1号認定 満3歳児 教育標準時間']);
    assert.equal(header.length, 3 + 11 + 4);
    const col = (name: string) => header.indexOf(name);
    const own = rows[1]!;
    assert.equal(own[0], '="0012"', 'the code is kept as text');
    assert.equal(own[1], 'ひまわり保育園');
    assert.equal(own[col('2号認定 3歳児 保育標準時間')], '20');
    assert.equal(own[col('児童数計')], '90');
    assert.equal(own[col('請求額（円）')], '10858350');
    assert.equal(own[col('承認日時')], '2026-12-01 10:00');
    const second = rows[2]!;
    assert.deepEqual(
      [second[0], second[col('1号認定 4歳以上児 教育標準時間')], second[col('請求額（円）')]],
      ['F002', '7', String(7 * 51_230)],
    );
    const total = rows[3]!;
    assert.deepEqual([total[0], total[col('児童数計')], total[col('請求額（円）')]], ['合計', '97', String(10_858_350 + 7 * 51_230)]);
    const utf8 = await get(reviewer, '/api/v1/staff/facility-claims/export?month=2026-11&encoding=utf8');
    assert.equal(utf8.statusCode, 200);
    assert.deepEqual([...utf8.rawPayload.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(utf8.headers['x-row-count'], '2');
    const audit = await app.ctx.db.query<{ detail: unknown }>(`SELECT detail FROM audit_log WHERE action = 'facility.export' ORDER BY seq`);
    const details = audit.rows.map((a) => (typeof a.detail === 'string' ? JSON.parse(a.detail) : a.detail) as Record<string, unknown>);
    assert.deepEqual(
      details.map((d) => [d.month, d.count, d.encoding]),
      [
        ['2026-11', 2, 'shift_jis'],
        ['2026-11', 2, 'utf-8'],
      ],
    );
  });

  it('shows the download form again for a missing month', async () => {
    const r = await get(reviewer, '/staff/facility-claims/export?encoding=utf8');
    assert.equal(r.statusCode, 422);
    assert.ok(r.body.includes('対象月を入力してください。'));
  });

  it('reads back in LibreOffice Calc with the facility code as text and the amounts as numbers', {
    skip: !soffice && 'LibreOffice (soffice) is not installed',
  }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-csv-'));
    const profile = `file://${path.join(os.tmpdir(), 'madoguchi-soffice-profile')}`;
    try {
      const file = path.join(dir, 'month.csv');
      fs.writeFileSync(file, (await get(reviewer, '/staff/facility-claims/export?month=2026-11')).rawPayload);
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=${profile}`,
          '--headless',
          '--infilter=CSV:44,34,64,1,,1041,false,true,false,false,false,false,true',
          '--convert-to',
          'fods',
          '--outdir',
          dir,
          file,
        ],
        { stdio: 'ignore', timeout: 180_000 },
      );
      const xml = fs.readFileSync(path.join(dir, 'month.fods'), 'utf8');
      const rows = [...xml.matchAll(/<table:table-row[^>]*>([\s\S]*?)<\/table:table-row>/g)].map((row) =>
        [...row[1]!.matchAll(/<table:table-cell([^>]*?)(?:\/>|>([\s\S]*?)<\/table:table-cell>)/g)].map((c) => ({
          type: /office:value-type="(\w+)"/.exec(c[1]!)?.[1] ?? 'empty',
          text: (c[2] ?? '').replace(/<[^>]+>/g, '').trim(),
        })),
      );
      assert.equal(rows[0]![0]!.text, '施設コード');
      assert.deepEqual(rows[1]![0], { type: 'string', text: '0012' }, 'leading zeros kept');
      const amount = rows[1]!.find((c) => c.text.replace(/,/g, '') === '10858350');
      assert.equal(amount?.type, 'float', 'the amount is a number');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
