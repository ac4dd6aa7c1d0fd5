/**
 * The facility master and its users against a real database: two active users per facility (and a
 * concurrent third on PostgreSQL), the address stored encrypted and shown masked, log-in ids lower-cased
 * and unique, the password policy, who may see (both childcare divisions) and who may change (the review
 * division's administrators: 403 for its members, 404 for everyone else), and a change of address, a
 * new password or disabling ending the user's sessions and open log-in challenges.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { postgresRace, startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { verifyPassword } from '../../../platform/passwords.js';
import { logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { facilityClient, insertTestFacility, insertTestFacilityUser, makeEnrolmentStaff, makeReviewStaff } from '../testing.js';
import { createFacilityUser } from './create-facility-user.js';
import { CLI_ACTING } from './facility-admin.js';
import { maskEmail } from './mask-email.js';

const clock = new ManualClock('2026-06-01T10:00:00+09:00');
const PASSWORD = 'quiet meadow lantern 58';

const facilityBody = (code: string, over: Record<string, unknown> = {}) => ({
  code,
  name: `テスト保育園 ${code}`,
  type: 'hoikusho',
  operatorName: '社会福祉法人テスト会',
  regionPercent: 16,
  capacity1: 0,
  capacity23: 90,
  postalCode: '2728501',
  address: '千葉県市川市八幡1-1-1',
  ...over,
});

describe('facility master and facility users (city side)', () => {
  let app: TestApp;
  let admin: Client;
  let member: Client;
  let enrolment: Client;
  let outsider: Client;
  let reviewDeptId: string;

  before(async () => {
    app = await startTestApp({ clock });
    await makeReviewStaff(app, 'fc-admin');
    await makeReviewStaff(app, 'fc-member', 'staff');
    await makeEnrolmentStaff(app, 'fc-enrol', 'dept-admin');
    await makeStaff(app, { loginId: 'other-admin', dept: 'kodomo-other', role: 'dept-admin' });
    admin = await logInClient(app, 'fc-admin');
    member = await logInClient(app, 'fc-member');
    enrolment = await logInClient(app, 'fc-enrol');
    outsider = await logInClient(app, 'other-admin');
    const d = await app.ctx.db.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [
      app.ctx.config.facility.reviewDepartmentCode,
    ]);
    reviewDeptId = d.rows[0]!.id;
  });
  after(() => app?.close());

  const userBody = (loginId: string, email = `${loginId}@example.jp`) => ({
    loginId,
    email,
    displayName: `利用者 ${loginId}`,
    password: PASSWORD,
    notifiedOn: '2026-05-20',
    notificationRef: 'R8-1234',
  });

  it('registers a facility by the API, audited under the review division, and refuses its code a second time at the field', async () => {
    const r = await admin.call('POST', '/api/v1/staff/facilities', facilityBody('F-100', { postalCode: '272-8501' }));
    assert.equal(r.status, 201, JSON.stringify(r.json));
    const row = await app.ctx.db.query(
      'SELECT code, name, type, region_percent, capacity_1, capacity_23, postal_code FROM fc_facilities WHERE id = $1',
      [r.json.id],
    );
    assert.deepEqual(row.rows[0], {
      code: 'F-100',
      name: 'テスト保育園 F-100',
      type: 'hoikusho',
      region_percent: 16,
      capacity_1: 0,
      capacity_23: 90,
      postal_code: '2728501',
    });
    const audit = await app.ctx.db.query<{ actor_type: string; actor_label: string; department_id: string; detail: unknown }>(
      `SELECT actor_type, actor_label, department_id, detail FROM audit_log WHERE action = 'facility.create' AND record_id = $1`,
      [r.json.id],
    );
    assert.deepEqual(audit.rows[0], {
      actor_type: 'staff',
      actor_label: 'fc-admin',
      department_id: reviewDeptId,
      detail: { code: 'F-100', type: 'hoikusho' },
    });
    const again = await admin.call('POST', '/api/v1/staff/facilities', facilityBody('F-100'));
    assert.equal(again.status, 422);
    assert.deepEqual(
      again.json.errors.map((e: { field: string }) => e.field),
      ['code'],
    );
    const bad = await admin.call(
      'POST',
      '/api/v1/staff/facilities',
      facilityBody('bad code', { type: 'castle', regionPercent: 7, capacity23: 0 }),
    );
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.json.errors.map((e: { field: string }) => e.field).sort(), ['code', 'regionPercent', 'type']);
  });

  it('limits a facility to two active users (409 facility_user_limit); a disabled one frees the place', async () => {
    const f = await insertTestFacility(app.ctx, { code: 'F-LIMIT' });
    for (const login of ['limit-a', 'limit-b']) {
      const r = await admin.call('POST', `/api/v1/staff/facilities/${f.id}/users`, userBody(login));
      assert.equal(r.status, 201, JSON.stringify(r.json));
    }
    const third = await admin.call('POST', `/api/v1/staff/facilities/${f.id}/users`, userBody('limit-c'));
    assert.equal(third.status, 409);
    assert.equal(third.json.code, 'facility_user_limit');
    const page = await admin.call('POST', `/staff/facilities/${f.id}/users/new`, userBody('limit-c'));
    assert.equal(page.status, 409, 'the form shows the refusal');
    const users = await app.ctx.db.query<{ id: string; login_id: string }>(
      'SELECT id, login_id FROM fc_users WHERE facility_id = $1 ORDER BY login_id',
      [f.id],
    );
    assert.deepEqual(
      users.rows.map((u) => u.login_id),
      ['limit-a', 'limit-b'],
    );
    const disabled = await admin.call('POST', `/staff/facilities/${f.id}/users/${users.rows[0]!.id}/disable`, {});
    assert.equal(disabled.status, 303);
    const now = await admin.call('POST', `/api/v1/staff/facilities/${f.id}/users`, userBody('limit-c'));
    assert.equal(now.status, 201);
  });

  it('never lets a third active user in when three registrations race', postgresRace, async () => {
    const f = await insertTestFacility(app.ctx, { code: 'F-RACE' });
    const results = await Promise.allSettled(
      ['race-a', 'race-b', 'race-c', 'race-d'].map((login) => createFacilityUser(app.ctx, CLI_ACTING, f.id, userBody(login))),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 2);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.deepEqual(
      refused.map((r) => r.reason.code),
      ['facility_user_limit', 'facility_user_limit'],
    );
    const n = await app.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM fc_users WHERE facility_id = $1 AND status = 'active'`,
      [f.id],
    );
    assert.equal(n.rows[0]!.n, 2);
  });

  it('stores the address and the name encrypted (no address in any column or the audit record) and shows it masked', async () => {
    const f = await insertTestFacility(app.ctx, { code: 'F-CRYPT' });
    const r = await admin.call('POST', `/api/v1/staff/facilities/${f.id}/users`, {
      ...userBody('Hoiku.Taro'),
      email: 'hoiku.taro@example.jp',
      displayName: '保育 太郎',
    });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.equal(r.json.loginId, 'hoiku.taro', 'lower-cased');
    const raw = await app.ctx.db.query<Record<string, unknown>>('SELECT * FROM fc_users WHERE id = $1', [r.json.id]);
    const text = JSON.stringify(raw.rows[0]);
    assert.ok(!text.includes('hoiku.taro@example.jp') && !text.includes('example.jp'), text);
    assert.ok(!text.includes('保育 太郎'));
    const row = raw.rows[0] as { email_enc: string; email_index: string; display_name_enc: string };
    assert.equal(app.ctx.crypto.decrypt(row.email_enc, FC_CRYPTO.userEmail), 'hoiku.taro@example.jp');
    assert.equal(row.email_index, app.ctx.crypto.blindIndex('HOIKU.TARO@example.jp', FC_CRYPTO.userEmailIndex));
    const audit = await app.ctx.db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_log WHERE action = 'facility.user.create' AND record_id = $1`,
      [r.json.id],
    );
    assert.deepEqual(audit.rows[0]!.detail, { facilityId: f.id, notifiedOn: '2026-05-20', notificationRef: 'R8-1234' });
    const detail = await member.call('GET', `/api/v1/staff/facilities/${f.id}`);
    assert.equal(detail.status, 200);
    assert.deepEqual(
      detail.json.users.map((u: Record<string, unknown>) => [u.loginId, u.displayName, u.emailMasked, u.status, u.isLocked]),
      [['hoiku.taro', '保育 太郎', 'ho***@example.jp', 'active', false]],
    );
    const page = await member.call('GET', `/staff/facilities/${f.id}`);
    assert.equal(page.status, 200);
    const html = await app.server.inject({ url: `/staff/facilities/${f.id}`, headers: { cookie: member.cookie } });
    assert.ok(html.body.includes('ho***@example.jp'));
    assert.ok(!html.body.includes('hoiku.taro@example.jp'));
  });

  it('masks addresses keeping two letters of the local part (one when it is short)', () => {
    assert.equal(maskEmail('hoikuen@example.jp'), 'ho***@example.jp');
    assert.equal(maskEmail('ab@example.jp'), 'a***@example.jp');
    assert.equal(maskEmail('x@city.example'), 'x***@city.example');
  });

  it('refuses a taken log-in id, a weak password and a future notification date at their fields', async () => {
    const f = await insertTestFacility(app.ctx, { code: 'F-CHECK' });
    await insertTestFacilityUser(app.ctx, { facilityId: f.id, loginId: 'taken-id' });
    const taken = await admin.call('POST', `/api/v1/staff/facilities/${f.id}/users`, userBody('TAKEN-ID'));
    assert.equal(taken.status, 422);
    assert.deepEqual(
      taken.json.errors.map((e: { field: string }) => e.field),
      ['loginId'],
    );
    const weak = await admin.call('POST', `/api/v1/staff/facilities/${f.id}/users`, { ...userBody('weak-pw'), password: 'password1234' });
    assert.equal(weak.status, 422);
    assert.deepEqual(
      weak.json.errors.map((e: { field: string }) => e.field),
      ['password'],
    );
    const future = await admin.call('POST', `/api/v1/staff/facilities/${f.id}/users`, { ...userBody('future'), notifiedOn: '2026-06-02' });
    assert.equal(future.status, 422);
    assert.deepEqual(
      future.json.errors.map((e: { field: string }) => e.field),
      ['notifiedOn'],
    );
    const form = await app.server.inject({
      method: 'POST',
      url: `/staff/facilities/${f.id}/users/new`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: admin.csrf, ...userBody('weak-pw'), password: 'password1234' }).toString(),
    });
    assert.equal(form.statusCode, 422);
    assert.match(form.body, /value="weak-pw"/, 'what was typed is kept');
    assert.match(form.body, /aria-invalid="true"/);
    const n = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fc_users WHERE facility_id = $1', [f.id]);
    assert.equal(n.rows[0]!.n, 1);
  });

  it('answers 404 to a dept-admin of another department on every facility page and API route', async () => {
    const f = await insertTestFacility(app.ctx, { code: 'F-ISO' });
    const u = await insertTestFacilityUser(app.ctx, { facilityId: f.id });
    const routes: [string, string, unknown?][] = [
      ['GET', '/staff/facilities'],
      ['GET', '/staff/facilities/new'],
      ['POST', '/staff/facilities/new', facilityBody('F-ISO2')],
      ['GET', `/staff/facilities/${f.id}`],
      ['POST', `/staff/facilities/${f.id}`, facilityBody('F-ISO')],
      ['GET', `/staff/facilities/${f.id}/users/new`],
      ['POST', `/staff/facilities/${f.id}/users/new`, userBody('iso-user')],
      ['POST', `/staff/facilities/${f.id}/users/${u.id}/email`, { email: 'new@example.jp', notifiedOn: '2026-05-30' }],
      ['POST', `/staff/facilities/${f.id}/users/${u.id}/password`, { password: PASSWORD }],
      ['POST', `/staff/facilities/${f.id}/users/${u.id}/unlock`, {}],
      ['POST', `/staff/facilities/${f.id}/users/${u.id}/disable`, {}],
      ['GET', '/api/v1/staff/facilities'],
      ['GET', `/api/v1/staff/facilities/${f.id}`],
      ['POST', '/api/v1/staff/facilities', facilityBody('F-ISO3')],
      ['POST', `/api/v1/staff/facilities/${f.id}/users`, userBody('iso-user')],
    ];
    for (const [method, url, body] of routes) {
      const r = await outsider.call(method, url, body);
      assert.equal(r.status, 404, `${method} ${url}`);
    }
    const after = await app.ctx.db.query<{ status: string; n: number }>(
      `SELECT (SELECT status FROM fc_users WHERE id = $1) AS status, (SELECT count(*)::int FROM fc_facilities WHERE code LIKE 'F-ISO%') AS n`,
      [u.id],
    );
    assert.deepEqual(after.rows[0], { status: 'active', n: 1 });
    // the menu entry is not there either
    const home = await app.server.inject({ url: '/staff', headers: { cookie: outsider.cookie } });
    assert.ok(!home.body.includes('href="/staff/facilities"'));
  });

  it('lets members of either division see facilities but answers 403 to every change by one who is not the review division’s administrator', async () => {
    const f = await insertTestFacility(app.ctx, { code: 'F-VIEW', name: '閲覧こども園' });
    const u = await insertTestFacilityUser(app.ctx, { facilityId: f.id });
    for (const c of [member, enrolment]) {
      const list = await c.call('GET', '/api/v1/staff/facilities?q=F-VIEW');
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.json.items.map((i: { code: string }) => i.code),
        ['F-VIEW'],
      );
      const page = await app.server.inject({ url: '/staff/facilities?q=閲覧', headers: { cookie: c.cookie } });
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('F-VIEW') && page.body.includes('href="/staff/facilities"'));
      const detail = await app.server.inject({ url: `/staff/facilities/${f.id}`, headers: { cookie: c.cookie } });
      assert.equal(detail.statusCode, 200);
      assert.ok(!detail.body.includes(`action="/staff/facilities/${f.id}/users/${u.id}/disable"`), 'no action forms for a member');
      for (const [method, url, body] of [
        ['GET', '/staff/facilities/new'],
        ['POST', '/staff/facilities/new', facilityBody('F-VIEW2')],
        ['POST', `/staff/facilities/${f.id}`, facilityBody('F-VIEW', { name: '変更' })],
        ['GET', `/staff/facilities/${f.id}/users/new`],
        ['POST', `/staff/facilities/${f.id}/users/${u.id}/email`, { email: 'new@example.jp', notifiedOn: '2026-05-30' }],
        ['POST', `/staff/facilities/${f.id}/users/${u.id}/password`, { password: PASSWORD }],
        ['POST', `/staff/facilities/${f.id}/users/${u.id}/unlock`, {}],
        ['POST', `/staff/facilities/${f.id}/users/${u.id}/disable`, {}],
        ['POST', '/api/v1/staff/facilities', facilityBody('F-VIEW3')],
        ['POST', `/api/v1/staff/facilities/${f.id}/users`, userBody('view-user')],
      ] as [string, string, unknown?][]) {
        const r = await c.call(method, url, body);
        assert.equal(r.status, 403, `${method} ${url}`);
      }
    }
    const row = await app.ctx.db.query<{ name: string }>('SELECT name FROM fc_facilities WHERE id = $1', [f.id]);
    assert.equal(row.rows[0]!.name, '閲覧こども園');
  });

  it('edits a facility but never its code, and keeps what was typed when a field is refused', async () => {
    const f = await insertTestFacility(app.ctx, { code: 'F-EDIT' });
    const ok = await admin.call(
      'POST',
      `/staff/facilities/${f.id}`,
      facilityBody('CHANGED', { name: '新しい名前', capacity1: '15', regionPercent: '20' }),
    );
    assert.equal(ok.status, 303);
    const row = await app.ctx.db.query('SELECT code, name, capacity_1, region_percent FROM fc_facilities WHERE id = $1', [f.id]);
    assert.deepEqual(row.rows[0], { code: 'F-EDIT', name: '新しい名前', capacity_1: 15, region_percent: 20 });
    const audit = await app.ctx.db.query<{ detail: { changed: string[] } }>(
      `SELECT detail FROM audit_log WHERE action = 'facility.update' AND record_id = $1`,
      [f.id],
    );
    // the fixture has the same operator and no postal code: those that differ are named
    assert.deepEqual(audit.rows[0]!.detail.changed.sort(), ['capacity_1', 'name', 'postal_code', 'region_percent']);
    const bad = await app.server.inject({
      method: 'POST',
      url: `/staff/facilities/${f.id}`,
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: admin.csrf,
        ...Object.fromEntries(
          Object.entries(facilityBody('F-EDIT', { name: '<b>typed</b>', capacity23: 'many' })).map(([k, v]) => [k, String(v)]),
        ),
      }).toString(),
    });
    assert.equal(bad.statusCode, 422);
    assert.match(bad.body, /value="&lt;b&gt;typed&lt;\/b&gt;"/);
    assert.match(bad.body, /利用定員は0から999までの整数で入力してください。/);
  });

  it('changing a user’s address ends their sessions and voids their open log-in challenges', async () => {
    const f = await insertTestFacility(app.ctx, { code: 'F-MAIL' });
    const u = await insertTestFacilityUser(app.ctx, { facilityId: f.id, email: 'old.address@example.jp' });
    const other = await insertTestFacilityUser(app.ctx, { facilityId: f.id });
    const session = await facilityClient(app, u);
    const otherSession = await facilityClient(app, other);
    const challenge = crypto.randomBytes(24).toString('base64url');
    await app.ctx.db.query(`INSERT INTO fc_otp_challenges (id, user_id, code_hash, created_at, expires_at) VALUES ($1, $2, 'x', $3, $4)`, [
      challenge,
      u.id,
      clock.now(),
      new Date(clock.now().getTime() + 600_000),
    ]);
    const refused = await admin.call('POST', `/staff/facilities/${f.id}/users/${u.id}/email`, {
      email: 'new.address@example.jp',
      notifiedOn: '',
    });
    assert.equal(refused.status, 422, 'the new notification date is required');
    const r = await admin.call('POST', `/staff/facilities/${f.id}/users/${u.id}/email`, {
      email: 'new.address@example.jp',
      notifiedOn: '2026-05-31',
      notificationRef: 'R8-2001',
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.location, `/staff/facilities/${f.id}?done=emailChanged&user=${u.id}`);
    const sessions = await app.ctx.db.query<{ token_hash: string; user_id: string }>(
      'SELECT user_id FROM fc_sessions WHERE user_id = ANY($1)',
      [[u.id, other.id]],
    );
    assert.deepEqual(
      sessions.rows.map((s) => s.user_id),
      [other.id],
      "only the changed user's session ended",
    );
    assert.ok(session.cookie && otherSession.cookie);
    const ch = await app.ctx.db.query<{ status: string }>('SELECT status FROM fc_otp_challenges WHERE id = $1', [challenge]);
    assert.equal(ch.rows[0]!.status, 'superseded');
    const row = await app.ctx.db.query<{ email_enc: string }>('SELECT email_enc FROM fc_users WHERE id = $1', [u.id]);
    assert.equal(app.ctx.crypto.decrypt(row.rows[0]!.email_enc, FC_CRYPTO.userEmail), 'new.address@example.jp');
    const audit = await app.ctx.db.query<{ detail: Record<string, unknown> }>(
      `SELECT detail FROM audit_log WHERE action = 'facility.user.update' AND record_id = $1`,
      [u.id],
    );
    assert.deepEqual(audit.rows[0]!.detail, {
      facilityId: f.id,
      change: 'email',
      notifiedOn: '2026-05-31',
      notificationRef: 'R8-2001',
      sessionsEnded: 1,
      challengesSuperseded: 1,
    });
    const page = await app.server.inject({ url: r.headers.location as string, headers: { cookie: admin.cookie } });
    assert.ok(page.body.includes('ne***@example.jp'));
  });

  it('a new password set by staff and disabling each end the sessions; unlocking clears the lockout', async () => {
    const f = await insertTestFacility(app.ctx, { code: 'F-ACT' });
    const u = await insertTestFacilityUser(app.ctx, { facilityId: f.id });
    await facilityClient(app, u);
    const weak = await admin.call('POST', `/staff/facilities/${f.id}/users/${u.id}/password`, { password: 'short' });
    assert.equal(weak.status, 422);
    assert.equal((await admin.call('POST', `/staff/facilities/${f.id}/users/${u.id}/password`, { password: PASSWORD })).status, 303);
    const after = await app.ctx.db.query<{ password_hash: string; n: number }>(
      'SELECT password_hash, (SELECT count(*)::int FROM fc_sessions WHERE user_id = $1) AS n FROM fc_users WHERE id = $1',
      [u.id],
    );
    assert.equal(after.rows[0]!.n, 0);
    assert.ok(await verifyPassword(after.rows[0]!.password_hash, PASSWORD));
    await app.ctx.db.query(`UPDATE fc_users SET failed_logins = 5, locked_until = $2 WHERE id = $1`, [
      u.id,
      new Date(clock.now().getTime() + 900_000),
    ]);
    const locked = await app.server.inject({ url: `/staff/facilities/${f.id}`, headers: { cookie: admin.cookie } });
    assert.ok(locked.body.includes(`/users/${u.id}/unlock`));
    assert.equal((await admin.call('POST', `/staff/facilities/${f.id}/users/${u.id}/unlock`, {})).status, 303);
    const unlocked = await app.ctx.db.query('SELECT failed_logins, locked_until FROM fc_users WHERE id = $1', [u.id]);
    assert.deepEqual(unlocked.rows[0], { failed_logins: 0, locked_until: null });
    await facilityClient(app, u);
    assert.equal((await admin.call('POST', `/staff/facilities/${f.id}/users/${u.id}/disable`, {})).status, 303);
    const disabled = await app.ctx.db.query<{ status: string; n: number }>(
      'SELECT status, (SELECT count(*)::int FROM fc_sessions WHERE user_id = $1) AS n FROM fc_users WHERE id = $1',
      [u.id],
    );
    assert.deepEqual(disabled.rows[0], { status: 'disabled', n: 0 });
    const actions = await app.ctx.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE record_id = $1 AND action LIKE 'facility.user.%' ORDER BY seq`,
      [u.id],
    );
    assert.deepEqual(
      actions.rows.map((a) => a.action),
      ['facility.user.password_reset', 'facility.user.unlock', 'facility.user.disable'],
    );
    // a user of another facility is not reachable through this facility's URL
    const g = await insertTestFacility(app.ctx, { code: 'F-ACT2' });
    const stranger = await insertTestFacilityUser(app.ctx, { facilityId: g.id });
    assert.equal((await admin.call('POST', `/staff/facilities/${f.id}/users/${stranger.id}/disable`, {})).status, 404);
  });

  it('searches by code prefix, part of the name and kind, and escapes what was typed', async () => {
    await insertTestFacility(app.ctx, { code: 'S-001', name: 'さくら保育園', type: 'hoikusho' });
    await insertTestFacility(app.ctx, { code: 'S-002', name: 'さくらこども園', type: 'kodomoen' });
    await insertTestFacility(app.ctx, { code: 'S-003', name: 'ひまわり小規模', type: 'shokibo-a' });
    const codes = async (qs: string) =>
      (await member.call('GET', `/api/v1/staff/facilities?${qs}`)).json.items.map((i: { code: string }) => i.code);
    assert.deepEqual(await codes('q=S-00'), ['S-001', 'S-002', 'S-003']);
    assert.deepEqual(await codes(`q=${encodeURIComponent('さくら')}`), ['S-001', 'S-002']);
    assert.deepEqual(await codes(`q=${encodeURIComponent('さくら')}&type=kodomoen`), ['S-002']);
    assert.deepEqual(await codes('q=%25'), [], 'a % is a character, not a wildcard');
    const page = await app.server.inject({
      url: `/staff/facilities?q=${encodeURIComponent('<script>x')}`,
      headers: { cookie: member.cookie },
    });
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes('<script>x') && page.body.includes('&lt;script&gt;x'));
  });
});
