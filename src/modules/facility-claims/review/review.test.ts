/**
 * The city's review against a real database: the month's list and matrix, the audited view with the
 * diff, return (comment required), approve (the previous approved version superseded in the same
 * transaction; concurrently on PostgreSQL only one approval wins), the lock trigger refusing a raw
 * UPDATE of an approved row, 409 for a decision on a form that is not submitted, the enrolment division
 * reading but not deciding (403), and another department getting 404 on every route.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { postgresRace, startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { insertTestFacility, makeEnrolmentStaff, makeReviewStaff, type TestFacility } from '../testing.js';
import { additionContent, insertSubmission, monthlyContent, staffLine, testProfile } from './testing.js';

const clock = new ManualClock('2026-11-20T10:00:00+09:00');

describe('facility claims review (city)', () => {
  let app: TestApp;
  let reviewer: Client;
  let member: Client;
  let enrol: Client;
  let outsider: Client;
  let reviewerId: string;

  const facility = async (code: string): Promise<TestFacility & { profile: ReturnType<typeof testProfile> }> => {
    const f = await insertTestFacility(app.ctx, { code });
    return { ...f, profile: testProfile({ id: f.id, code, name: `テスト保育園 ${code}` }) };
  };
  const page = (c: Client, url: string) => app.server.inject({ url, headers: { cookie: c.cookie, accept: 'text/html' } });
  const form = (c: Client, url: string, body: Record<string, string>) =>
    app.server.inject({
      method: 'POST',
      url,
      headers: { cookie: c.cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
      payload: new URLSearchParams({ _csrf: c.csrf, ...body }).toString(),
    });
  const statusOf = async (id: string) =>
    (await app.ctx.db.query<{ status: string }>('SELECT status FROM fc_submissions WHERE id = $1', [id])).rows[0]!.status;
  const events = async (id: string) =>
    (
      await app.ctx.db.query<{ action: string; comment: string | null; actor_id: string | null }>(
        'SELECT action, comment, actor_id::text AS actor_id FROM fc_submission_events WHERE submission_id = $1 ORDER BY id',
        [id],
      )
    ).rows;
  const audits = async (action: string, recordId: string) =>
    (
      await app.ctx.db.query<{ actor_label: string; detail: unknown }>(
        'SELECT actor_label, detail FROM audit_log WHERE action = $1 AND record_id = $2 ORDER BY seq',
        [action, recordId],
      )
    ).rows;

  before(async () => {
    app = await startTestApp({ clock });
    reviewerId = await makeReviewStaff(app, 'fcr-admin');
    await makeReviewStaff(app, 'fcr-member', 'staff');
    await makeEnrolmentStaff(app, 'fcr-enrol');
    await makeStaff(app, { loginId: 'fcr-outsider', dept: 'fcr-other' });
    reviewer = await logInClient(app, 'fcr-admin');
    member = await logInClient(app, 'fcr-member');
    enrol = await logInClient(app, 'fcr-enrol');
    outsider = await logInClient(app, 'fcr-outsider');
  });
  after(async () => app.close());

  it('lists the month: submitted first, the matrix of facilities × forms with the totals, no drafts', async () => {
    const a = await facility('LA01');
    const b = await facility('LA02');
    const approved = await insertSubmission(app.ctx, {
      facilityId: a.id,
      content: monthlyContent(a.profile, { period: '2027-01' }),
      status: 'approved',
    });
    const waiting = await insertSubmission(app.ctx, {
      facilityId: b.id,
      content: monthlyContent(b.profile, { period: '2027-01' }),
      status: 'submitted',
    });
    const yearly = await insertSubmission(app.ctx, { facilityId: a.id, content: additionContent(a.profile, []), status: 'submitted' });
    const draft = await insertSubmission(app.ctx, { facilityId: b.id, content: additionContent(b.profile, []), status: 'draft' });
    const r = await member.call('GET', '/api/v1/staff/facility-claims?month=2027-01');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const ids = r.json.items.map((i: { id: string }) => i.id);
    assert.ok(!ids.includes(draft), 'drafts are the facility’s own');
    assert.deepEqual(new Set(ids.slice(0, 2)), new Set([waiting, yearly]), 'submitted first');
    assert.ok(ids.includes(approved), 'the monthly claim of 2027-01 and the FY2026 forms');
    const rowA = r.json.matrix.rows.find((x: { facility: { code: string } }) => x.facility.code === 'LA01');
    assert.equal(rowA.cells['monthly-claim'].id, approved);
    assert.equal(rowA.cells['addition-national'].id, yearly);
    const one = monthlyContent(a.profile).calculation.total; // the same counts and prices for both
    assert.equal(r.json.matrix.totals.approvedAmount, one);
    assert.equal(r.json.matrix.totals.submittedAmount, one);
    const onlyWaiting = await member.call('GET', '/api/v1/staff/facility-claims?month=2027-01&status=submitted');
    assert.ok(onlyWaiting.json.items.every((i: { status: string }) => i.status === 'submitted'));
    const html = await page(member, '/staff/facility-claims?month=2027-01');
    assert.equal(html.statusCode, 200);
    assert.ok(html.body.includes('テスト保育園 LA02'), 'the facility is named');
    assert.ok(html.body.includes(`/staff/facility-claims/${waiting}`), 'the waiting form is linked');
    assert.ok(
      html.body.indexOf(`/staff/facility-claims/${waiting}`) < html.body.indexOf(`/staff/facility-claims/${approved}`),
      'waiting before the rest',
    );
  });

  it('shows a submission with what changed since the last approved version, and audits every view', async () => {
    const f = await facility('DV01');
    const v1 = await insertSubmission(app.ctx, {
      facilityId: f.id,
      content: additionContent(f.profile, [staffLine('s1', '青木 花子')]),
      status: 'approved',
    });
    const v2 = await insertSubmission(app.ctx, {
      facilityId: f.id,
      version: 2,
      content: additionContent(f.profile, [staffLine('s1', '青木 花子'), staffLine('s2', '井上 次郎')]),
      status: 'submitted',
    });
    const r = await enrol.call('GET', `/api/v1/staff/facility-claims/${v2}`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(r.json.baseline, { id: v1, period: '2026', version: 1, status: 'approved', basis: 'version' });
    assert.deepEqual(
      r.json.changes.map((c: { key: string; kind: string; after: unknown }) => [c.key, c.kind, c.after]),
      [['staff.s2', 'added', '井上 次郎']],
    );
    assert.equal(r.json.canDecide, false, 'the enrolment division reads but does not decide');
    assert.equal(r.json.content.staff.length, 2);
    const html = await page(reviewer, `/staff/facility-claims/${v2}`);
    assert.equal(html.statusCode, 200);
    assert.ok(html.body.includes('前回承認分からの変更'));
    assert.ok(html.body.includes('<mark>井上 次郎</mark>'), 'the added member is highlighted');
    assert.ok(html.body.includes(`/staff/facility-claims/${v2}/approve`) && html.body.includes(`/staff/facility-claims/${v2}/return`));
    const views = await audits('facility.submission.view', v2);
    assert.deepEqual(
      views.map((v) => v.actor_label),
      ['fcr-enrol', 'fcr-admin'],
    );
  });

  it('returns a submitted form only with a comment, keeps the comment in the history and audits it', async () => {
    const f = await facility('RT01');
    const id = await insertSubmission(app.ctx, { facilityId: f.id, content: monthlyContent(f.profile), status: 'submitted' });
    const none = await reviewer.call('POST', `/api/v1/staff/facility-claims/${id}/return`, { comment: '   ' });
    assert.equal(none.status, 422);
    assert.equal(none.json.errors[0].field, 'comment');
    const blank = await form(reviewer, `/staff/facility-claims/${id}/return`, { comment: '' });
    assert.equal(blank.statusCode, 422);
    assert.ok(blank.body.includes('差戻しの理由を入力してください。'), 'the message at the field');
    assert.equal(await statusOf(id), 'submitted');
    const ok = await form(reviewer, `/staff/facility-claims/${id}/return`, { comment: '3歳児の人数を確認してください。' });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal(ok.headers.location, `/staff/facility-claims/${id}?done=returned`);
    assert.equal(await statusOf(id), 'returned');
    assert.deepEqual((await events(id)).at(-1), { action: 'returned', comment: '3歳児の人数を確認してください。', actor_id: reviewerId });
    const audit = await audits('facility.submission.return', id);
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit[0]!.detail).includes('3歳児'), 'no comment text in the audit detail');
    const again = await reviewer.call('POST', `/api/v1/staff/facility-claims/${id}/return`, { comment: 'もう一度' });
    assert.equal(again.status, 409);
    assert.equal(again.json.type.endsWith('/submission_state'), true);
  });

  it('approves a submitted form and supersedes the version approved before, in one transaction', async () => {
    const f = await facility('AP01');
    const v1 = await insertSubmission(app.ctx, { facilityId: f.id, content: monthlyContent(f.profile), status: 'approved' });
    const v2 = await insertSubmission(app.ctx, { facilityId: f.id, version: 2, content: monthlyContent(f.profile), status: 'submitted' });
    const r = await reviewer.call('POST', `/api/v1/staff/facility-claims/${v2}/approve`, {});
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.deepEqual(r.json, { id: v2, status: 'approved', superseded: v1 });
    assert.deepEqual([await statusOf(v1), await statusOf(v2)], ['superseded', 'approved']);
    assert.equal((await events(v1)).at(-1)!.action, 'superseded');
    assert.equal((await events(v2)).at(-1)!.action, 'approved');
    const audit = await audits('facility.submission.approve', v2);
    assert.deepEqual((typeof audit[0]!.detail === 'string' ? JSON.parse(audit[0]!.detail) : audit[0]!.detail).superseded, v1);
    // a plain member of the review division may decide too (the screen's form)
    const v3 = await insertSubmission(app.ctx, { facilityId: f.id, version: 3, content: monthlyContent(f.profile), status: 'submitted' });
    const viaForm = await form(member, `/staff/facility-claims/${v3}/approve`, { approveComment: '確認しました。' });
    assert.equal(viaForm.statusCode, 303, viaForm.body);
    assert.deepEqual([await statusOf(v2), await statusOf(v3)], ['superseded', 'approved']);
    assert.equal((await events(v3)).at(-1)!.comment, '確認しました。');
  });

  it('refuses to approve or return a form that is not submitted (409), and the trigger refuses editing an approved row', async () => {
    const f = await facility('NS01');
    const approved = await insertSubmission(app.ctx, { facilityId: f.id, content: monthlyContent(f.profile), status: 'approved' });
    const returned = await insertSubmission(app.ctx, {
      facilityId: f.id,
      version: 2,
      content: monthlyContent(f.profile),
      status: 'returned',
    });
    for (const id of [approved, returned]) {
      const r = await reviewer.call('POST', `/api/v1/staff/facility-claims/${id}/approve`, {});
      assert.equal(r.status, 409, `${id}: ${JSON.stringify(r.json)}`);
    }
    const viaForm = await form(reviewer, `/staff/facility-claims/${returned}/approve`, {});
    assert.equal(viaForm.statusCode, 409);
    assert.ok(viaForm.body.includes('審査待ちではありません'));
    const draft = await insertSubmission(app.ctx, {
      facilityId: (await facility('NS02')).id,
      content: monthlyContent(f.profile),
      status: 'draft',
    });
    assert.equal(
      (await reviewer.call('POST', `/api/v1/staff/facility-claims/${draft}/approve`, {})).status,
      404,
      'a draft is not the city’s',
    );
    await assert.rejects(
      app.ctx.db.query(`UPDATE fc_submissions SET total_amount = total_amount + 1 WHERE id = $1`, [approved]),
      /approved version is locked/,
    );
    await assert.rejects(app.ctx.db.query(`UPDATE fc_submissions SET status = 'submitted' WHERE id = $1`, [approved]), /locked/);
    assert.equal(await statusOf(approved), 'approved');
  });

  it('lets the enrolment division read but not decide or export (403)', async () => {
    const f = await facility('EN01');
    const id = await insertSubmission(app.ctx, { facilityId: f.id, content: monthlyContent(f.profile), status: 'submitted' });
    assert.equal((await enrol.call('GET', '/api/v1/staff/facility-claims?month=2026-11')).status, 200);
    assert.equal((await page(enrol, `/staff/facility-claims/${id}`)).statusCode, 200);
    assert.equal((await page(enrol, `/staff/facility-claims/${id}/pdf`)).statusCode, 200);
    assert.equal((await enrol.call('POST', `/api/v1/staff/facility-claims/${id}/approve`, {})).status, 403);
    assert.equal((await enrol.call('POST', `/api/v1/staff/facility-claims/${id}/return`, { comment: 'x' })).status, 403);
    assert.equal((await form(enrol, `/staff/facility-claims/${id}/approve`, {})).statusCode, 403);
    assert.equal((await form(enrol, `/staff/facility-claims/${id}/return`, { comment: '' })).statusCode, 403, 'before any form error');
    assert.equal((await enrol.call('GET', '/api/v1/staff/facility-claims/export?month=2026-11')).status, 403);
    assert.equal((await page(enrol, '/staff/facility-claims/export?month=2026-11')).statusCode, 403);
    assert.equal(await statusOf(id), 'submitted');
    const list = await page(enrol, '/staff/facility-claims?month=2026-11');
    assert.ok(!list.body.includes('action="/staff/facility-claims/export"'), 'no download form for the enrolment division');
  });

  it('answers 404 to another department on every route, page and API', async () => {
    const f = await facility('OU01');
    const id = await insertSubmission(app.ctx, { facilityId: f.id, content: monthlyContent(f.profile), status: 'submitted' });
    const gets = [
      '/api/v1/staff/facility-claims?month=2026-11',
      `/api/v1/staff/facility-claims/${id}`,
      '/api/v1/staff/facility-claims/export?month=2026-11',
      '/staff/facility-claims',
      `/staff/facility-claims/${id}`,
      `/staff/facility-claims/${id}/pdf`,
      '/staff/facility-claims/export?month=2026-11',
      '/staff/facility-claims/export',
    ];
    for (const url of gets) {
      const r = await page(outsider, url);
      assert.equal(r.statusCode, 404, url);
      assert.ok(!r.body.includes(f.code), `${url}: nothing of the facility`);
    }
    for (const url of [`/api/v1/staff/facility-claims/${id}/approve`, `/api/v1/staff/facility-claims/${id}/return`])
      assert.equal((await outsider.call('POST', url, { comment: 'x' })).status, 404, url);
    for (const url of [`/staff/facility-claims/${id}/approve`, `/staff/facility-claims/${id}/return`])
      assert.equal((await form(outsider, url, { comment: '' })).statusCode, 404, url);
    assert.equal(await statusOf(id), 'submitted');
    const nav = await page(outsider, '/staff');
    assert.ok(!nav.body.includes('href="/staff/facility-claims"'), 'no menu entry');
    assert.ok((await page(member, '/staff')).body.includes('href="/staff/facility-claims"'), 'the menu entry for the divisions');
  });

  it('lets only one of two concurrent approvals win', postgresRace, async () => {
    const f = await facility('RC01');
    const old = await insertSubmission(app.ctx, { facilityId: f.id, content: monthlyContent(f.profile), status: 'approved' });
    const id = await insertSubmission(app.ctx, { facilityId: f.id, version: 2, content: monthlyContent(f.profile), status: 'submitted' });
    const rs = await Promise.all([
      reviewer.call('POST', `/api/v1/staff/facility-claims/${id}/approve`, {}),
      member.call('POST', `/api/v1/staff/facility-claims/${id}/approve`, {}),
    ]);
    assert.deepEqual(rs.map((r) => r.status).sort(), [200, 409]);
    assert.deepEqual([await statusOf(old), await statusOf(id)], ['superseded', 'approved']);
    assert.equal((await events(id)).filter((e) => e.action === 'approved').length, 1);
  });
});
