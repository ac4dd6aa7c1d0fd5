/**
 * The department inbox against a real database: isolation (every inbox page and API route answers 404
 * to another department, and to a payment administrator), the audit of every detail view and list,
 * masking of sensitive names, status rules (an unpaid 事後決済 application cannot be completed),
 * correction requests naming fields, bulk change, notes, assignment and the retention erasure.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { listDeclaredPages } from '../../../http/page-route.js';
import { listStaffRoutes } from '../../../http/server.js';
import { ManualClock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { ensureDepartment, logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { retentionJob } from './erase-expired-applications.js';
import { inboxDefinition, insertApplication, insertPaidPayment, makeInboxProcedure } from './testing.js';

const clock = new ManualClock('2026-12-01T09:00:00+09:00');

describe('applications inbox', () => {
  let app: TestApp;
  let deptA: string;
  let deptB: string;
  let staffA: Client;
  let adminA: Client;
  let staffB: Client;
  let payAdmin: Client;
  let adminAId: string;
  let staffBId: string;
  let procA: string;
  let procFee: string;
  let procMasked: string;
  let procB: string;
  let appA: { id: string; referenceNumber: string };
  let appB: { id: string; referenceNumber: string };
  let appD: { id: string; referenceNumber: string };

  const answers = (name: string) => ({
    name,
    email: `${name.replace(/\s/g, '')}@example.jp`,
    health: '持病あり',
    copies: '2',
    memo: '=1+2',
  });

  before(async () => {
    app = await startTestApp({ clock });
    deptA = await ensureDepartment(app, 'inbox-a');
    deptB = await ensureDepartment(app, 'inbox-b');
    await makeStaff(app, { loginId: 'inbox-a-staff', dept: 'inbox-a' });
    adminAId = await makeStaff(app, { loginId: 'inbox-a-admin', dept: 'inbox-a', role: 'dept-admin' });
    staffBId = await makeStaff(app, { loginId: 'inbox-b-staff', dept: 'inbox-b' });
    // a payment administrator of the digital promotion office: that membership opens no inbox, not even its own department's
    const deptD = await ensureDepartment(app, app.ctx.config.payments.adminDepartmentCode);
    await makeStaff(app, { loginId: 'inbox-pay', dept: app.ctx.config.payments.adminDepartmentCode, role: 'payment_admin' });
    staffA = await logInClient(app, 'inbox-a-staff');
    adminA = await logInClient(app, 'inbox-a-admin');
    staffB = await logInClient(app, 'inbox-b-staff');
    payAdmin = await logInClient(app, 'inbox-pay');
    procA = await makeInboxProcedure(app.ctx, deptA);
    procFee = await makeInboxProcedure(
      app.ctx,
      deptA,
      inboxDefinition({
        title: { ja: '事後決済の手続', en: 'Pay after acceptance' },
        fee: { kind: 'fixed', amount: 500, timing: 'after_acceptance' },
      }),
    );
    const masked = inboxDefinition();
    masked.steps[0]!.fields[0]!.privacy = 'sensitive';
    procMasked = await makeInboxProcedure(app.ctx, deptA, masked);
    procB = await makeInboxProcedure(app.ctx, deptB);
    appA = await insertApplication(app.ctx, { procedureId: procA, departmentId: deptA, answers: answers('窓口 花子') });
    appB = await insertApplication(app.ctx, { procedureId: procB, departmentId: deptB, answers: answers('別課 太郎') });
    appD = await insertApplication(app.ctx, {
      procedureId: await makeInboxProcedure(app.ctx, deptD),
      departmentId: deptD,
      answers: answers('決済 課'),
    });
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
  const auditCount = async (action: string, recordId?: string) =>
    (
      await app.ctx.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND ($2::text IS NULL OR record_id = $2)',
        [action, recordId ?? null],
      )
    ).rows[0]!.n;

  it('lists the applications of the own department only, without answers', async () => {
    const r = await staffA.call('GET', '/api/v1/staff/applications');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const refs = r.json.items.map((i: { referenceNumber: string }) => i.referenceNumber);
    assert.ok(refs.includes(appA.referenceNumber));
    assert.ok(!refs.includes(appB.referenceNumber));
    assert.ok(!JSON.stringify(r.json).includes('窓口 花子'), 'no answers in the list');
    const one = await staffA.call('GET', `/api/v1/staff/applications?reference=${appA.referenceNumber.slice(0, 6).toLowerCase()}`);
    assert.deepEqual(
      one.json.items.map((i: { id: string }) => i.id),
      [appA.id],
    );
  });

  it('shows the answers in the detail and audits every view', async () => {
    const before = await auditCount('application.view', appA.id);
    const r = await staffA.call('GET', `/api/v1/staff/applications/${appA.id}`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.answers.find((a: { key: string }) => a.key === 'name').value, '窓口 花子');
    await page(staffA, `/staff/applications/${appA.id}`);
    assert.equal(await auditCount('application.view', appA.id), before + 2);
  });

  it('answers 404 to another department on every inbox page and API route, and to a payment administrator', async () => {
    const failures: string[] = [];
    const routes = [
      ...listDeclaredPages(app.server).map((p) => ({ method: p.method, url: p.url })),
      ...listStaffRoutes(app.server).filter((r) => r.url.startsWith('/api/')),
    ].filter((r) => /^\/(api\/v1\/)?staff\/applications\/:id/.test(r.url) && !r.url.includes('/files/'));
    assert.ok(routes.length >= 6, routes.map((r) => r.url).join(', '));
    for (const [who, target] of [
      [staffB, appA],
      [payAdmin, appD],
    ] as const)
      for (const route of routes) {
        const url = route.url.replace(':id', target.id);
        const r =
          route.method === 'GET'
            ? await app.server.inject({ url, headers: { cookie: who.cookie } })
            : await app.server.inject({
                method: 'POST',
                url,
                headers: { cookie: who.cookie, 'x-csrf-token': who.csrf },
                payload: url.startsWith('/api/')
                  ? { status: 'in_review' }
                  : { _csrf: who.csrf, status: 'in_review', body: 'x', staffId: staffBId, comment: 'c' },
              });
        if (r.statusCode !== 404) failures.push(`${route.method} ${url}: ${r.statusCode}`);
        if (r.body.includes(target.referenceNumber)) failures.push(`${route.method} ${url}: leaks the reference number`);
      }
    assert.deepEqual(failures, []);
    // lists, the export form and the bulk change of another department's id show nothing of it
    for (const url of ['/staff/applications', '/api/v1/staff/applications', '/staff/applications/export']) {
      const r = await page(staffB, url);
      assert.equal(r.statusCode, 200, url);
      assert.ok(!r.body.includes(appA.referenceNumber) && !r.body.includes(procA), url);
    }
    const bulk = await form(staffB, '/staff/applications/bulk-status', { ids: [appA.id], status: 'in_review' });
    assert.equal(bulk.statusCode, 200);
    assert.ok(!bulk.body.includes(appA.referenceNumber));
    const csv = await page(staffB, `/staff/applications/export.csv?procedure=${procA}:1`);
    assert.equal(csv.statusCode, 404);
    const state = await app.ctx.db.query<{ status: string }>('SELECT status FROM app_applications WHERE id = $1', [appA.id]);
    assert.equal(state.rows[0]!.status, 'received', 'nothing was changed');
    // the payment administrator has no inbox at all
    const none = await payAdmin.call('GET', '/api/v1/staff/applications');
    assert.deepEqual(none.json.items, []);
    const own = await payAdmin.call('GET', `/api/v1/staff/applications/${appD.id}`);
    assert.equal(own.status, 404);
  });

  it('masks a sensitive applicant name in the list and audits the list', async () => {
    await insertApplication(app.ctx, { procedureId: procMasked, departmentId: deptA, answers: answers('秘匿 次郎') });
    const before = await auditCount('application.list');
    const r = await page(staffA, `/staff/applications?procedureId=${procMasked}`);
    assert.equal(r.statusCode, 200);
    assert.ok(!r.body.includes('秘匿 次郎'), 'the sensitive name is not shown');
    assert.ok(r.body.includes('（非表示）'));
    assert.ok(!r.body.includes('持病あり'), 'no sensitive answer in the list');
    const wrong = await page(staffA, '/staff/applications?from=2026-12-10&to=2026-12-01');
    assert.equal(wrong.statusCode, 422);
    assert.ok(wrong.body.includes('終わりの日は始まりの日以降にしてください。'));
    const plain = await page(staffA, `/staff/applications?procedureId=${procA}`);
    assert.ok(plain.body.includes('窓口 花子'), 'a personal (not sensitive) name is shown');
    assert.equal(await auditCount('application.list'), before + 2);
  });

  it('refuses to complete an unpaid 事後決済 application, asks for the fee, then completes it once paid', async () => {
    const a = await insertApplication(app.ctx, {
      procedureId: procFee,
      departmentId: deptA,
      answers: answers('支払 三郎'),
      status: 'in_review',
      feeAmount: 500,
    });
    const refused = await staffA.call('POST', `/api/v1/staff/applications/${a.id}/status`, { status: 'completed' });
    assert.equal(refused.status, 409, JSON.stringify(refused.json));
    assert.equal(refused.json.code ?? refused.json.type.split('/').pop(), 'status_transition');
    const detail = await staffA.call('GET', `/api/v1/staff/applications/${a.id}`);
    assert.equal(detail.json.paymentStatus, 'not_due', 'the fee is not asked for yet');
    assert.ok(!detail.json.allowedStatuses.includes('completed'));
    assert.ok(detail.json.allowedStatuses.includes('awaiting_payment'));
    const ask = await staffA.call('POST', `/api/v1/staff/applications/${a.id}/status`, {
      status: 'awaiting_payment',
      comment: 'お支払いください',
    });
    assert.equal(ask.status, 200, JSON.stringify(ask.json));
    const row = await app.ctx.db.query<{ payable_since: Date | null }>('SELECT payable_since FROM app_applications WHERE id = $1', [a.id]);
    assert.equal(row.rows[0]!.payable_since?.getTime(), clock.now().getTime());
    const unpaid = await staffA.call('GET', `/api/v1/staff/applications?procedureId=${procFee}&payment=unpaid`);
    assert.deepEqual(
      unpaid.json.items.map((i: { id: string; paymentStatus: string }) => [i.id, i.paymentStatus]),
      [[a.id, 'pending']],
    );
    // staff cannot mark it paid: only the payment does
    const paidByStaff = await staffA.call('POST', `/api/v1/staff/applications/${a.id}/status`, { status: 'paid' });
    assert.equal(paidByStaff.status, 409);
    await insertPaidPayment(app.ctx, a, 500);
    await app.ctx.db.query(`UPDATE app_applications SET status = 'paid' WHERE id = $1`, [a.id]);
    const done = await staffA.call('POST', `/api/v1/staff/applications/${a.id}/status`, { status: 'completed', comment: '発送しました' });
    assert.equal(done.status, 200, JSON.stringify(done.json));
    const closed = await app.ctx.db.query<{ retain_until: Date }>('SELECT retain_until FROM app_applications WHERE id = $1', [a.id]);
    assert.equal(closed.rows[0]!.retain_until.getTime(), clock.now().getTime() + 30 * 86_400_000, 'kept for the retention days');
    const list = await staffA.call('GET', `/api/v1/staff/applications?procedureId=${procFee}&payment=paid`);
    assert.deepEqual(
      list.json.items.map((i: { id: string }) => i.id),
      [a.id],
    );
  });

  it('asks for a correction naming fields of the application, keeps the comment encrypted in the history', async () => {
    const a = await insertApplication(app.ctx, { procedureId: procA, departmentId: deptA, answers: answers('補正 四郎') });
    const none = await staffA.call('POST', `/api/v1/staff/applications/${a.id}/status`, { status: 'correction_requested' });
    assert.equal(none.status, 422);
    assert.equal(none.json.errors[0].field, 'correctionFields');
    const unknown = await staffA.call('POST', `/api/v1/staff/applications/${a.id}/status`, {
      status: 'correction_requested',
      correctionFields: ['nope'],
    });
    assert.equal(unknown.status, 422);
    // through the screen's form: the checked fields and the comment
    const r = await form(staffA, `/staff/applications/${a.id}/status`, {
      status: 'correction_requested',
      correctionFields: ['memo', 'copies'],
      comment: '通数を確認してください',
    });
    assert.equal(r.statusCode, 303, r.body);
    const row = await app.ctx.db.query<{ correction_fields: string[]; status: string }>(
      'SELECT correction_fields, status FROM app_applications WHERE id = $1',
      [a.id],
    );
    assert.deepEqual([row.rows[0]!.status, row.rows[0]!.correction_fields], ['correction_requested', ['memo', 'copies']]);
    const stored = await app.ctx.db.query<{ comment_enc: string }>(
      `SELECT comment_enc FROM app_status_history WHERE application_id = $1 AND status = 'correction_requested'`,
      [a.id],
    );
    assert.ok(!stored.rows[0]!.comment_enc.includes('通数'));
    const shown = await page(staffA, `/staff/applications/${a.id}`);
    assert.ok(shown.body.includes('通数を確認してください'));
    assert.match(shown.body, /補正する項目: 通数、メモ|補正する項目: メモ、通数/);
    // without a field the form comes back with the message at the checkboxes, what was typed kept
    const again = await form(staffA, `/staff/applications/${a.id}/status`, { status: 'correction_requested', comment: 'もう一度' });
    assert.equal(again.statusCode, 409, 'correction_requested → correction_requested is no transition');
    const b = await insertApplication(app.ctx, { procedureId: procA, departmentId: deptA, answers: answers('補正 五郎') });
    const missing = await form(staffA, `/staff/applications/${b.id}/status`, { status: 'correction_requested', comment: '入力を残す' });
    assert.equal(missing.statusCode, 422);
    assert.ok(missing.body.includes('補正を依頼する項目を選んでください。'));
    assert.ok(missing.body.includes('入力を残す'));
  });

  it('changes several applications at once and reports each', async () => {
    const ok1 = await insertApplication(app.ctx, { procedureId: procA, departmentId: deptA, answers: answers('一括 一') });
    const ok2 = await insertApplication(app.ctx, { procedureId: procA, departmentId: deptA, answers: answers('一括 二') });
    const closed = await insertApplication(app.ctx, {
      procedureId: procA,
      departmentId: deptA,
      answers: answers('一括 三'),
      status: 'completed',
    });
    const r = await form(staffA, '/staff/applications/bulk-status', {
      ids: [ok1.id, ok2.id, closed.id, appB.id],
      status: 'in_review',
      comment: '審査を始めます',
      back: '/staff/applications?status=received',
    });
    assert.equal(r.statusCode, 200, r.body);
    assert.ok(r.body.includes('2件を変更しました。2件は変更できませんでした。'), r.body);
    assert.ok(r.body.includes(closed.referenceNumber), 'the refused one of the own department is named');
    assert.ok(!r.body.includes(appB.referenceNumber), 'another department’s is not');
    assert.ok(r.body.includes('href="/staff/applications?status=received"'));
    const rows = await app.ctx.db.query<{ id: string; status: string }>(
      'SELECT id::text AS id, status FROM app_applications WHERE id = ANY($1::uuid[])',
      [[ok1.id, ok2.id, closed.id, appB.id]],
    );
    const status = Object.fromEntries(rows.rows.map((x) => [x.id, x.status]));
    assert.deepEqual(
      [status[ok1.id], status[ok2.id], status[closed.id], status[appB.id]],
      ['in_review', 'in_review', 'completed', 'received'],
    );
    const correction = await form(staffA, '/staff/applications/bulk-status', { ids: [ok1.id], status: 'correction_requested' });
    assert.equal(correction.statusCode, 422);
  });

  it('keeps notes encrypted and assigns only members of the department', async () => {
    const note = await form(staffA, `/staff/applications/${appA.id}/notes`, { body: '電話で確認済み' });
    assert.equal(note.statusCode, 303, note.body);
    const stored = await app.ctx.db.query<{ body_enc: string }>('SELECT body_enc FROM app_notes WHERE application_id = $1', [appA.id]);
    assert.ok(!stored.rows[0]!.body_enc.includes('電話'));
    const foreign = await form(staffA, `/staff/applications/${appA.id}/assign`, { staffId: staffBId });
    assert.equal(foreign.statusCode, 422);
    const ok = await form(staffA, `/staff/applications/${appA.id}/assign`, { staffId: adminAId });
    assert.equal(ok.statusCode, 303);
    const shown = await page(staffA, `/staff/applications/${appA.id}`);
    assert.ok(shown.body.includes('電話で確認済み'));
    const mine = await adminA.call('GET', '/api/v1/staff/applications?mine=1');
    assert.deepEqual(
      mine.json.items.map((i: { id: string }) => i.id),
      [appA.id],
    );
  });

  it('erases applications past their retention with their notes, history and files, keeping the payment for accounting', async () => {
    const past = new Date(clock.now().getTime() - 86_400_000);
    const old = await insertApplication(app.ctx, {
      procedureId: procFee,
      departmentId: deptA,
      answers: answers('消去 六郎'),
      status: 'completed',
      feeAmount: 500,
      retainUntil: past,
    });
    const kept = await insertApplication(app.ctx, {
      procedureId: procA,
      departmentId: deptA,
      answers: answers('保存 七郎'),
      status: 'completed',
      retainUntil: new Date(clock.now().getTime() + 86_400_000),
    });
    await insertPaidPayment(app.ctx, old, 500);
    await app.ctx.db.query(`INSERT INTO app_notes (application_id, staff_id, body_enc, created_at) VALUES ($1, $2, 'x', $3)`, [
      old.id,
      adminAId,
      clock.now(),
    ]);
    await app.ctx.db.query(
      `INSERT INTO app_files (application_id, owner_token_hash, filename_enc, content_type, size_bytes, sha256, content_enc, scan_status, created_at)
       VALUES ($1, 'h', 'x', 'application/pdf', 3, 's', '\\x010203', 'not_scanned', $2)`,
      [old.id, clock.now()],
    );
    const worker = new JobWorker(app.ctx, [retentionJob]);
    await worker.ensureSchedules();
    await worker.drain();
    const left = async (table: string, column = 'application_id') =>
      (await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE ${column} = $1`, [old.id])).rows[0]!.n;
    assert.equal(await left('app_applications', 'id'), 0);
    assert.equal(await left('app_notes'), 0);
    assert.equal(await left('app_status_history'), 0);
    assert.equal(await left('app_files'), 0);
    const pay = await app.ctx.db.query<{ application_id: string | null; amount: number }>(
      'SELECT application_id, amount FROM app_payments WHERE reference_number = $1',
      [old.referenceNumber],
    );
    assert.deepEqual(pay.rows, [{ application_id: null, amount: 500 }]);
    assert.equal((await app.ctx.db.query('SELECT 1 FROM app_applications WHERE id = $1', [kept.id])).rows.length, 1, 'not yet due');
    const logged = await app.ctx.db.query<{ actor_type: string; department_id: string; detail: unknown }>(
      `SELECT actor_type, department_id::text AS department_id, detail FROM audit_log WHERE action = 'application.erase'`,
    );
    assert.equal(logged.rows.length, 1);
    const detail = (typeof logged.rows[0]!.detail === 'string' ? JSON.parse(logged.rows[0]!.detail) : logged.rows[0]!.detail) as Record<
      string,
      unknown
    >;
    assert.equal(logged.rows[0]!.actor_type, 'system');
    assert.equal(logged.rows[0]!.department_id, deptA);
    assert.deepEqual(
      [detail.applications, detail.files, detail.notes, detail.history, detail.paymentsKept, detail.ids],
      [1, 1, 1, 1, 1, [old.id]],
    );
    assert.ok(!JSON.stringify(detail).includes('消去'), 'nothing personal in the log');
  });
});
