/**
 * The facility log-in in a browser without script: the ID and password form (typed ID kept, password
 * never echoed), the code form bound to this browser by its HttpOnly cookie (never the URL), field errors
 * in Japanese, the portal home (facility, previous log-in, sections), the account page (masked address,
 * who changes it, password change) and log-out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { ManualClock } from '../../../platform/clock.js';
import { insertTestFacility, insertTestFacilityUser } from '../testing.js';
import { latestCode, otherCode, startPortalHarness } from './test-support.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' };
const tokenIn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

/** A browser's cookie jar: what the server set, without what it cleared. */
class Browser {
  private jar = new Map<string, string>();
  constructor(readonly ip: string) {}
  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  take(r: LightMyRequestResponse): LightMyRequestResponse {
    for (const c of r.cookies) {
      if (!c.value || (c.expires && new Date(c.expires).getTime() < Date.now()) || c.maxAge === 0) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return r;
  }
  has(name: string): boolean {
    return this.jar.has(name);
  }
}

describe('facility log-in and portal pages', () => {
  const clock = new ManualClock('2026-06-01T09:00:00+09:00');
  let h: Awaited<ReturnType<typeof startPortalHarness>>;
  before(async () => {
    h = await startPortalHarness(clock);
  });
  after(() => h.close());

  const get = async (b: Browser, url: string) =>
    b.take(await h.app.server.inject({ method: 'GET', url, remoteAddress: b.ip, headers: { accept: 'text/html', cookie: b.cookie } }));
  const post = async (b: Browser, url: string, fields: Record<string, string>) =>
    b.take(
      await h.app.server.inject({
        method: 'POST',
        url,
        remoteAddress: b.ip,
        headers: { ...FORM, cookie: b.cookie },
        payload: new URLSearchParams(fields).toString(),
      }),
    );

  async function passwordStep(b: Browser, loginId: string, password: string) {
    const form = await get(b, '/facility/login');
    assert.equal(form.statusCode, 200);
    return post(b, '/facility/login', { _csrf: tokenIn(form.body), loginId, password });
  }

  it('logs in through both forms, shows the home and the account, logs out', async () => {
    const u = await h.newUser({ name: 'ひまわり保育園' });
    const b = new Browser(h.newIp());
    const home0 = await get(b, '/facility');
    assert.equal(home0.statusCode, 303);
    assert.equal(home0.headers.location, '/facility/login');

    const wrong = await passwordStep(b, `  ${u.loginId}  `, 'wrong password <b>1</b>');
    assert.equal(wrong.statusCode, 401);
    assert.match(wrong.body, new RegExp(`name="loginId" type="text" value="  ${u.loginId}  "`), 'the typed ID kept, as typed');
    assert.ok(!wrong.body.includes('wrong password'), 'the password is never echoed');
    assert.match(wrong.body, /<input[^>]*id="password"[^>]*aria-invalid="true"/);
    assert.ok(wrong.body.includes('ログインIDまたはパスワードが違います。'));

    const empty = await post(b, '/facility/login', { _csrf: tokenIn(wrong.body), loginId: 'someone-typed', password: '' });
    assert.equal(empty.statusCode, 422);
    assert.ok(empty.body.includes('パスワードを入力してください。'));
    assert.match(empty.body, /name="loginId" type="text" value="someone-typed"/);

    const noToken = await post(b, '/facility/login', { loginId: u.loginId, password: u.password });
    assert.equal(noToken.statusCode, 403, 'no form token');
    assert.match(noToken.body, new RegExp(`value="${u.loginId}"`));
    assert.equal((await h.app.ctx.db.query('SELECT 1 FROM fc_otp_challenges WHERE user_id = $1', [u.id])).rowCount, 0, 'nothing started');

    const ok = await passwordStep(b, u.loginId, u.password);
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal(ok.headers.location, '/facility/login/code');
    const otp = ok.cookies.find((c) => c.name === 'madoguchi_facility_otp');
    assert.ok(otp, 'the challenge cookie');
    assert.equal(otp.httpOnly, true);
    assert.equal(String(otp.sameSite).toLowerCase(), 'strict');
    assert.equal(otp.path, '/facility');
    const challenge = await h.app.ctx.db.query<{ id: string }>(`SELECT id FROM fc_otp_challenges WHERE user_id = $1 AND status = 'open'`, [
      u.id,
    ]);
    assert.equal(otp.value, challenge.rows[0]!.id);
    assert.ok(!String(ok.headers.location).includes(otp.value), 'never in the URL');

    const codeForm = await get(b, '/facility/login/code');
    assert.equal(codeForm.statusCode, 200);
    assert.match(codeForm.body, /autocomplete="one-time-code"/);
    const code = await latestCode(h.worker, h.capture, u.email);

    const shape = await post(b, '/facility/login/code', { _csrf: tokenIn(codeForm.body), code: '12a' });
    assert.equal(shape.statusCode, 422);
    assert.ok(shape.body.includes('確認コードはメールに書かれた6桁の数字で入力してください。'));
    const bad = await post(b, '/facility/login/code', { _csrf: tokenIn(codeForm.body), code: otherCode(code) });
    assert.equal(bad.statusCode, 401);
    assert.ok(bad.body.includes('確認コードが違います。あと4回まで入力できます。'), 'a malformed code was not counted');

    // full-width digits, as a Japanese keyboard may type them
    const wide = code.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const done = await post(b, '/facility/login/code', { _csrf: tokenIn(bad.body), code: wide });
    assert.equal(done.statusCode, 303, done.body);
    assert.equal(done.headers.location, '/facility');
    assert.ok(b.has('madoguchi_facility') && !b.has('madoguchi_facility_otp'), 'the session cookie, the challenge cookie cleared');

    const home = await get(b, '/facility');
    assert.equal(home.statusCode, 200);
    assert.ok(home.body.includes('ひまわり保育園'));
    assert.ok(home.body.includes('保育所'), 'the facility type');
    assert.ok(home.body.includes('今回が初めてのログインです'));
    for (const href of ['/facility/staff', '/facility/counts', '/facility/items', '/facility/claims', '/facility/account'])
      assert.ok(home.body.includes(`href="${href}"`), href);

    const account = await get(b, '/facility/account');
    assert.equal(account.statusCode, 200);
    assert.ok(account.body.includes(`${u.email.slice(0, 2)}***@example.jp`), 'the address masked');
    assert.ok(!account.body.includes(u.email), 'never the whole address');
    assert.ok(account.body.includes('保育施設課'));
    assert.ok(!/name="email"/.test(account.body), 'no field for the address');
    const refused = await post(b, '/facility/account', {
      _csrf: tokenIn(account.body),
      currentPassword: 'not mine at all',
      newPassword: 'copper river lantern 99',
    });
    assert.equal(refused.statusCode, 422);
    assert.match(refused.body, /<input[^>]*id="currentPassword"[^>]*aria-invalid="true"/);
    assert.ok(refused.body.includes('現在のパスワードが違います。'));
    assert.ok(!refused.body.includes('copper river lantern'), 'passwords are never echoed');

    // the portal's forms carry the session's token
    assert.equal((await post(b, '/facility/logout', {})).statusCode, 403);
    assert.equal(
      (await post(b, '/facility/account', { currentPassword: u.password, newPassword: 'copper river lantern 99' })).statusCode,
      403,
    );
    assert.equal((await get(b, '/facility')).statusCode, 200, 'still logged in');
    const out = await post(b, '/facility/logout', { _csrf: tokenIn(account.body) });
    assert.equal(out.statusCode, 303);
    assert.equal(out.headers.location, '/facility/login');
    assert.equal((await get(b, '/facility')).statusCode, 303);

    // the next log-in shows this one as the previous log-in, with its address
    clock.advance(3600_000);
    const b2 = new Browser(h.newIp());
    await passwordStep(b2, u.loginId, u.password);
    const code2 = await latestCode(h.worker, h.capture, u.email);
    const f2 = await get(b2, '/facility/login/code');
    assert.equal((await post(b2, '/facility/login/code', { _csrf: tokenIn(f2.body), code: code2 })).statusCode, 303);
    const home2 = await get(b2, '/facility');
    assert.ok(home2.body.includes(`2026/06/01 9:00（接続元 ${b.ip}）`), home2.body);
  });

  it('sends a browser without a log-in attempt back to step one, and ends a dead challenge there', async () => {
    const u = await h.newUser();
    const stranger = new Browser(h.newIp());
    const g = await get(stranger, '/facility/login/code');
    assert.equal(g.statusCode, 303);
    assert.equal(g.headers.location, '/facility/login');

    const b = new Browser(h.newIp());
    await passwordStep(b, u.loginId, u.password);
    const code = await latestCode(h.worker, h.capture, u.email);
    // another browser holding only the form token cannot use this browser's attempt
    const f0 = await get(stranger, '/facility/login');
    const foreign = await post(stranger, '/facility/login/code', { _csrf: tokenIn(f0.body), code });
    assert.equal(foreign.statusCode, 401);
    assert.ok(foreign.body.includes('href="/facility/login"'));

    let form = await get(b, '/facility/login/code');
    let wrong = code;
    for (let i = 0; i < 5; i++) {
      wrong = otherCode(wrong);
      form = await post(b, '/facility/login/code', { _csrf: tokenIn(form.body), code: wrong });
      assert.equal(form.statusCode, 401);
    }
    assert.ok(form.body.includes('この確認コードは使えません'), 'the fifth wrong code ends the attempt');
    assert.ok(!b.has('madoguchi_facility_otp'), 'and its cookie');
    assert.equal((await get(b, '/facility/login/code')).headers.location, '/facility/login');
  });

  it('escapes what a facility is called on the home page', async () => {
    const f = await insertTestFacility(h.app.ctx, { name: '<script>alert(1)</script>園' });
    const u = await insertTestFacilityUser(h.app.ctx, { facilityId: f.id });
    const s = await h.loggedIn(u);
    const r = await h.app.server.inject({ method: 'GET', url: '/facility', headers: { accept: 'text/html', cookie: s.cookie } });
    assert.equal(r.statusCode, 200);
    assert.ok(!r.body.includes('<script>alert(1)'));
    assert.ok(r.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;園'));
  });
});
