/**
 * The defences of the facility log-in's password step: unknown, disabled and locked users answered like a
 * wrong password; the escalating per-user lock (claimed before the password is checked, so a parallel burst
 * on PostgreSQL never gets more than 5 guesses); throttles per typed id and address, per client address and
 * per user and registered address for the code mails; one user's lock never blocks another's log-in.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { postgresRace } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { latestCode, startPortalHarness } from './test-support.js';

describe('facility log-in defences (password step)', () => {
  const clock = new ManualClock('2026-06-01T09:00:00+09:00');
  let h: Awaited<ReturnType<typeof startPortalHarness>>;
  before(async () => {
    h = await startPortalHarness(clock);
  });
  after(() => h.close());

  it('answers an unknown, disabled or locked user exactly like a wrong password, and keeps the typed id out of the audit log', async () => {
    const u = await h.newUser();
    const ip = h.newIp();
    const wrong = await h.passwordStep(u, ip, 'not the password at all');
    const unknown = await h.passwordStep({ loginId: 'no-such-user-x1', password: 'whatever it is 12' }, ip);
    await h.app.ctx.db.query(`UPDATE fc_users SET status = 'disabled' WHERE id = $1`, [u.id]);
    const disabled = await h.passwordStep(u, ip);
    for (const r of [wrong, unknown, disabled]) {
      assert.equal(r.status, 401);
      assert.equal(r.json.code, 'invalid_credentials');
      assert.equal(r.json.detail, wrong.json.detail);
    }
    const leaked = await h.app.ctx.db.query(
      `SELECT 1 FROM audit_log WHERE actor_label LIKE '%no-such-user%' OR detail::text LIKE '%no-such-user%'`,
    );
    assert.equal(leaked.rowCount, 0);
    const unknownEntry = await h.app.ctx.db.query<{ actor_label: string }>(
      `SELECT actor_label FROM audit_log WHERE action = 'facility.login.failed' AND actor_label LIKE 'unknown#%' AND client_ip = $1`,
      [ip],
    );
    assert.equal(unknownEntry.rowCount, 1);
    assert.deepEqual(
      (await h.auditOf('facility.login.failed', u.id)).map((x) => x.detail.reason),
      ['wrong_password', 'disabled'],
    );
    // a user disabled between the password and the code cannot finish either
    const v = await h.newUser();
    const r = await h.passwordStep(v, ip);
    const code = await latestCode(h.worker, h.capture, v.email);
    await h.app.ctx.db.query(`UPDATE fc_users SET status = 'disabled' WHERE id = $1`, [v.id]);
    assert.equal((await h.codeStep(r.json.challengeId, code, ip)).status, 401);
  });

  it('locks a user after 5 wrong passwords (15 minutes, then longer), without blocking another facility’s user at the same address', async () => {
    const u = await h.newUser();
    const office = h.newIp();
    for (let i = 0; i < 5; i++) assert.equal((await h.passwordStep(u, office, `wrong password ${i}!`)).status, 401);
    const locked = await h.passwordStep(u, office);
    assert.equal(locked.status, 401, 'the right password while locked');
    assert.equal(locked.json.code, 'invalid_credentials');
    const row = await h.app.ctx.db.query<{ failed_logins: number; locked_until: Date }>(
      'SELECT failed_logins, locked_until FROM fc_users WHERE id = $1',
      [u.id],
    );
    assert.equal(row.rows[0]!.failed_logins, 5);
    assert.equal(row.rows[0]!.locked_until.getTime(), clock.now().getTime() + 15 * 60_000);
    assert.equal((await h.securityEvents('facility.user_locked', u.id)).length, 1);
    assert.equal((await h.auditOf('facility.login.failed', u.id)).at(-1)!.detail.reason, 'locked');

    const other = await h.newUser();
    const ok = await h.passwordStep(other, office);
    assert.equal(ok.status, 200, 'another facility’s user from the same office address');

    // after the lock, 5 more wrong passwords lock for 60 minutes
    clock.advance(15 * 60_000);
    const elsewhere = h.newIp();
    for (let i = 0; i < 5; i++) assert.equal((await h.passwordStep(u, elsewhere, `still wrong ${i}!`)).status, 401);
    const again = await h.app.ctx.db.query<{ locked_until: Date }>('SELECT locked_until FROM fc_users WHERE id = $1', [u.id]);
    assert.equal(again.rows[0]!.locked_until.getTime(), clock.now().getTime() + 60 * 60_000);
    assert.equal((await h.securityEvents('facility.user_locked', u.id)).length, 2);

    // when the lock has passed, the right password works and resets the count
    clock.advance(60 * 60_000);
    assert.equal((await h.passwordStep(u, elsewhere)).status, 200);
    const reset = await h.app.ctx.db.query<{ failed_logins: number }>('SELECT failed_logins FROM fc_users WHERE id = $1', [u.id]);
    assert.equal(reset.rows[0]!.failed_logins, 0);
  });

  it('throttles failures per typed id and address (429) while the same id from another address still gets an answer', async () => {
    const ip = h.newIp();
    const ghost = { loginId: 'ghost-user-zz', password: 'some password 123' };
    for (let i = 0; i < 10; i++) assert.equal((await h.passwordStep(ghost, ip)).status, 401);
    const eleventh = await h.passwordStep(ghost, ip);
    assert.equal(eleventh.status, 429);
    assert.ok(Number(eleventh.headers['retry-after']) > 0);
    assert.equal((await h.passwordStep(ghost, h.newIp())).status, 401, 'another address is not refused');
    const events = await h.app.ctx.db.query(`SELECT 1 FROM security_events WHERE kind = 'facility.login_throttled' AND client_ip = $1`, [
      ip,
    ]);
    assert.equal(events.rowCount, 1);
  });

  it('throttles failures per client address across ids, after 30 in 15 minutes', async () => {
    const ip = h.newIp();
    for (let i = 0; i < 30; i++)
      assert.equal((await h.passwordStep({ loginId: `spray-${i}-xx`, password: 'guess 12345678' }, ip)).status, 401);
    assert.equal((await h.passwordStep({ loginId: 'spray-final-xx', password: 'guess 12345678' }, ip)).status, 429);
    clock.advance(15 * 60_000);
    assert.equal((await h.passwordStep({ loginId: 'spray-final-xx', password: 'guess 12345678' }, ip)).status, 401, 'the next window');
  });

  it('mails at most 5 codes per user and 5 per registered address in 15 minutes', async () => {
    const u = await h.newUser();
    for (let i = 0; i < 5; i++) assert.equal((await h.passwordStep(u, h.newIp())).status, 200);
    const sixth = await h.passwordStep(u, h.newIp());
    assert.equal(sixth.status, 429);
    assert.ok(Number(sixth.headers['retry-after']) > 0);
    assert.equal((await h.securityEvents('facility.otp_throttled', u.id)).length, 1);

    // two users (two facilities) registered with one address share its budget
    const shared = `shared-${crypto.randomBytes(3).toString('hex')}@example.jp`;
    const a = await h.newUser({ email: shared });
    const b = await h.newUser({ email: shared });
    for (let i = 0; i < 3; i++) assert.equal((await h.passwordStep(a, h.newIp())).status, 200);
    for (let i = 0; i < 2; i++) assert.equal((await h.passwordStep(b, h.newIp())).status, 200);
    assert.equal((await h.passwordStep(b, h.newIp())).status, 429, 'the sixth code to the same address');
    clock.advance(15 * 60_000);
    assert.equal((await h.passwordStep(b, h.newIp())).status, 200, 'the next window');
  });

  it('checks at most 5 passwords of a user however many arrive at once', postgresRace, async () => {
    const u = await h.newUser();
    const answers = await Promise.all(Array.from({ length: 15 }, (_, i) => h.passwordStep(u, h.newIp(), `parallel guess ${i}!`)));
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([401]));
    const row = await h.app.ctx.db.query<{ failed_logins: number }>('SELECT failed_logins FROM fc_users WHERE id = $1', [u.id]);
    assert.equal(row.rows[0]!.failed_logins, 5);
    const reasons = (await h.auditOf('facility.login.failed', u.id)).map((a) => a.detail.reason);
    assert.equal(reasons.filter((r) => r === 'wrong_password').length, 5);
    assert.equal(reasons.filter((r) => r === 'locked').length, 10);
  });
});
