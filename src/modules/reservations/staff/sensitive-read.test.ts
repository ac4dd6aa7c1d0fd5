/**
 * Sensitive answers (要配慮個人情報) of bookings: masked on the day view, the list, the detail screen and
 * the staff API for everyone; read only by a role the service allows, with a reason, through a POST that
 * audits the reason and the field keys; an empty or too long reason is a field error that keeps what was
 * typed; a role not allowed gets no form and a 403, another department a 404, a sys-admin membership is
 * no reader; the service's readers are set on its settings screen by its administrators, audited.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { makeDepartment, makeService, TOPIC_FIELD } from '../testing.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');
const MASK = '要配慮個人情報のため表示していません';

describe('reservations: sensitive answers', () => {
  let app: TestApp;
  let staffA: Client;
  let adminA: Client;
  let sysA: Client;
  let staffB: Client;
  let svc: { id: string; departmentId: string };
  let id = '';

  before(async () => {
    app = await startTestApp({ clock });
    const deptA = await makeDepartment(app.ctx, 'rsens-a');
    await makeDepartment(app.ctx, 'rsens-b');
    // the topic is sensitive, the memo personal
    svc = await makeService(app.ctx, {
      departmentId: deptA,
      fields: [TOPIC_FIELD, { key: 'memo', labelJa: 'メモ', type: 'text', required: false, classification: 'personal' }],
    });
    await makeStaff(app, { loginId: 'rsens-a-staff', dept: 'rsens-a' });
    await makeStaff(app, { loginId: 'rsens-a-admin', dept: 'rsens-a', role: 'dept-admin' });
    await makeStaff(app, { loginId: 'rsens-a-sys', dept: 'rsens-a', role: 'sys-admin' });
    await makeStaff(app, { loginId: 'rsens-b-staff', dept: 'rsens-b' });
    staffA = await logInClient(app, 'rsens-a-staff');
    adminA = await logInClient(app, 'rsens-a-admin');
    sysA = await logInClient(app, 'rsens-a-sys');
    staffB = await logInClient(app, 'rsens-b-staff');
    const r = await staffA.call('POST', '/api/v1/staff/reservations', {
      serviceId: svc.id,
      start: '2026-12-03T10:00:00+09:00',
      name: '相談 花子',
      phone: '090-5550-7777',
      email: null,
      fields: { topic: 'working_conditions', memo: '午前希望' },
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    id = r.json.id;
  });
  after(async () => app.close());

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

  it('masks the sensitive answer on the day view, the list, the detail screen and the API for everyone', async () => {
    for (const c of [staffA, adminA, sysA]) {
      for (const url of ['/staff/reservations?date=2026-12-03', '/staff/reservations/list?from=2026-12-01&to=2026-12-31']) {
        const r = await page(c, url);
        assert.equal(r.statusCode, 200, url);
        assert.ok(r.body.includes('相談 花子') && !r.body.includes('労働条件'), url);
      }
      const d = await page(c, `/staff/reservations/${id}`);
      assert.equal(d.statusCode, 200);
      assert.ok(!d.body.includes('労働条件') && d.body.includes(MASK));
      assert.ok(d.body.includes('午前希望'), 'the personal answer is shown');
      const api = await c.call('GET', `/api/v1/staff/reservations/${id}`);
      assert.equal(api.status, 200);
      assert.ok(!JSON.stringify(api.json).includes('working_conditions') && !JSON.stringify(api.json).includes('労働条件'));
      assert.deepEqual(
        api.json.fields.map((f: { key: string; value: string; masked: boolean }) => [f.key, f.value, f.masked]),
        [
          ['topic', '', true],
          ['memo', '午前希望', false],
        ],
      );
      const list = await c.call('GET', '/api/v1/staff/reservations?from=2026-12-01&to=2026-12-31');
      assert.ok(!JSON.stringify(list.json).includes('working_conditions'));
    }
    assert.ok((await page(staffA, `/staff/reservations/${id}`)).body.includes(`action="/staff/reservations/${id}/sensitive"`));
    const sys = await page(sysA, `/staff/reservations/${id}`);
    assert.ok(!sys.body.includes(`/staff/reservations/${id}/sensitive"`), 'a sys-admin membership is no reader: no form');
    assert.ok(sys.body.includes('閲覧できるのは、この課の管理者・この課の職員です。'));
  });

  it('shows the values to an allowed reader who gives a reason, uncached, and audits the reason and the field keys; a reload shows them masked', async () => {
    const r = await form(staffA, `/staff/reservations/${id}/sensitive`, { reason: '相談の準備のため' });
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(r.body.includes('労働条件') && !r.body.includes(MASK));
    assert.equal(r.headers['cache-control'], 'no-store');
    assert.deepEqual(await audits('privacy.sensitive_read', id), [
      { label: 'rsens-a-staff', detail: { reason: '相談の準備のため', fields: ['topic'], serviceId: svc.id } },
    ]);
    const again = await page(staffA, `/staff/reservations/${id}`);
    assert.ok(!again.body.includes('労働条件') && again.body.includes(MASK));
    // the form carries a single-use token: posting it again (a browser's reload) shows nothing and records nothing
    const once = /name="once" value="([0-9a-f-]{36})"/.exec(again.body)?.[1];
    assert.ok(once, 'the form has its token');
    assert.ok((await form(staffA, `/staff/reservations/${id}/sensitive`, { reason: '再確認', once })).body.includes('労働条件'));
    const reload = await form(staffA, `/staff/reservations/${id}/sensitive`, { reason: '再確認', once });
    assert.ok(!reload.body.includes('労働条件') && reload.body.includes(MASK) && reload.body.includes('再読み込みでは表示しません'));
    const reads = await audits('privacy.sensitive_read', id);
    assert.equal(reads.length, 2, 'the reload is not a read');
    assert.equal(reads.at(-1)!.detail.once, once);
  });

  it('refuses an empty or too long reason at the field, keeping what was typed, and records nothing', async () => {
    const before = (await audits('privacy.sensitive_read', id)).length;
    const empty = await form(staffA, `/staff/reservations/${id}/sensitive`, { reason: '' });
    assert.equal(empty.statusCode, 422);
    assert.ok(empty.body.includes('閲覧する理由を入力してください。'));
    assert.match(empty.body, /<textarea[^>]*id="sensitive-reason"[^>]*aria-invalid="true"/);
    assert.ok(!empty.body.includes('労働条件'));
    const long = 'い'.repeat(201);
    const tooLong = await form(staffA, `/staff/reservations/${id}/sensitive`, { reason: long });
    assert.equal(tooLong.statusCode, 422);
    assert.ok(tooLong.body.includes('閲覧する理由は200文字以内で入力してください。'));
    assert.ok(tooLong.body.includes(`>${long}</textarea>`));
    const api = await staffA.call('POST', `/api/v1/staff/reservations/${id}/sensitive-fields`, { reason: ' ' });
    assert.equal(api.status, 422);
    assert.equal(api.json.errors[0].field, 'reason');
    assert.equal((await audits('privacy.sensitive_read', id)).length, before);
  });

  it('refuses another department (404) and a sys-admin membership (403), on the screen and the API', async () => {
    const before = (await audits('privacy.sensitive_read', id)).length;
    assert.equal((await form(staffB, `/staff/reservations/${id}/sensitive`, { reason: '確認' })).statusCode, 404);
    assert.equal((await form(staffB, `/staff/reservations/${id}/sensitive`, { reason: '' })).statusCode, 404);
    assert.equal((await staffB.call('POST', `/api/v1/staff/reservations/${id}/sensitive-fields`, {})).status, 404);
    assert.equal((await form(sysA, `/staff/reservations/${id}/sensitive`, { reason: '確認' })).statusCode, 403);
    assert.equal((await sysA.call('POST', `/api/v1/staff/reservations/${id}/sensitive-fields`, { reason: '確認' })).status, 403);
    assert.equal((await audits('privacy.sensitive_read', id)).length, before);
  });

  it('lets the department administrator limit the readers on the service screen (audited); staff then get a note, no form and 403', async () => {
    const screen = await page(adminA, `/staff/reservation-services/${svc.id}`);
    assert.equal(screen.statusCode, 200);
    assert.match(screen.body, /name="readers" value="staff" checked/);
    const byStaff = await form(staffA, `/staff/reservation-services/${svc.id}/sensitive-readers`, { readers: ['staff'] });
    assert.equal(byStaff.statusCode, 404);
    const forged = await form(adminA, `/staff/reservation-services/${svc.id}/sensitive-readers`, { readers: ['payment_admin'] });
    assert.equal(forged.statusCode, 422);
    const saved = await form(adminA, `/staff/reservation-services/${svc.id}/sensitive-readers`, { readers: ['dept-admin'] });
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, `/staff/reservation-services/${svc.id}?saved=readers#sensitive-readers`);
    assert.deepEqual(await audits('privacy.sensitive_readers_changed', svc.id), [
      { label: 'rsens-a-admin', detail: { before: ['dept-admin', 'staff'], after: ['dept-admin'] } },
    ]);
    const shown = await page(adminA, `/staff/reservation-services/${svc.id}?saved=readers`);
    assert.ok(shown.body.includes('要配慮個人情報を閲覧できる人を変更しました'));
    assert.doesNotMatch(shown.body, /name="readers" value="staff" checked/);

    const d = await page(staffA, `/staff/reservations/${id}`);
    assert.ok(!d.body.includes(`/staff/reservations/${id}/sensitive"`));
    assert.ok(d.body.includes('閲覧できるのは、この課の管理者です。'));
    assert.equal((await form(staffA, `/staff/reservations/${id}/sensitive`, { reason: '確認' })).statusCode, 403);
    const api = await adminA.call('POST', `/api/v1/staff/reservations/${id}/sensitive-fields`, { reason: '面談前の確認' });
    assert.equal(api.status, 200);
    assert.equal(api.headers['cache-control'], 'no-store');
    assert.deepEqual(api.json.fields[0], {
      key: 'topic',
      label: 'ご相談の内容',
      value: '労働条件',
      classification: 'sensitive',
      masked: false,
    });
    assert.deepEqual((await audits('privacy.sensitive_read', id)).at(-1), {
      label: 'rsens-a-admin',
      detail: { reason: '面談前の確認', fields: ['topic'], serviceId: svc.id },
    });
  });
});
