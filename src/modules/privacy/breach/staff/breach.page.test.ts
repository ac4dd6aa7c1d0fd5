/**
 * /staff/privacy/breach on the demo data, with hand-checked numbers. The demo's 創業セミナー (商工労働課'
 * only procedure) holds four applications from four people (submitted 0, 1, 3 and 7 days ago, each with an
 * e-mail address), one of which was completed with a comment to the applicant (a status history row holding
 * personal data): 4 people, 5 records. A new staff account opens two of them (the one received and the one
 * in review, neither with a comment) through the real detail page: reporting on that account finds exactly
 * those 2 people and 2 records, and a window that ends before today finds nothing. The department head of
 * 市民課 cannot report on 商工労働課's procedure nor download the contact list; the officer's is audited with
 * its count. The PDF is read back with pdftotext and checked with qpdf.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../../test/helpers.js';
import { addDays, jstDate } from '../../../../platform/japan-time.js';
import { type Client, logInClient, makeStaff } from '../../../staff/test-support.js';

const DEMO = 'demo-password-2026';

describe('breach-impact report screen (demo data)', () => {
  let app: TestApp;
  let officer: Client;
  let shimin: Client;
  let viewer: Client;
  let seminar: string;
  let juminhyo: string;
  let viewed: string[];
  let today: string;

  const page = (c: Client, url: string) => app.server.inject({ method: 'GET', url, headers: { cookie: c.cookie, accept: 'text/html' } });
  const post = (c: Client, url: string, form: Record<string, string>, csrf = true) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: c.cookie, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...(csrf ? { _csrf: c.csrf } : {}), ...form }).toString(),
    });
  const json = async (c: Client, form: Record<string, string>) => {
    const r = await post(c, '/staff/privacy/breach/report.json', form);
    assert.equal(r.statusCode, 200, r.body.slice(0, 500));
    return r.json();
  };

  before(async () => {
    app = await startTestApp({ demo: true });
    today = jstDate(app.ctx.clock.now());
    const proc = async (code: string) =>
      (
        await app.ctx.db.query<{ id: string }>(
          'SELECT p.id FROM app_procedures p JOIN departments d ON d.id = p.department_id WHERE d.code = $1 ORDER BY p.created_at',
          [code],
        )
      ).rows[0]!.id;
    seminar = await proc('shoukou');
    juminhyo = await proc('shimin');
    officer = await logInClient(app, 'demo-admin', DEMO);
    shimin = await logInClient(app, 'demo-shimin', DEMO);
    await makeStaff(app, { loginId: 'br-viewer', dept: 'shoukou' });
    viewer = await logInClient(app, 'br-viewer');
    const apps = await app.ctx.db.query<{ id: string; status: string }>(
      `SELECT id, status FROM app_applications WHERE procedure_id = $1 AND status IN ('received', 'in_review') ORDER BY status`,
      [seminar],
    );
    viewed = apps.rows.map((r) => r.id);
    assert.equal(viewed.length, 2);
    for (const id of viewed) assert.equal((await page(viewer, `/staff/applications/${id}`)).statusCode, 200);
  });
  after(() => app?.close());

  it('one procedure: 4 people, 5 records, reachable by e-mail, in the PPC structure', async () => {
    const r = await json(officer, { from: addDays(today, -10), to: today, scope: `procedure:${seminar}` });
    assert.deepEqual([r.people, r.records], [4, 5]);
    assert.deepEqual(r.notifiable, { email: 4, line: 0, phone: 0, post: 0, none: 0 });
    assert.deepEqual(
      r.departments.map((d: { code: string }) => d.code),
      ['shoukou'],
    );
    const records = (key: string) => r.items.find((i: { key: string }) => i.key === key)?.records;
    assert.equal(records(`procedure:${seminar}.name`), 4);
    assert.equal(records('applications.email'), 4);
    assert.equal(records('applications.status_comment'), 1, 'the comment to the applicant whose seminar was completed');
    assert.deepEqual(
      r.draft.sections.map((s: { heading: string }) => s.heading),
      [
        '概要',
        '漏えい等が発生し、又はおそれがある個人データの項目',
        '本人の数',
        '原因',
        '二次被害又はそのおそれの有無及びその内容',
        '本人への対応の実施状況',
        '公表の実施状況',
        '再発防止のための措置',
        'その他',
      ],
    );
    const audit = await app.ctx.db.query<{ actor_label: string; detail: Record<string, unknown> }>(
      `SELECT actor_label, detail FROM audit_log WHERE action = 'privacy.breach_report' ORDER BY seq DESC LIMIT 1`,
    );
    assert.deepEqual(audit.rows[0], {
      actor_label: 'demo-admin',
      detail: { scope: `procedure:${seminar}`, from: addDays(today, -10), to: today, format: 'json', people: 4, records: 5 },
    });
  });

  it('a staff account: exactly the two applications it opened; a window ending before today finds none', async () => {
    // Its entries: the log-in (its own record, not counted) and the two views.
    const r = await json(officer, { from: addDays(today, -1), to: today, staff: 'br-viewer' });
    assert.deepEqual([r.people, r.records, r.staffActivity], [2, 2, { entries: 3, referenced: 2 }]);
    assert.deepEqual(r.notifiable, { email: 2, line: 0, phone: 0, post: 0, none: 0 });
    const before = await json(officer, { from: addDays(today, -30), to: addDays(today, -2), staff: 'br-viewer' });
    assert.deepEqual([before.people, before.records, before.items], [0, 0, []]);
  });

  it('the draft on screen keeps what the officer typed; the PDF carries the headings and the numbers', async () => {
    const form = { from: addDays(today, -10), to: today, scope: `procedure:${seminar}`, cause: '委託先の誤送信', measures: '' };
    const screen = await post(officer, '/staff/privacy/breach', form);
    assert.equal(screen.statusCode, 200);
    assert.match(screen.body, /委託先の誤送信/);
    assert.match(screen.body, /【要記入：再発防止のための措置】/);
    assert.match(screen.body, /4人（5件）/);
    assert.match(screen.body, /action="\/staff\/privacy\/breach\/contacts.csv"/);
    const pdf = await post(officer, '/staff/privacy/breach/report.pdf', form);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-breach-pdf-'));
    try {
      const file = path.join(dir, 'r.pdf');
      fs.writeFileSync(file, pdf.rawPayload);
      execFileSync('qpdf', ['--check', file]);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString('utf8');
      for (const s of [
        '漏えい等報告（案）',
        '概要',
        '本人の数',
        '4人（5件）',
        '原因',
        '委託先の誤送信',
        '再発防止のための措置',
        'メール 4人',
      ])
        assert.ok(text.includes(s), `the PDF says ${s}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps what was typed and marks the fields when the form is wrong', async () => {
    const r = await post(officer, '/staff/privacy/breach', { from: '2026-13-01', to: today, scope: '', cause: '原因の下書き' });
    assert.equal(r.statusCode, 422);
    assert.match(r.body, /日付を正しく入力してください/);
    assert.match(r.body, /範囲・職員アカウント・テーブルのいずれか一つを指定してください/);
    assert.match(r.body, /原因の下書き/);
    const unknown = await post(officer, '/staff/privacy/breach', { from: today, to: today, staff: 'nobody-here' });
    assert.equal(unknown.statusCode, 422);
    assert.match(unknown.body, /指定された範囲はありません/);
    assert.match(unknown.body, /value="nobody-here"/);
  });

  it("refuses a department head another department's procedure, a staff account and the contact list", async () => {
    const form = { from: addDays(today, -10), to: today, scope: `procedure:${seminar}` };
    assert.equal((await post(shimin, '/staff/privacy/breach', form)).statusCode, 403);
    assert.equal((await post(shimin, '/staff/privacy/breach', { ...form, scope: '', staff: 'br-viewer' })).statusCode, 403);
    const own = await post(shimin, '/staff/privacy/breach', { ...form, scope: `procedure:${juminhyo}` });
    assert.equal(own.statusCode, 200);
    assert.doesNotMatch(own.body, /contacts.csv/);
    const mine = { ...form, scope: `procedure:${juminhyo}` };
    assert.equal((await post(shimin, '/staff/privacy/breach/contacts.csv', mine)).statusCode, 403);
    assert.equal((await page(viewer, '/staff/privacy/breach')).statusCode, 403);
    assert.equal((await post(officer, '/staff/privacy/breach', form, false)).statusCode, 403, 'no CSRF token');
    const home = await page(shimin, '/staff');
    assert.match(home.body, /href="\/staff\/privacy\/breach"/);
    assert.doesNotMatch((await page(viewer, '/staff')).body, /\/staff\/privacy\/breach/);
  });

  it('gives the officer the contact list, audited with the count', async () => {
    const r = await post(officer, '/staff/privacy/breach/contacts.csv', {
      from: addDays(today, -10),
      to: today,
      scope: `procedure:${seminar}`,
    });
    assert.equal(r.statusCode, 200);
    const lines = r.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.equal(lines[0], '連絡手段,連絡先,範囲');
    assert.equal(lines.length, 5, 'four e-mail addresses');
    for (const l of lines.slice(1)) assert.match(l, /^メール,[^,@]+@[^,]+,procedure:/);
    const audit = await app.ctx.db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_log WHERE action = 'privacy.breach_contacts' AND actor_label = 'demo-admin'`,
    );
    assert.deepEqual(
      audit.rows.map((x) => [x.detail.count, x.detail.people]),
      [[4, 4]],
    );
  });
});
