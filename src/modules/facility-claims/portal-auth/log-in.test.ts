/**
 * The facility log-in through its pinned JSON API, read back as a facility user gets it: the code from
 * the mail (raw SMTP through SMTP_URL, parsed strictly), single use, 10 minutes, 5 tries, bound to its
 * log-in attempt, superseded by a newer one; the lockout, the throttles per user, per address and per
 * client; disabled users; the account's e-mail refusal and password change; log-out.
 * Each test uses its own facility, users and client address, so tests do not share counters.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { allJobs } from '../../../bootstrap.js';
import { ManualClock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { ensureDepartment } from '../../staff/test-support.js';
import { insertTestFacility, insertTestFacilityUser, type TestFacilityUser } from '../testing.js';
import { codeIn, jsonCall, latestCode, mailsTo, startMailCapture, type MailCapture } from './test-support.js';

describe('facility log-in with an e-mailed code (API)', () => {
  const clock = new ManualClock('2026-06-01T09:00:00+09:00');
  let app: TestApp;
  let capture: MailCapture;
  let worker: JobWorker;
  let call: ReturnType<typeof jsonCall>;
  let reviewDeptId: string;
  let ipN = 0;
  const newIp = () => `198.51.100.${++ipN}`;

  before(async () => {
    capture = await startMailCapture();
    app = await startTestApp({ clock, env: { SMTP_URL: capture.url, MAIL_FROM: '市川市 保育施設課 <hoiku@city.example.lg.jp>' } });
    worker = new JobWorker(app.ctx, allJobs());
    call = jsonCall(app);
    reviewDeptId = await ensureDepartment(app, app.ctx.config.facility.reviewDepartmentCode);
  });
  after(async () => {
    await app.close();
    await capture.close();
  });

  async function newUser(o: { name?: string; email?: string } = {}): Promise<TestFacilityUser & { facilityCode: string }> {
    const f = await insertTestFacility(app.ctx, { name: o.name });
    const u = await insertTestFacilityUser(app.ctx, { facilityId: f.id, email: o.email });
    return { ...u, facilityCode: f.code };
  }
  const passwordStep = (u: Pick<TestFacilityUser, 'loginId' | 'password'>, ip: string, password = u.password) =>
    call('POST', '/api/v1/facility/session', { loginId: u.loginId, password }, { ip });
  const codeStep = (challengeId: string, code: string, ip: string) => call('POST', '/api/v1/facility/session/otp', { challengeId, code }, { ip });
  const sessionCookie = (r: { cookies: { name: string; value: string }[] }) => {
    const c = r.cookies.find((x) => x.name === 'madoguchi_facility');
    return c ? `madoguchi_facility=${c.value}` : '';
  };
  const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  const auditOf = async (action: string, userId: string) =>
    (
      await app.ctx.db.query<{ outcome: string; department_id: string | null; detail: Record<string, unknown>; actor_type: string }>(
        'SELECT outcome, department_id, detail, actor_type FROM audit_log WHERE action = $1 AND record_id = $2 ORDER BY seq',
        [action, userId],
      )
    ).rows;
  const securityEvents = async (kind: string, subject: string) =>
    (await app.ctx.db.query('SELECT detail FROM security_events WHERE kind = $1 AND subject = $2', [kind, subject])).rows;

  it('logs in with the code from the mail: headers, charset and text of the mail, the session, then the code is spent', async () => {
    const u = await newUser({ name: 'さくら保育園' });
    const ip = newIp();
    const r1 = await passwordStep(u, ip);
    assert.equal(r1.status, 200, JSON.stringify(r1.json));
    assert.equal(r1.json.otpRequired, true);
    assert.match(r1.json.challengeId, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(r1.cookies.length, 0, 'no session before the code');

    await worker.drain();
    const mails = await mailsTo(capture, u.email);
    assert.equal(mails.length, 1);
    const mail = mails[0]!;
    assert.equal(mail.subject, '【保育施設ポータル】ログイン確認コード / Childcare facility portal: log-in code');
    const ct = mail.headers.get('content-type') as { value: string; params: Record<string, string> };
    assert.equal(ct.value, 'text/plain');
    assert.equal(ct.params.charset?.toLowerCase(), 'utf-8');
    assert.equal(mail.headers.get('mime-version'), '1.0');
    assert.deepEqual(
      (mail.to as { value: { address: string }[] }).value.map((a) => a.address),
      [u.email],
    );
    assert.equal(mail.from?.value[0]?.address, 'hoiku@city.example.lg.jp');
    assert.match(mail.messageId ?? '', /^<facility-login-code-\d+\.[A-Za-z0-9]+@/);
    assert.ok(mail.date instanceof Date);
    assert.equal(mail.html, false, 'plain text only');
    const text = mail.text ?? '';
    const code = codeIn(mail);
    assert.ok(text.includes('さくら保育園 様'), text);
    assert.ok(text.includes('有効期限は10分（2026/06/01 9:10まで）'), text);
    assert.ok(text.includes('valid for 10 minutes (until 1 Jun 2026, 09:10)'), text);
    assert.ok(text.includes(`Code: ${code}`), 'the English part carries the same code');
    assert.ok(text.indexOf('確認コード') < text.indexOf('Code:'), 'Japanese first, English second');
    assert.ok(text.includes('ログインした覚えがない場合') && text.includes('If you did not try to log in'), text);
    assert.ok(!/https?:\/\//.test(text), 'no link in the mail');

    // only the keyed hash is stored
    const stored = await app.ctx.db.query<{ code_hash: string }>('SELECT code_hash FROM fc_otp_challenges WHERE id = $1', [r1.json.challengeId]);
    const expected = crypto.createHmac('sha256', app.ctx.secrets.appSecret).update(`fc-otp\u0000${r1.json.challengeId}\u0000${code}`).digest('hex');
    assert.equal(stored.rows[0]!.code_hash, expected);

    const r2 = await codeStep(r1.json.challengeId, code, ip);
    assert.equal(r2.status, 200, JSON.stringify(r2.json));
    assert.match(r2.json.csrfToken, /^[A-Za-z0-9_-]{20,}$/);
    const setCookie = String(r2.headers['set-cookie']);
    assert.match(setCookie, /madoguchi_facility=[^;]+;.*HttpOnly/i);
    assert.match(setCookie, /SameSite=Strict/i);
    const cookie = sessionCookie(r2);

    const who = await call('GET', '/api/v1/facility/session', undefined, { cookie, ip });
    assert.equal(who.status, 200);
    assert.equal(who.json.loginId, u.loginId);
    assert.equal(who.json.facility.code, u.facilityCode);
    assert.equal(who.json.facility.name, 'さくら保育園');

    // the same code again, even with the same challenge: 401 otp_failed
    const again = await codeStep(r1.json.challengeId, code, ip);
    assert.equal(again.status, 401);
    assert.equal(again.json.code, 'otp_failed');

    const success = await auditOf('facility.login.success', u.id);
    assert.equal(success.length, 1);
    assert.equal(success[0]!.department_id, reviewDeptId);
    assert.equal(success[0]!.actor_type, 'facility');
    assert.equal((await auditOf('facility.login.password', u.id)).length, 1);
    assert.equal((await auditOf('facility.login.otp_failed', u.id)).length, 1);
    const last = await app.ctx.db.query<{ last_login_at: Date }>('SELECT last_login_at FROM fc_users WHERE id = $1', [u.id]);
    assert.equal(last.rows[0]!.last_login_at.getTime(), clock.now().getTime());
  });

  it('accepts the code until 10 minutes have passed and refuses it after', async () => {
    const u = await newUser();
    const ip = newIp();
    const a = await passwordStep(u, ip);
    const codeA = await latestCode(worker, capture, u.email);
    clock.advance(10 * 60_000 + 1000);
    const late = await codeStep(a.json.challengeId, codeA, ip);
    assert.equal(late.status, 401);
    assert.equal(late.json.code, 'otp_failed');

    const b = await passwordStep(u, ip);
    const codeB = await latestCode(worker, capture, u.email);
    clock.advance(9 * 60_000 + 59_000);
    const inTime = await codeStep(b.json.challengeId, codeB, ip);
    assert.equal(inTime.status, 200, JSON.stringify(inTime.json));
    const reasons = (await auditOf('facility.login.otp_failed', u.id)).map((x) => x.detail.reason);
    assert.deepEqual(reasons, ['expired']);
  });

  it('kills the challenge after 5 wrong codes: the right code then fails too', async () => {
    const u = await newUser();
    const ip = newIp();
    const r = await passwordStep(u, ip);
    const code = await latestCode(worker, capture, u.email);
    let wrong = code;
    for (let i = 0; i < 5; i++) {
      wrong = otherCode(wrong);
      const w = await codeStep(r.json.challengeId, wrong, ip);
      assert.equal(w.status, 401);
      assert.equal(w.json.code, 'otp_failed');
    }
    const right = await codeStep(r.json.challengeId, code, ip);
    assert.equal(right.status, 401, 'the sixth try, although right');
    const row = await app.ctx.db.query<{ attempts: number; status: string }>('SELECT attempts, status FROM fc_otp_challenges WHERE id = $1', [
      r.json.challengeId,
    ]);
    assert.deepEqual(row.rows[0], { attempts: 5, status: 'dead' });
    assert.equal((await securityEvents('facility.otp_exhausted', u.id)).length, 1);
    const reasons = (await auditOf('facility.login.otp_failed', u.id)).map((x) => x.detail.reason);
    assert.deepEqual(reasons, ['wrong_code', 'wrong_code', 'wrong_code', 'wrong_code', 'wrong_code', 'dead']);
  });

  it('a second log-in supersedes the first: each code works only for its own challenge, and a superseded code is not mailed late', async () => {
    const u = await newUser();
    const ip = newIp();
    const first = await passwordStep(u, ip);
    const code1 = await latestCode(worker, capture, u.email);
    const second = await passwordStep(u, ip);
    const code2 = await latestCode(worker, capture, u.email);
    assert.notEqual(first.json.challengeId, second.json.challengeId);
    assert.equal((await codeStep(first.json.challengeId, code1, ip)).status, 401, 'the first code on its superseded challenge');
    assert.equal((await codeStep(first.json.challengeId, code2, ip)).status, 401, 'the second code on the first challenge');
    if (code1 !== code2) assert.equal((await codeStep(second.json.challengeId, code1, ip)).status, 401, 'the first code on the second challenge');
    assert.equal((await codeStep(second.json.challengeId, code2, ip)).status, 200);

    const before = (await mailsTo(capture, u.email)).length;
    await passwordStep(u, ip);
    await passwordStep(u, ip);
    await worker.drain();
    assert.equal((await mailsTo(capture, u.email)).length, before + 1, 'only the newest challenge is mailed');
  });

  it('answers an unknown, disabled or locked user exactly like a wrong password, and keeps the typed id out of the audit log', async () => {
    const u = await newUser();
    const ip = newIp();
    const wrong = await passwordStep(u, ip, 'not the password at all');
    const unknown = await passwordStep({ loginId: 'no-such-user-x1', password: 'whatever it is 12' }, ip);
    await app.ctx.db.query(`UPDATE fc_users SET status = 'disabled' WHERE id = $1`, [u.id]);
    const disabled = await passwordStep(u, ip);
    for (const r of [wrong, unknown, disabled]) {
      assert.equal(r.status, 401);
      assert.equal(r.json.code, 'invalid_credentials');
      assert.equal(r.json.detail, wrong.json.detail);
    }
    const leaked = await app.ctx.db.query(`SELECT 1 FROM audit_log WHERE actor_label LIKE '%no-such-user%' OR detail::text LIKE '%no-such-user%'`);
    assert.equal(leaked.rowCount, 0);
    const unknownEntry = await app.ctx.db.query<{ actor_label: string }>(
      `SELECT actor_label FROM audit_log WHERE action = 'facility.login.failed' AND actor_label LIKE 'unknown#%' AND client_ip = $1`,
      [ip],
    );
    assert.equal(unknownEntry.rowCount, 1);
    assert.deepEqual(
      (await auditOf('facility.login.failed', u.id)).map((x) => x.detail.reason),
      ['wrong_password', 'disabled'],
    );
    // a user disabled between the password and the code cannot finish either
    const v = await newUser();
    const r = await passwordStep(v, ip);
    const code = await latestCode(worker, capture, v.email);
    await app.ctx.db.query(`UPDATE fc_users SET status = 'disabled' WHERE id = $1`, [v.id]);
    assert.equal((await codeStep(r.json.challengeId, code, ip)).status, 401);
  });

  it('locks a user after 5 wrong passwords (15 minutes, then longer), without blocking another facility’s user at the same address', async () => {
    const u = await newUser();
    const office = newIp();
    for (let i = 0; i < 5; i++) assert.equal((await passwordStep(u, office, `wrong password ${i}!`)).status, 401);
    const locked = await passwordStep(u, office);
    assert.equal(locked.status, 401, 'the right password while locked');
    assert.equal(locked.json.code, 'invalid_credentials');
    const row = await app.ctx.db.query<{ failed_logins: number; locked_until: Date }>('SELECT failed_logins, locked_until FROM fc_users WHERE id = $1', [
      u.id,
    ]);
    assert.equal(row.rows[0]!.failed_logins, 5);
    assert.equal(row.rows[0]!.locked_until.getTime(), clock.now().getTime() + 15 * 60_000);
    assert.equal((await securityEvents('facility.user_locked', u.id)).length, 1);
    assert.equal((await auditOf('facility.login.failed', u.id)).at(-1)!.detail.reason, 'locked');

    const other = await newUser();
    const ok = await passwordStep(other, office);
    assert.equal(ok.status, 200, 'another facility’s user from the same office address');

    // after the lock, 5 more wrong passwords lock for 60 minutes
    clock.advance(15 * 60_000);
    const elsewhere = newIp();
    for (let i = 0; i < 5; i++) assert.equal((await passwordStep(u, elsewhere, `still wrong ${i}!`)).status, 401);
    const again = await app.ctx.db.query<{ locked_until: Date }>('SELECT locked_until FROM fc_users WHERE id = $1', [u.id]);
    assert.equal(again.rows[0]!.locked_until.getTime(), clock.now().getTime() + 60 * 60_000);
    assert.equal((await securityEvents('facility.user_locked', u.id)).length, 2);

    // when the lock has passed, the right password works and resets the count
    clock.advance(60 * 60_000);
    assert.equal((await passwordStep(u, elsewhere)).status, 200);
    const reset = await app.ctx.db.query<{ failed_logins: number }>('SELECT failed_logins FROM fc_users WHERE id = $1', [u.id]);
    assert.equal(reset.rows[0]!.failed_logins, 0);
  });

  it('throttles failures per typed id and address (429) while the same id from another address still gets an answer', async () => {
    const ip = newIp();
    const ghost = { loginId: 'ghost-user-zz', password: 'some password 123' };
    for (let i = 0; i < 10; i++) assert.equal((await passwordStep(ghost, ip)).status, 401);
    const eleventh = await passwordStep(ghost, ip);
    assert.equal(eleventh.status, 429);
    assert.ok(Number(eleventh.headers['retry-after']) > 0);
    assert.equal((await passwordStep(ghost, newIp())).status, 401, 'another address is not refused');
    const events = await app.ctx.db.query(`SELECT 1 FROM security_events WHERE kind = 'facility.login_throttled' AND client_ip = $1`, [ip]);
    assert.equal(events.rowCount, 1);
  });

  it('throttles failures per client address across ids, after 30 in 15 minutes', async () => {
    const ip = newIp();
    for (let i = 0; i < 30; i++) assert.equal((await passwordStep({ loginId: `spray-${i}-xx`, password: 'guess 12345678' }, ip)).status, 401);
    assert.equal((await passwordStep({ loginId: 'spray-final-xx', password: 'guess 12345678' }, ip)).status, 429);
    clock.advance(15 * 60_000);
    assert.equal((await passwordStep({ loginId: 'spray-final-xx', password: 'guess 12345678' }, ip)).status, 401, 'the next window');
  });

  it('mails at most 5 codes per user and 5 per registered address in 15 minutes', async () => {
    const u = await newUser();
    for (let i = 0; i < 5; i++) assert.equal((await passwordStep(u, newIp())).status, 200);
    const sixth = await passwordStep(u, newIp());
    assert.equal(sixth.status, 429);
    assert.ok(Number(sixth.headers['retry-after']) > 0);
    assert.equal((await securityEvents('facility.otp_throttled', u.id)).length, 1);

    // two users (two facilities) registered with one address share its budget
    const shared = `shared-${crypto.randomBytes(3).toString('hex')}@example.jp`;
    const a = await newUser({ email: shared });
    const b = await newUser({ email: shared });
    for (let i = 0; i < 3; i++) assert.equal((await passwordStep(a, newIp())).status, 200);
    for (let i = 0; i < 2; i++) assert.equal((await passwordStep(b, newIp())).status, 200);
    assert.equal((await passwordStep(b, newIp())).status, 429, 'the sixth code to the same address');
    clock.advance(15 * 60_000);
    assert.equal((await passwordStep(b, newIp())).status, 200, 'the next window');
  });

  async function loggedIn(u: TestFacilityUser) {
    const ip = newIp();
    const r = await passwordStep(u, ip);
    const code = await latestCode(worker, capture, u.email);
    const s = await codeStep(r.json.challengeId, code, ip);
    assert.equal(s.status, 200);
    return { cookie: sessionCookie(s), csrf: s.json.csrfToken as string, ip };
  }

  it('refuses any change of the e-mail address with 403 (audited), and changes the password with the current one', async () => {
    const u = await newUser();
    const s = await loggedIn(u);
    const refused = await call('PATCH', '/api/v1/facility/account', { email: 'new@example.jp' }, s);
    assert.equal(refused.status, 403);
    assert.equal(refused.json.code, 'forbidden');
    const withPassword = await call(
      'PATCH',
      '/api/v1/facility/account',
      { email: null, currentPassword: u.password, newPassword: 'a much longer pass phrase' },
      s,
    );
    assert.equal(withPassword.status, 403, 'an email property, whatever its value and whatever else is sent');
    assert.equal((await auditOf('facility.account.email_refused', u.id)).length, 2);
    const stillThere = await app.ctx.db.query<{ email_enc: string }>('SELECT email_enc FROM fc_users WHERE id = $1', [u.id]);
    assert.equal(app.ctx.crypto.decrypt(stillThere.rows[0]!.email_enc, 'fc_users.email'), u.email);
    const noCsrf = await call('PATCH', '/api/v1/facility/account', { email: 'x@example.jp' }, { cookie: s.cookie, ip: s.ip });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.json.code, 'csrf_failed');
    assert.equal((await call('PATCH', '/api/v1/facility/account', { email: 'x@example.jp' }, { ip: s.ip })).status, 401);

    const other = await loggedIn(u);
    const wrong = await call('PATCH', '/api/v1/facility/account', { currentPassword: 'not it at all', newPassword: 'river lantern copper 2026' }, s);
    assert.equal(wrong.status, 422);
    assert.equal(wrong.json.errors?.[0]?.field ?? wrong.json.fieldErrors?.[0]?.field, 'currentPassword');
    const weak = await call('PATCH', '/api/v1/facility/account', { currentPassword: u.password, newPassword: 'aaaaaaaaaaaaaa' }, s);
    assert.equal(weak.status, 422);
    const ok = await call('PATCH', '/api/v1/facility/account', { currentPassword: u.password, newPassword: 'river lantern copper 2026' }, s);
    assert.equal(ok.status, 204, JSON.stringify(ok.json));
    assert.equal((await call('GET', '/api/v1/facility/session', undefined, s)).status, 200, 'this session goes on');
    assert.equal((await call('GET', '/api/v1/facility/session', undefined, other)).status, 401, 'the other session ended');
    assert.equal((await passwordStep(u, newIp())).status, 401, 'the old password');
    assert.equal((await passwordStep({ loginId: u.loginId, password: 'river lantern copper 2026' }, newIp())).status, 200);
  });

  it('logs out: the old cookie no longer opens anything', async () => {
    const u = await newUser();
    const s = await loggedIn(u);
    assert.equal((await call('DELETE', '/api/v1/facility/session', undefined, { cookie: s.cookie, ip: s.ip })).status, 403, 'CSRF token needed');
    const out = await call('DELETE', '/api/v1/facility/session', undefined, s);
    assert.equal(out.status, 204);
    assert.equal((await call('GET', '/api/v1/facility/session', undefined, s)).status, 401);
    assert.equal((await auditOf('facility.logout', u.id)).length, 1);
  });
});
