/**
 * The facility-claims demo seed: written through the parts' operations, once (a second run adds
 * nothing), every submission status present, five facilities of five types with two users each, three
 * months of counts spanning two fiscal years (the demo clock stands in May), a roster with a leave and a
 * role change, and a demo user logging in through the pinned API with the code read from the mail.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dbKind, startTestApp, type TestApp } from '../../../../test/helpers.js';
import { allJobs } from '../../../bootstrap.js';
import { ManualClock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { codeIn, jsonCall, type MailCapture, mailsTo, startMailCapture } from '../portal-auth/test-support.js';
import { DEMO_FACILITIES, DEMO_FACILITY_PASSWORD } from './demo-data.js';
import { seedFacilityDemo } from './seed-demo.js';

const TABLES = [
  'departments',
  'staff',
  'staff_memberships',
  'fc_facilities',
  'fc_users',
  'fc_staff',
  'fc_staff_history',
  'fc_count_imports',
  'fc_child_counts',
  'fc_count_reviews',
  'fc_items',
  'fc_price_tables',
  'fc_submissions',
  'fc_submission_events',
  'audit_log',
];

describe(`facility-claims demo seed (${dbKind})`, () => {
  let app: TestApp;
  let capture: MailCapture;
  // 2026-05-20 in Japan: the three months are 2026-03 (FY2025), 2026-04 and 2026-05 (FY2026)
  const clock = new ManualClock('2026-05-20T01:00:00Z');
  const counts = async () => {
    const out: Record<string, number> = {};
    for (const t of TABLES) out[t] = (await app.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]!.n;
    return out;
  };

  before(async () => {
    capture = await startMailCapture();
    app = await startTestApp({ clock, env: { SMTP_URL: capture.url } });
  });
  after(async () => {
    await app?.close();
    await capture?.close();
  });

  it('seeds once: a second run adds nothing', async () => {
    await seedFacilityDemo(app.ctx);
    const first = await counts();
    assert.equal(first.fc_facilities, 5);
    await seedFacilityDemo(app.ctx);
    assert.deepEqual(await counts(), first);
  });

  it('has five facilities of five types, two users each, and the two childcare divisions with their demo staff', async () => {
    const f = await app.ctx.db.query<{ code: string; type: string; users: number; staff: number }>(
      `SELECT f.code, f.type, (SELECT count(*)::int FROM fc_users u WHERE u.facility_id = f.id AND u.status = 'active') AS users,
              (SELECT count(*)::int FROM fc_staff s WHERE s.facility_id = f.id) AS staff
       FROM fc_facilities f ORDER BY f.code`,
    );
    assert.deepEqual(
      f.rows.map((r) => [r.code, r.type, r.users, r.staff]),
      DEMO_FACILITIES.map((d) => [d.code, d.type, 2, d.staff.length]),
    );
    assert.deepEqual(new Set(f.rows.map((r) => r.type)).size, 5);
    const staff = await app.ctx.db.query<{ login_id: string; code: string; role: string }>(
      `SELECT s.login_id, d.code, m.role FROM staff s JOIN staff_memberships m ON m.staff_id = s.id JOIN departments d ON d.id = m.department_id
       WHERE s.login_id IN ('demo-hoiku', 'demo-nyuen') ORDER BY s.login_id`,
    );
    assert.deepEqual(
      staff.rows.map((r) => [r.login_id, r.code, r.role]),
      [
        ['demo-hoiku', 'hoiku-shisetsu', 'dept-admin'],
        ['demo-nyuen', 'hoiku-nyuen', 'staff'],
      ],
    );
  });

  it('has a roster with history, three months of counts over two fiscal years, and the sample price tables', async () => {
    const history = await app.ctx.db.query<{ kind: string; n: number }>(
      'SELECT kind, count(*)::int AS n FROM fc_staff_history GROUP BY kind ORDER BY kind',
    );
    const byKind = Object.fromEntries(history.rows.map((r) => [r.kind, r.n]));
    assert.equal(
      byKind.hire,
      DEMO_FACILITIES.reduce((s, d) => s + d.staff.length, 0),
    );
    assert.equal(byKind['role-change'], 1);
    assert.equal(byKind['leave-start'], 1);
    assert.equal(byKind['employment-change'], 1);
    const months = await app.ctx.db.query<{ month: string; n: number; sum: number }>(
      `SELECT to_char(month, 'YYYY-MM') AS month, count(DISTINCT facility_id)::int AS n, sum(count)::int AS sum
       FROM fc_child_counts GROUP BY month ORDER BY month`,
    );
    // the current month's figures, one child fewer in the 1・2歳 (or first) class per month back
    const total = DEMO_FACILITIES.reduce((s, d) => s + d.counts.reduce((t, c) => t + c.count, 0), 0);
    assert.deepEqual(
      months.rows.map((r) => [r.month, r.n, r.sum]),
      [
        ['2026-03', 5, total - 10],
        ['2026-04', 5, total - 5],
        ['2026-05', 5, total],
      ],
    );
    const encodings = await app.ctx.db.query<{ encoding: string }>('SELECT encoding FROM fc_count_imports ORDER BY month');
    assert.deepEqual(
      encodings.rows.map((r) => r.encoding),
      ['cp932', 'utf-8', 'utf-8'],
    );
    const reviews = await app.ctx.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM fc_count_reviews GROUP BY status ORDER BY status',
    );
    assert.deepEqual(
      reviews.rows.map((r) => [r.status, r.n]),
      [
        ['answered', 1],
        ['confirmed', 14],
      ],
    );
    const tables = await app.ctx.db.query<{ fiscal_year: number; is_sample: boolean }>(
      'SELECT fiscal_year, is_sample FROM fc_price_tables ORDER BY fiscal_year',
    );
    assert.deepEqual(
      tables.rows.map((r) => [r.fiscal_year, r.is_sample]),
      [
        [2025, true],
        [2026, true],
      ],
    );
    const items = await app.ctx.db.query<{ fiscal_year: number; n: number }>(
      'SELECT fiscal_year, count(*)::int AS n FROM fc_items GROUP BY fiscal_year ORDER BY fiscal_year',
    );
    const perYear = DEMO_FACILITIES.reduce((s, d) => s + d.items.length, 0);
    assert.deepEqual(
      items.rows.map((r) => [r.fiscal_year, r.n]),
      [
        [2025, perYear],
        [2026, perYear],
      ],
    );
  });

  it('has submissions in every status: a superseded version under its approved successor, a returned one with the comment', async () => {
    const s = await app.ctx.db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM fc_submissions GROUP BY status ORDER BY status',
    );
    assert.deepEqual(
      s.rows.map((r) => [r.status, r.n]),
      [
        ['approved', 10],
        ['draft', 3],
        ['returned', 1],
        ['submitted', 3],
        ['superseded', 1],
      ],
    );
    const superseded = await app.ctx.db.query<{ code: string; period: string; versions: string }>(
      `SELECT f.code, s.period, string_agg(s.version || ':' || s.status, ' ' ORDER BY s.version) AS versions
       FROM fc_submissions s JOIN fc_facilities f ON f.id = s.facility_id
       WHERE s.form = 'monthly-claim' GROUP BY f.code, s.period HAVING count(*) > 1`,
    );
    assert.deepEqual(
      superseded.rows.map((r) => [r.code, r.period, r.versions]),
      [['F001', '2026-03', '1:superseded 2:approved']],
    );
    const returned = await app.ctx.db.query<{ comment: string }>(
      `SELECT e.comment FROM fc_submission_events e JOIN fc_submissions s ON s.id = e.submission_id
       WHERE s.status = 'returned' AND e.action = 'returned'`,
    );
    assert.equal(returned.rows.length, 1);
    assert.match(returned.rows[0]!.comment, /再提出/);
    const amounts = await app.ctx.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM fc_submissions WHERE form = 'monthly-claim' AND status = 'approved' AND total_amount > 0`,
    );
    assert.equal(amounts.rows[0]!.n, 9);
  });

  it('lets a demo facility user log in through the pinned API with the code from the mail, and see the roster', async () => {
    const call = jsonCall(app);
    const worker = new JobWorker(app.ctx, allJobs());
    const ip = '198.51.100.7';
    const r = await call('POST', '/api/v1/facility/session', { loginId: 'hoiku-f001-a', password: DEMO_FACILITY_PASSWORD }, { ip });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.equal(r.json.otpRequired, true);
    await worker.drain();
    const mails = await mailsTo(capture, 'hoiku-f001-a@example.jp');
    assert.equal(mails.length, 1);
    const code = codeIn(mails[0]!);
    const s = await call('POST', '/api/v1/facility/session/otp', { challengeId: r.json.challengeId, code }, { ip });
    assert.equal(s.status, 200, JSON.stringify(s.json));
    const cookie = s.cookies.find((c) => c.name === 'madoguchi_facility');
    assert.ok(cookie);
    const staff = await call('GET', '/api/v1/facility/staff', undefined, { ip, cookie: `madoguchi_facility=${cookie.value}` });
    assert.equal(staff.status, 200);
    assert.equal(staff.json.items.length, DEMO_FACILITIES[0]!.staff.length);
  });
});
