/**
 * Sensitive answers (要配慮個人情報) of applications: masked on the list, the detail screen and the API
 * for everyone; read only by a role the procedure allows, with a reason, through a POST that audits
 * the reason and the field keys; an empty or too long reason is a field error that keeps what was
 * typed; a role not allowed gets no form and a 403, another department a 404, a sys-admin membership
 * is no reader; the procedure's readers are set on its settings screen by its administrators, audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import crypto from 'node:crypto';
import { contentContext, FILENAME_CONTEXT } from '../attachments/store-upload.js';
import { staffFileUrl } from '../attachments/list-files.js';
import { ensureDepartment, logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { inboxDefinition, insertApplication, makeInboxProcedure } from './testing.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');
const MASK = '要配慮個人情報のため表示していません';

describe('applications: sensitive answers', () => {
  let app: TestApp;
  let staffA: Client;
  let adminA: Client;
  let sysA: Client;
  let staffB: Client;
  let procA: string;
  let appA: { id: string; referenceNumber: string };

  before(async () => {
    app = await startTestApp({ clock });
    const deptA = await ensureDepartment(app, 'sens-a');
    await ensureDepartment(app, 'sens-b');
    await makeStaff(app, { loginId: 'sens-a-staff', dept: 'sens-a' });
    await makeStaff(app, { loginId: 'sens-a-admin', dept: 'sens-a', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'sens-a-sys', dept: 'sens-a', role: 'sys-admin' });
    await makeStaff(app, { loginId: 'sens-b-staff', dept: 'sens-b' });
    staffA = await logInClient(app, 'sens-a-staff');
    adminA = await logInClient(app, 'sens-a-admin');
    sysA = await logInClient(app, 'sens-a-sys');
    staffB = await logInClient(app, 'sens-b-staff');
    // inboxDefinition: name and e-mail personal, health sensitive, copies, memo, an identity document
    procA = await makeInboxProcedure(app.ctx, deptA);
    appA = await insertApplication(app.ctx, {
      procedureId: procA,
      departmentId: deptA,
      answers: { name: '配慮 花子', email: 'hairyo@example.jp', health: '持病あり（通院中）', copies: '1', memo: 'よろしく' },
    });
  });
  after(async () => app.close());

  /** An application whose sensitive file field (a medical certificate) holds one PDF. */
  async function withSensitiveFile(departmentId: string): Promise<{ id: string; fileId: string }> {
    const def = inboxDefinition();
    def.steps[1]!.fields.push({
      key: 'certificate',
      label: { ja: '診断書' },
      type: 'file',
      required: false,
      privacy: 'sensitive',
      validation: {},
    });
    const procedureId = await makeInboxProcedure(app.ctx, departmentId, def);
    const fileId = crypto.randomUUID();
    const a = await insertApplication(app.ctx, {
      procedureId,
      departmentId,
      answers: { name: '書類 次郎', email: 'shorui@example.jp', copies: '1', certificate: [fileId] },
    });
    const data = Buffer.from('%PDF-1.4\n%%EOF\n');
    await app.ctx.db.query(
      `INSERT INTO app_files (id, application_id, owner_token_hash, field_key, filename_enc, content_type, size_bytes, sha256, content_enc, scan_status, created_at)
       VALUES ($1, $2, 'x', 'certificate', $3, 'application/pdf', $4, 'x', $5, 'not_scanned', $6)`,
      [
        fileId,
        a.id,
        app.ctx.crypto.encrypt('shindansho.pdf', FILENAME_CONTEXT),
        data.length,
        app.ctx.crypto.encryptBytes(data, contentContext(fileId)),
        clock.now(),
      ],
    );
    return { id: a.id, fileId };
  }

  const page = (c: Client, url: string) => app.server.inject({ url, headers: { cookie: c.cookie, accept: 'text/html' } });
  const form = (c: Client, url: string, body: Record<string, string | string[]>) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams([
        ['_csrf', c.csrf],
        ...Object.entries(body).flatMap(([k, v]) =>
          Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]],
        ),
      ]).toString(),
    });
  const audits = async (action: string, recordId: string) =>
    (
      await app.ctx.db.query<{ detail: unknown; actor_label: string }>(
        'SELECT detail, actor_label FROM audit_log WHERE action = $1 AND record_id = $2 ORDER BY seq',
        [action, recordId],
      )
    ).rows.map((r) => ({
      label: r.actor_label,
      detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
    }));

  it('masks the sensitive answer on the list, the detail screen and the API for everyone, and offers the reason form to an allowed role', async () => {
    for (const c of [staffA, adminA, sysA]) {
      const list = await page(c, '/staff/applications');
      assert.equal(list.statusCode, 200);
      assert.ok(list.body.includes(appA.referenceNumber) && !list.body.includes('持病'), 'listed, without the sensitive answer');
      const d = await page(c, `/staff/applications/${appA.id}`);
      assert.equal(d.statusCode, 200);
      assert.ok(!d.body.includes('持病'), 'the detail screen does not show it');
      assert.ok(d.body.includes(MASK));
      assert.ok(d.body.includes('よろしく') && d.body.includes('配慮 花子'), 'the other answers are shown');
      const api = await c.call('GET', `/api/v1/staff/applications/${appA.id}`);
      assert.equal(api.status, 200);
      assert.ok(!JSON.stringify(api.json).includes('持病'));
      const health = api.json.answers.find((x: { key: string }) => x.key === 'health');
      assert.deepEqual([health.masked, health.value, health.text], [true, null, '']);
      assert.equal(api.json.answers.find((x: { key: string }) => x.key === 'memo').masked, false);
    }
    const d = await page(staffA, `/staff/applications/${appA.id}`);
    assert.ok(d.body.includes(`action="/staff/applications/${appA.id}/sensitive"`), 'staff of the department may read by default');
    const sys = await page(sysA, `/staff/applications/${appA.id}`);
    assert.ok(!sys.body.includes(`/staff/applications/${appA.id}/sensitive"`), 'a sys-admin membership is no reader: no form');
    assert.ok(sys.body.includes('閲覧できるのは、この課の管理者・この課の職員です。'), sys.body);
  });

  it('shows the values to an allowed reader who gives a reason, uncached, and audits the reason and the field keys; a reload shows them masked', async () => {
    const before = (await audits('privacy.sensitive_read', appA.id)).length;
    const r = await form(staffA, `/staff/applications/${appA.id}/sensitive`, { reason: '審査のため健康状態を確認' });
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(r.body.includes('持病あり（通院中）'), 'the value is shown');
    assert.ok(!r.body.includes(MASK));
    assert.equal(r.headers['cache-control'], 'no-store');
    const a = await audits('privacy.sensitive_read', appA.id);
    assert.equal(a.length, before + 1);
    assert.deepEqual(a.at(-1), {
      label: 'sens-a-staff',
      detail: { reason: '審査のため健康状態を確認', fields: ['health'], procedureId: procA, version: 1 },
    });
    const again = await page(staffA, `/staff/applications/${appA.id}`);
    assert.ok(!again.body.includes('持病') && again.body.includes(MASK), 'a GET never shows it');
    // the form carries a single-use token: posting it again (a browser's reload) shows nothing and records nothing
    const once = /name="once" value="([0-9a-f-]{36})"/.exec(again.body)?.[1];
    assert.ok(once, 'the form has its token');
    const first = await form(staffA, `/staff/applications/${appA.id}/sensitive`, { reason: '再確認', once });
    assert.ok(first.body.includes('持病あり（通院中）'));
    const reload = await form(staffA, `/staff/applications/${appA.id}/sensitive`, { reason: '再確認', once });
    assert.equal(reload.statusCode, 200);
    assert.ok(!reload.body.includes('持病') && reload.body.includes(MASK), 'a reload shows it masked');
    assert.ok(reload.body.includes('再読み込みでは表示しません'));
    const reads = await audits('privacy.sensitive_read', appA.id);
    assert.equal(reads.length, before + 2, 'the reload is not a read');
    assert.equal(reads.at(-1)!.detail.once, once);
    const get = await app.server.inject({ url: `/staff/applications/${appA.id}/sensitive`, headers: { cookie: staffA.cookie } });
    assert.equal(get.statusCode, 404, 'no GET URL reveals');
  });

  it('refuses an empty or too long reason at the field, keeping what was typed, and records nothing', async () => {
    const before = (await audits('privacy.sensitive_read', appA.id)).length;
    const empty = await form(staffA, `/staff/applications/${appA.id}/sensitive`, { reason: '   ' });
    assert.equal(empty.statusCode, 422);
    assert.ok(empty.body.includes('閲覧する理由を入力してください。'), empty.body);
    assert.match(empty.body, /<textarea[^>]*id="sensitive-reason"[^>]*aria-invalid="true"/);
    assert.ok(!empty.body.includes('持病') && empty.body.includes(MASK));
    const long = 'あ'.repeat(201);
    const tooLong = await form(staffA, `/staff/applications/${appA.id}/sensitive`, { reason: long });
    assert.equal(tooLong.statusCode, 422);
    assert.ok(tooLong.body.includes('閲覧する理由は200文字以内で入力してください。'));
    assert.ok(tooLong.body.includes(`>${long}</textarea>`), 'what was typed is kept');
    const api = await staffA.call('POST', `/api/v1/staff/applications/${appA.id}/sensitive-answers`, { reason: '' });
    assert.equal(api.status, 422);
    assert.equal(api.json.errors[0].field, 'reason');
    assert.equal((await audits('privacy.sensitive_read', appA.id)).length, before);
  });

  it('refuses another department (404) and a sys-admin membership (403), on the screen and the API', async () => {
    const before = (await audits('privacy.sensitive_read', appA.id)).length;
    assert.equal((await form(staffB, `/staff/applications/${appA.id}/sensitive`, { reason: '確認' })).statusCode, 404);
    assert.equal(
      (await form(staffB, `/staff/applications/${appA.id}/sensitive`, { reason: '' })).statusCode,
      404,
      'a 404 whatever was posted',
    );
    assert.equal((await staffB.call('POST', `/api/v1/staff/applications/${appA.id}/sensitive-answers`, {})).status, 404);
    const sys = await form(sysA, `/staff/applications/${appA.id}/sensitive`, { reason: '確認' });
    assert.equal(sys.statusCode, 403);
    assert.ok(!sys.body.includes('持病'));
    assert.equal((await sysA.call('POST', `/api/v1/staff/applications/${appA.id}/sensitive-answers`, { reason: '確認' })).status, 403);
    assert.equal((await audits('privacy.sensitive_read', appA.id)).length, before);
  });

  it('lets the department administrator limit the readers on the settings screen (audited); staff then get a note, no form and 403', async () => {
    const settings = await page(adminA, `/staff/procedures/${procA}/settings`);
    assert.equal(settings.statusCode, 200);
    assert.match(settings.body, /name="readers" value="dept-admin" checked/);
    assert.match(settings.body, /name="readers" value="staff" checked/);
    // staff of the department cannot change it
    const byStaff = await form(staffA, `/staff/procedures/${procA}/sensitive-readers`, { readers: ['staff'] });
    assert.ok(byStaff.statusCode === 403 || byStaff.statusCode === 404, String(byStaff.statusCode));
    // a role that is not a choice is refused with the screen again
    const forged = await form(adminA, `/staff/procedures/${procA}/sensitive-readers`, { readers: ['sys-admin'] });
    assert.equal(forged.statusCode, 422);
    const saved = await form(adminA, `/staff/procedures/${procA}/sensitive-readers`, { readers: ['dept-admin'] });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/staff/procedures/${procA}/settings?done=readers#sensitive-readers`);
    const changes = await audits('privacy.sensitive_readers_changed', procA);
    assert.deepEqual(changes, [{ label: 'sens-a-admin', detail: { before: ['dept-admin', 'staff'], after: ['dept-admin'] } }]);
    // saving the same again records nothing
    await form(adminA, `/staff/procedures/${procA}/sensitive-readers`, { readers: ['dept-admin'] });
    assert.equal((await audits('privacy.sensitive_readers_changed', procA)).length, 1);
    const shown = await page(adminA, `/staff/procedures/${procA}/settings?done=readers`);
    assert.match(shown.body, /name="readers" value="dept-admin" checked/);
    assert.doesNotMatch(shown.body, /name="readers" value="staff" checked/);

    const d = await page(staffA, `/staff/applications/${appA.id}`);
    assert.ok(!d.body.includes(`/staff/applications/${appA.id}/sensitive"`), 'no form for staff now');
    assert.ok(d.body.includes('閲覧できるのは、この課の管理者です。'));
    assert.equal((await form(staffA, `/staff/applications/${appA.id}/sensitive`, { reason: '確認' })).statusCode, 403);
    const api = await adminA.call('POST', `/api/v1/staff/applications/${appA.id}/sensitive-answers`, { reason: '補正の確認' });
    assert.equal(api.status, 200);
    assert.equal(api.headers['cache-control'], 'no-store');
    const health = api.json.answers.find((x: { key: string }) => x.key === 'health');
    assert.deepEqual([health.masked, health.value], [false, '持病あり（通院中）']);
    assert.deepEqual((await audits('privacy.sensitive_read', appA.id)).at(-1), {
      label: 'sens-a-admin',
      detail: { reason: '補正の確認', fields: ['health'], procedureId: procA, version: 1 },
    });
    // nobody: the note says so
    await form(adminA, `/staff/procedures/${procA}/sensitive-readers`, {});
    const none = await page(adminA, `/staff/applications/${appA.id}`);
    assert.ok(none.body.includes('画面で閲覧できる人を定めていません'));
    assert.equal((await form(adminA, `/staff/applications/${appA.id}/sensitive`, { reason: '確認' })).statusCode, 403);
  });

  it('lists the file of a sensitive field only after a reveal, and lets only an allowed role download it', async () => {
    const deptA = (await app.ctx.db.query<{ id: string }>("SELECT id::text AS id FROM departments WHERE code = 'sens-a'")).rows[0]!.id;
    const f = await withSensitiveFile(deptA);
    const url = staffFileUrl(f.id, f.fileId);
    const masked = await page(adminA, `/staff/applications/${f.id}`);
    assert.ok(!masked.body.includes(url) && !masked.body.includes('shindansho'), 'no link while masked');
    const shown = await form(adminA, `/staff/applications/${f.id}/sensitive`, { reason: '診断書の確認' });
    assert.equal(shown.statusCode, 200);
    assert.ok(shown.body.includes(url), 'linked after the reveal');
    assert.equal((await app.server.inject({ url, headers: { cookie: adminA.cookie } })).statusCode, 200);
    // the procedure's readers are the defaults: the sys-admin membership is none of them
    assert.equal((await app.server.inject({ url, headers: { cookie: sysA.cookie } })).statusCode, 403);
    assert.equal((await app.server.inject({ url, headers: { cookie: staffB.cookie } })).statusCode, 404);
  });
});
