/**
 * Intrusion detection on a real database (PGlite, or PostgreSQL with DATABASE_URL): each detector opens an
 * alert at its threshold and not one hit below, from hits written by the real operations (failed log-ins
 * through the APIs, look-ups of unknown numbers, audit-log exports, 5xx answers while the database is
 * unreachable) or, where the writer is another part's job, by that writer (recordSecurityEvent); an
 * active alert grows instead of being opened twice; the mails that reach the SMTP stand-in, parsed.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DETECTOR_NAMES, loadConfig } from '../../../config.js';
import { ManualClock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../../../platform/mailer.js';
import { postgresRace, startTestApp, type TestApp } from '../../../../test/helpers.js';
import { recordSecurityEvent } from '../../security/index.js';
import { logInClient, makeStaff, type Client } from '../../staff/test-support.js';
import { alertMailJob } from './alert-mail.job.js';
import { flushServerErrorCount } from './count-server-errors.js';
import { detectIntrusionsJob } from './detect-intrusions.job.js';
import { evaluateDetectors } from './evaluate-detectors.js';
import { isAlertMailEnabled } from './queue-alert-mails.js';

const SECURITY = 'security@city.example.lg.jp';
const THRESHOLDS = {
  ALERT_THRESHOLD_STAFF_LOGIN_FAILURES: '3/10',
  ALERT_THRESHOLD_CARD_LOGIN_FAILURES: '3/10',
  ALERT_THRESHOLD_FACILITY_LOGIN_FAILURES: '3/10',
  ALERT_THRESHOLD_LOGIN_OUTSIDE_NETWORK: '2/60',
  ALERT_THRESHOLD_REFERENCE_ENUMERATION: '4/10',
  ALERT_THRESHOLD_EXPORT_VOLUME: '3/60',
  ALERT_THRESHOLD_WEBHOOK_SIGNATURE_FAILURES: '2/10',
  ALERT_THRESHOLD_AUDIT_CHAIN_BROKEN: '1/60',
  ALERT_THRESHOLD_BACKUP_FAILED: '1/1440',
  ALERT_THRESHOLD_SERVER_ERRORS: '3/5',
};

type AlertRow = { id: string; detector: string; key: string; key_kind: string; status: string; count: number; last_seen_at: Date };

async function alerts(app: TestApp): Promise<AlertRow[]> {
  return (await app.ctx.db.query<AlertRow>('SELECT id, detector, key, key_kind, status, count, last_seen_at FROM alerts ORDER BY id')).rows;
}

/** The next minute's run of the detectors (through the schedule, as the worker does), then the mails it wrote. */
async function nextMinute(clock: ManualClock, worker: JobWorker): Promise<void> {
  clock.advance(60_000);
  await worker.drain();
  // hits after a run are at a later instant than the run (a manual clock would stand still)
  clock.advance(1000);
}

