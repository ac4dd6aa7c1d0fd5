/**
 * The facility log-in through its pinned JSON API, read back as a facility user gets it: the code from
 * the mail (raw SMTP through SMTP_URL, parsed strictly), single use, 10 minutes, 5 tries, bound to its
 * log-in attempt, superseded by a newer one; the account's e-mail refusal and password change; log-out;
 * and, on PostgreSQL, bursts of parallel guesses that never get more tries than allowed.
 * Each test uses its own facility, users and client address, so tests do not share counters.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { postgresRace } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { codeIn, latestCode, mailsTo, otherCode, startPortalHarness } from './test-support.js';

describe('facility log-in with an e-mailed code (API)', () => {
  const clock = new ManualClock('2026-06-01T09:00:00+09:00');
  let h: Awaited<ReturnType<typeof startPortalHarness>>;
  before(async () => {
    h = await startPortalHarness(clock);
  });
  after(() => h.close());

  it('logs in with the code from the mail: headers, charset and text of the mail, the session, then the code is spent', async () => {
    const u = await h.newUser({ name: 'さくら保育園' });
    const ip = h.newIp();
    const r1 = await h.passwordStep(u, ip);
    assert.equal(r1.status, 200, JSON.stringify(r1.json));
    assert.equal(r1.json.otpRequired, true);
    assert.match(r1.json.challengeId, /^[A-Za-z0-9_-]{22}$/);
    assert.equal(r1.cookies.length, 0, 'no session before the code');

    await h.worker.drain();
    const mails = await mailsTo(h.capture, u.email);
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
    assert.match(mail.messageId ?? '', /^<facility-login-code-\d+-[a-z0-9]+\.[A-Za-z0-9]+@/);
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
    const stored = await h.app.ctx.db.query<{ code_hash: string }>('SELECT code_hash FROM fc_otp_challenges WHERE id = $1', [
      r1.json.challengeId,
    ]);
    const expected = crypto
      .createHmac('sha256', h.app.ctx.secrets.appSecret)
      .update(`fc-otp\u0000${r1.json.challengeId}\u0000${code}`)
      .digest('hex');
    assert.equal(stored.rows[0]!.code_hash, expected);

    const r2 = await h.codeStep(r1.json.challengeId, code, ip);
    assert.equal(r2.status, 200, JSON.stringify(r2.json));
    assert.match(r2.json.csrfToken, /^[A-Za-z0-9_-]{20,}$/);
    const setCookie = String(r2.headers['set-cookie']);
    assert.match(setCookie, /madoguchi_facility=[^;]+;.*HttpOnly/i);
    assert.match(setCookie, /SameSite=Strict/i);
    const cookie = h.sessionCookie(r2);

    const who = await h.call('GET', '/api/v1/facility/session', undefined, { cookie, ip });
    assert.equal(who.status, 200);
    assert.equal(who.json.loginId, u.loginId);
    assert.equal(who.json.facility.code, u.facilityCode);
    assert.equal(who.json.facility.name, 'さくら保育園');

    // the same code again, even with the same challenge: 401 otp_failed
    const again = await h.codeStep(r1.json.challengeId, code, ip);
    assert.equal(again.status, 401);
    assert.equal(again.json.code, 'otp_failed');

    const success = await h.auditOf('facility.login.success', u.id);
    assert.equal(success.length, 1);
    assert.equal(success[0]!.department_id, h.reviewDeptId);
    assert.equal(success[0]!.actor_type, 'facility');
    assert.equal((await h.auditOf('facility.login.password', u.id)).length, 1);
    assert.equal((await h.auditOf('facility.login.otp_failed', u.id)).length, 1);
    const last = await h.app.ctx.db.query<{ last_login_at: Date }>('SELECT last_login_at FROM fc_users WHERE id = $1', [u.id]);
    assert.equal(last.rows[0]!.last_login_at.getTime(), clock.now().getTime());
  });

  it('accepts the code until 10 minutes have passed and refuses it after', async () => {
    const u = await h.newUser();
    const ip = h.newIp();
    const a = await h.passwordStep(u, ip);
    const codeA = await latestCode(h.worker, h.capture, u.email);
    clock.advance(10 * 60_000 + 1000);
    const late = await h.codeStep(a.json.challengeId, codeA, ip);
    assert.equal(late.status, 401);
    assert.equal(late.json.code, 'otp_failed');

    const b = await h.passwordStep(u, ip);
    const codeB = await latestCode(h.worker, h.capture, u.email);
    clock.advance(9 * 60_000 + 59_000);
    const inTime = await h.codeStep(b.json.challengeId, codeB, ip);
    assert.equal(inTime.status, 200, JSON.stringify(inTime.json));
    const reasons = (await h.auditOf('facility.login.otp_failed', u.id)).map((x) => x.detail.reason);
    assert.deepEqual(reasons, ['expired']);
  });

  it('kills the challenge after 5 wrong codes: the right code then fails too', async () => {
    const u = await h.newUser();
    const ip = h.newIp();
    const r = await h.passwordStep(u, ip);
    const code = await latestCode(h.worker, h.capture, u.email);
    let wrong = code;
    for (let i = 0; i < 5; i++) {
      wrong = otherCode(wrong);
      const w = await h.codeStep(r.json.challengeId, wrong, ip);
      assert.equal(w.status, 401);
      assert.equal(w.json.code, 'otp_failed');
    }
    const right = await h.codeStep(r.json.challengeId, code, ip);
    assert.equal(right.status, 401, 'the sixth try, although right');
    const row = await h.app.ctx.db.query<{ attempts: number; status: string }>(
      'SELECT attempts, status FROM fc_otp_challenges WHERE id = $1',
      [r.json.challengeId],
    );
    assert.deepEqual(row.rows[0], { attempts: 5, status: 'dead' });
    assert.equal((await h.securityEvents('facility.otp_exhausted', u.id)).length, 1);
    const reasons = (await h.auditOf('facility.login.otp_failed', u.id)).map((x) => x.detail.reason);
    assert.deepEqual(reasons, ['wrong_code', 'wrong_code', 'wrong_code', 'wrong_code', 'wrong_code', 'dead']);
  });

  it('a second log-in supersedes the first: each code works only for its own challenge, and a superseded code is not mailed late', async () => {
    const u = await h.newUser();
    const ip = h.newIp();
    const first = await h.passwordStep(u, ip);
    const code1 = await latestCode(h.worker, h.capture, u.email);
    const second = await h.passwordStep(u, ip);
    const code2 = await latestCode(h.worker, h.capture, u.email);
    assert.notEqual(first.json.challengeId, second.json.challengeId);
    assert.equal((await h.codeStep(first.json.challengeId, code1, ip)).status, 401, 'the first code on its superseded challenge');
    assert.equal((await h.codeStep(first.json.challengeId, code2, ip)).status, 401, 'the second code on the first challenge');
    if (code1 !== code2)
      assert.equal((await h.codeStep(second.json.challengeId, code1, ip)).status, 401, 'the first code on the second challenge');
    assert.equal((await h.codeStep(second.json.challengeId, code2, ip)).status, 200);

    const before = (await mailsTo(h.capture, u.email)).length;
    await h.passwordStep(u, ip);
    await h.passwordStep(u, ip);
    await h.worker.drain();
    assert.equal((await mailsTo(h.capture, u.email)).length, before + 1, 'only the newest challenge is mailed');
  });

  it('refuses any change of the e-mail address with 403 (audited), and changes the password with the current one', async () => {
    const u = await h.newUser();
    const s = await h.loggedIn(u);
    const refused = await h.call('PATCH', '/api/v1/facility/account', { email: 'new@example.jp' }, s);
    assert.equal(refused.status, 403);
    assert.equal(refused.json.code, 'forbidden');
    const withPassword = await h.call(
      'PATCH',
      '/api/v1/facility/account',
      { email: null, currentPassword: u.password, newPassword: 'a much longer pass phrase' },
      s,
    );
    assert.equal(withPassword.status, 403, 'an email property, whatever its value and whatever else is sent');
    assert.equal((await h.auditOf('facility.account.email_refused', u.id)).length, 2);
    const stillThere = await h.app.ctx.db.query<{ email_enc: string }>('SELECT email_enc FROM fc_users WHERE id = $1', [u.id]);
    assert.equal(h.app.ctx.crypto.decrypt(stillThere.rows[0]!.email_enc, 'fc_users.email'), u.email);
    const noCsrf = await h.call('PATCH', '/api/v1/facility/account', { email: 'x@example.jp' }, { cookie: s.cookie, ip: s.ip });
    assert.equal(noCsrf.status, 403);
    assert.equal(noCsrf.json.code, 'csrf_failed');
    assert.equal((await h.call('PATCH', '/api/v1/facility/account', { email: 'x@example.jp' }, { ip: s.ip })).status, 401);

    const other = await h.loggedIn(u);
    const wrong = await h.call(
      'PATCH',
      '/api/v1/facility/account',
      { currentPassword: 'not it at all', newPassword: 'river lantern copper 2026' },
      s,
    );
    assert.equal(wrong.status, 422);
    assert.equal(wrong.json.errors?.[0]?.field ?? wrong.json.fieldErrors?.[0]?.field, 'currentPassword');
    const weak = await h.call('PATCH', '/api/v1/facility/account', { currentPassword: u.password, newPassword: 'aaaaaaaaaaaaaa' }, s);
    assert.equal(weak.status, 422);
    const ok = await h.call(
      'PATCH',
      '/api/v1/facility/account',
      { currentPassword: u.password, newPassword: 'river lantern copper 2026' },
      s,
    );
    assert.equal(ok.status, 204, JSON.stringify(ok.json));
    assert.equal((await h.call('GET', '/api/v1/facility/session', undefined, s)).status, 200, 'this session goes on');
    assert.equal((await h.call('GET', '/api/v1/facility/session', undefined, other)).status, 401, 'the other session ended');
    assert.equal((await h.passwordStep(u, h.newIp())).status, 401, 'the old password');
    assert.equal((await h.passwordStep({ loginId: u.loginId, password: 'river lantern copper 2026' }, h.newIp())).status, 200);
  });

  it('logs out: the old cookie no longer opens anything', async () => {
    const u = await h.newUser();
    const s = await h.loggedIn(u);
    assert.equal(
      (await h.call('DELETE', '/api/v1/facility/session', undefined, { cookie: s.cookie, ip: s.ip })).status,
      403,
      'CSRF token needed',
    );
    const out = await h.call('DELETE', '/api/v1/facility/session', undefined, s);
    assert.equal(out.status, 204);
    assert.equal((await h.call('GET', '/api/v1/facility/session', undefined, s)).status, 401);
    assert.equal((await h.auditOf('facility.logout', u.id)).length, 1);
  });

  it('never compares more than 5 codes for a challenge, however many arrive at once', postgresRace, async () => {
    const u = await h.newUser();
    const ip = h.newIp();
    const r = await h.passwordStep(u, ip);
    const code = await latestCode(h.worker, h.capture, u.email);
    let wrong = code;
    const guesses = Array.from({ length: 20 }, () => (wrong = otherCode(wrong)));
    const answers = await Promise.all(guesses.map((g) => h.codeStep(r.json.challengeId, g, ip)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([401]));
    const row = await h.app.ctx.db.query<{ attempts: number; status: string }>(
      'SELECT attempts, status FROM fc_otp_challenges WHERE id = $1',
      [r.json.challengeId],
    );
    assert.deepEqual(row.rows[0], { attempts: 5, status: 'dead' });
    const compared = (await h.auditOf('facility.login.otp_failed', u.id)).filter((a) => a.detail.reason === 'wrong_code');
    assert.equal(compared.length, 5, 'five comparisons, the other fifteen refused before comparing');
    assert.equal((await h.securityEvents('facility.otp_exhausted', u.id)).length, 1);
    assert.equal((await h.codeStep(r.json.challengeId, code, ip)).status, 401, 'the right code after the burst');
  });

  it('opens one session when the right code arrives twice at once', postgresRace, async () => {
    const u = await h.newUser();
    const ip = h.newIp();
    const r = await h.passwordStep(u, ip);
    const code = await latestCode(h.worker, h.capture, u.email);
    const answers = await Promise.all([1, 2, 3].map(() => h.codeStep(r.json.challengeId, code, ip)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 401, 401]);
    const sessions = await h.app.ctx.db.query('SELECT 1 FROM fc_sessions WHERE user_id = $1', [u.id]);
    assert.equal(sessions.rowCount, 1);
  });
});