describe('intrusion detectors', () => {
  const clock = new ManualClock('2026-04-01T00:00:10Z');
  let app: TestApp;
  let worker: JobWorker;
  let exporter: Client;
  let exporterId: string;

  before(async () => {
    await stopSmtpStandin();
    app = await startTestApp({
      clock,
      env: {
        ...THRESHOLDS,
        STAFF_LOGIN_ALLOWED_NETWORKS: '10.0.0.0/8',
        SECURITY_ALERT_MAIL_TO: SECURITY,
        ALERT_IMMEDIATE_MAILS_PER_DIGEST: '3',
        ALERT_DIGEST_MINUTES: '15',
      },
    });
    worker = new JobWorker(app.ctx, [detectIntrusionsJob, alertMailJob]);
    await worker.ensureSchedules();
    exporterId = await makeStaff(app, { loginId: 'exporter', dept: 'kikaku', role: 'dept-admin' });
    exporter = await logInClient(app, 'exporter', undefined, '10.0.0.5');
  });
  after(async () => {
    await app.close();
    await stopSmtpStandin();
  });

  const inject = (method: 'GET' | 'POST', url: string, remoteAddress: string, payload?: object, headers?: Record<string, string>) =>
    app.server.inject({ method, url, remoteAddress, ...(payload ? { payload } : {}), ...(headers ? { headers } : {}) });

  /** One hit for each detector that takes one more in the second round. */
  const hits: Record<(typeof DETECTOR_NAMES)[number], () => Promise<void>> = {
    staff_login_failures: async () =>
      assert.equal((await inject('POST', '/api/v1/staff/session', '10.9.9.9', { loginId: 'nobody', password: 'wrong' })).statusCode, 401),
    login_outside_network: async () =>
      assert.equal((await inject('POST', '/api/v1/staff/session', '198.51.100.7', { loginId: 'exporter', password: 'x' })).statusCode, 403),
    card_login_failures: async () => {
      const id = `7${Math.floor(Math.random() * 1e9)}`.padEnd(10, '0');
      assert.equal(
        (await inject('POST', '/api/v1/card/session', '203.0.113.5', { reservationId: id, password: '19800101' })).statusCode,
        401,
      );
    },
    facility_login_failures: async () =>
      assert.equal(
        (await inject('POST', '/api/v1/facility/session', '203.0.113.6', { loginId: 'nobody', password: 'wrong' })).statusCode,
        401,
      ),
    reference_enumeration: async () => {
      const auth = { authorization: 'Bearer not-the-token' };
      assert.equal((await inject('GET', '/api/v1/reservations/ABCD2345', '203.0.113.7', undefined, auth)).statusCode, 404);
    },
    export_volume: async () => assert.equal((await exporter.call('GET', '/api/v1/staff/audit/export')).status, 200),
    webhook_signature_failures: async () => {
      await recordSecurityEvent(
        app.ctx.db,
        { kind: 'payment.webhook_signature_failed', severity: 'alert', clientIp: '192.0.2.1' },
        clock.now(),
      );
    },
    audit_chain_broken: async () => {
      await recordSecurityEvent(app.ctx.db, { kind: 'audit.chain_broken', severity: 'alert', subject: '12' }, clock.now());
    },
    backup_failed: async () => {
      await recordSecurityEvent(app.ctx.db, { kind: 'backup.missing', severity: 'alert' }, clock.now());
    },
    server_errors: async () => {
      // the database goes away: the request fails with a 5xx, and so does the first write of the count
      const db = app.ctx.db;
      const query = db.query;
      db.query = async () => {
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      };
      try {
        const r = await inject('GET', '/staff', '10.0.0.5', undefined, { cookie: exporter.cookie });
        assert.ok(r.statusCode >= 500, `expected a 5xx, got ${r.statusCode}`);
        assert.equal(await flushServerErrorCount(app.server), false);
      } finally {
        db.query = query;
      }
      assert.equal(await flushServerErrorCount(app.server), true);
    },
  };
  const thresholdOf = (d: keyof typeof hits) => app.ctx.config.operations.detection.thresholds[d].count;

  it('opens no alert one hit below each threshold, and one alert per detector at it', async () => {
    for (const d of DETECTOR_NAMES) for (let i = 1; i < thresholdOf(d); i++) await hits[d]();
    // one more on another address of the same detectors: below the threshold per address, too
    await inject('POST', '/api/v1/staff/session', '10.9.9.10', { loginId: 'nobody', password: 'wrong' });
    await nextMinute(clock, worker);
    assert.deepEqual(await alerts(app), []);

    for (const d of DETECTOR_NAMES) await hits[d]();
    await nextMinute(clock, worker);
    const opened = await alerts(app);
    assert.deepEqual(opened.map((a) => a.detector).sort(), [...DETECTOR_NAMES].sort());
    const by = Object.fromEntries(opened.map((a) => [a.detector, a]));
    for (const d of DETECTOR_NAMES) assert.equal(by[d]?.count, thresholdOf(d), d);
    assert.equal(by.staff_login_failures?.key, '10.9.9.9');
    assert.equal(by.login_outside_network?.key, '198.51.100.7');
    assert.equal(by.card_login_failures?.key, '203.0.113.5');
    assert.equal(by.facility_login_failures?.key, '203.0.113.6');
    assert.equal(by.reference_enumeration?.key, '203.0.113.7');
    assert.deepEqual([by.export_volume?.key, by.export_volume?.key_kind], [exporterId, 'staff']);
    for (const d of ['webhook_signature_failures', 'audit_chain_broken', 'backup_failed', 'server_errors'])
      assert.deepEqual([by[d]?.key, by[d]?.key_kind], ['global', 'global'], d);
    const audited = await app.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'alert.opened' AND actor_type = 'system'",
    );
    assert.equal(audited.rows[0]?.n, DETECTOR_NAMES.length);
  });

  it('mails three alerts at once and the other seven in one digest, in Japanese first, without personal data', async () => {
    const mails = (await smtpStandin()).messages.filter((m) => m.to.includes(SECURITY));
    assert.equal(mails.length, 4);
    const immediate = mails.filter((m) => !m.subject.includes('まとめ'));
    const digest = mails.filter((m) => m.subject.includes('まとめ'));
    assert.equal(immediate.length, 3);
    assert.equal(digest.length, 1);
    // the most serious first: integrity and intrusion before bursts
    assert.ok(immediate.some((m) => m.subject.includes('監査ログ')));
    assert.ok(immediate.some((m) => m.subject.includes('バックアップ')));
    assert.match(digest[0]!.subject, /^【侵入検知】警報のまとめ（7件） \/ \[Intrusion alerts\] Digest \(7\)$/);
    const listed = new Set(mails.flatMap((m) => [...m.text.matchAll(/(?:警報番号:? )(\d+)/g)].map((x) => x[1])));
    assert.deepEqual([...listed].sort(), (await alerts(app)).map((a) => String(a.id)).sort());
    for (const m of mails) {
      assert.ok(m.text.indexOf('侵入検知') < m.text.search(/[Ii]ntrusion/), 'Japanese first');
      assert.ok(m.text.includes(`${app.ctx.config.publicBaseUrl}/staff/alerts`));
      assert.match(m.messageId, /^<security-alert-\d+-[a-z0-9]+\.[A-Za-z0-9]+@/);
      assert.ok(!/テスト|exporter|nobody/.test(m.text + m.subject), 'no names or login ids');
    }
    const staffMail = mails.find((m) => m.text.includes(exporterId));
    assert.ok(staffMail, 'the staff member is named by id only');
    const notified = await app.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'alert.notified'");
    assert.equal(notified.rows[0]?.n, 4);
    assert.equal((await app.ctx.db.query('SELECT 1 FROM alert_mails WHERE sent_at IS NULL')).rowCount, 0);
  });

  it('adds new hits to the open alert instead of opening another, and opens a new one only from hits after it was closed', async () => {
    const before = (await alerts(app)).find((a) => a.detector === 'staff_login_failures')!;
    await hits.staff_login_failures();
    await hits.staff_login_failures();
    await nextMinute(clock, worker);
    const mine = (await alerts(app)).filter((a) => a.detector === 'staff_login_failures');
    assert.equal(mine.length, 1);
    assert.equal(mine[0]!.count, 5);
    assert.ok(mine[0]!.last_seen_at.getTime() > before.last_seen_at.getTime());

    await app.ctx.db.query("UPDATE alerts SET status = 'closed', closed_at = $2 WHERE id = $1", [before.id, clock.now()]);
    clock.advance(1000);
    await nextMinute(clock, worker);
    assert.equal((await alerts(app)).filter((a) => a.detector === 'staff_login_failures').length, 1, 'old hits do not reopen it');
    for (let i = 0; i < 3; i++) await hits.staff_login_failures();
    await nextMinute(clock, worker);
    const after = (await alerts(app)).filter((a) => a.detector === 'staff_login_failures');
    assert.deepEqual(
      after.map((a) => [a.status, a.count]),
      [
        ['closed', 5],
        ['open', 3],
      ],
    );
  });
  it('opens one alert when two workers evaluate at once', postgresRace, async () => {
    for (let i = 0; i < 3; i++)
      await recordSecurityEvent(
        app.ctx.db,
        { kind: 'staff.login_outside_network', severity: 'warning', clientIp: '198.51.100.77' },
        clock.now(),
      );
    clock.advance(60_000);
    const run = () => app.ctx.db.transaction((tx) => evaluateDetectors(app.ctx, tx, clock.now()));
    const [a, b] = await Promise.all([run(), run()]);
    assert.equal([...a.opened, ...b.opened].filter((x) => x.key === '198.51.100.77').length, 1);
    const rows = (await alerts(app)).filter((x) => x.key === '198.51.100.77');
    assert.deepEqual(
      rows.map((x) => x.count),
      [3],
    );
  });
});

describe('a flood of alerts', () => {
  const clock = new ManualClock('2026-04-02T03:00:30Z');
  let app: TestApp;
  let worker: JobWorker;

  before(async () => {
    await stopSmtpStandin();
    app = await startTestApp({
      clock,
      env: { ...THRESHOLDS, SECURITY_ALERT_MAIL_TO: SECURITY, ALERT_IMMEDIATE_MAILS_PER_DIGEST: '3', ALERT_DIGEST_MINUTES: '15' },
    });
    worker = new JobWorker(app.ctx, [detectIntrusionsJob, alertMailJob]);
    await worker.ensureSchedules();
  });
  after(async () => {
    await app.close();
    await stopSmtpStandin();
  });

  const flood = async (n: number) => {
    const now = clock.now();
    await app.ctx.db.query(
      `INSERT INTO security_events (occurred_at, kind, severity, client_ip)
       SELECT $1, 'staff.login_outside_network', 'warning', '198.18.' || (i / 256) || '.' || (i % 256) FROM generate_series(0, $2 - 1) AS i`,
      [now, n],
    );
  };

  it('turns 1,000 hits from 250 addresses into four mails that list every alert, and updates into one digest per period', async () => {
    for (let i = 0; i < 4; i++) await flood(250);
    clock.advance(60_000);
    const started = Date.now();
    await app.ctx.db.transaction((tx) =>
      detectIntrusionsJob.handler(app.ctx, tx, {}, { id: 0, queue: '', attempts: 1, maxAttempts: 1, runAt: clock.now(), retryKey: '0' }),
    );
    const took = Date.now() - started;
    await worker.drain();
    clock.advance(1000);
    const opened = await alerts(app);
    assert.equal(opened.length, 250);
    assert.ok(opened.every((a) => a.count === 4));
    let mails = (await smtpStandin()).messages.filter((m) => m.to.includes(SECURITY));
    assert.equal(mails.length, 4, `mails: ${mails.map((m) => m.subject).join(' | ')}`);
    const listed = new Set(mails.flatMap((m) => [...m.text.matchAll(/警報番号:? (\d+)/g)].map((x) => x[1])));
    assert.equal(listed.size, 250);
    console.log(`# 250 alerts opened and their mails written in ${took} ms`);

    // the flood goes on: the open alerts grow, and no mail is sent until the digest period is over
    for (let minute = 0; minute < 5; minute++) {
      await flood(250);
      await nextMinute(clock, worker);
    }
    mails = (await smtpStandin()).messages.filter((m) => m.to.includes(SECURITY));
    assert.equal(mails.length, 4);
    assert.equal((await alerts(app)).length, 250);
    clock.advance(15 * 60_000);
    await worker.drain();
    mails = (await smtpStandin()).messages.filter((m) => m.to.includes(SECURITY));
    assert.equal(mails.length, 5);
    assert.match(mails[4]!.subject, /まとめ（250件）/);
    assert.match(mails[4]!.text, /新規0件、更新250件/);
    assert.ok((await alerts(app)).every((a) => a.count === 9));
  });
});

describe('alert mail configuration', () => {
  it("mails the demo's alerts to an address the demo mailbox shows, and none from the internal zone", () => {
    const demo = loadConfig({ MADOGUCHI_ENV: 'demo' });
    assert.deepEqual(demo.operations.detection.alertMailTo, ['security@city.example.lg.jp']);
    assert.equal(isAlertMailEnabled(demo), true);
    assert.equal(isAlertMailEnabled({ ...demo, cardZone: 'internal' }), false);
    assert.equal(isAlertMailEnabled(loadConfig({ MADOGUCHI_ENV: 'test' })), false, 'no address, no mail');
  });
});
