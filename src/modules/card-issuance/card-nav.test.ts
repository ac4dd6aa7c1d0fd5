/**
 * The card-issuance entry of the staff navigation shows only to members of a card office (others
 * would get 404 behind it), from a set of department ids kept in memory and reloaded after a TTL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { DepartmentSet, cardOfficeDepartments, cardSiteDepartments } from './staff-office.js';

type Session = { cookie: string };

describe('card issuance in the staff navigation', () => {
  let app: TestApp;
  const login = async (loginId: string): Promise<Session> => {
    const r = await app.server.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { loginId, password: 'demo-password-2026' },
    });
    assert.equal(r.statusCode, 200, r.body);
    return { cookie: ([r.headers['set-cookie']].flat().filter(Boolean) as string[]).map((c) => c.split(';')[0]).join('; ') };
  };
  const page = (s: Session, url: string) => app.server.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
  const deptId = async (code: string) =>
    (await app.ctx.db.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [code])).rows[0]!.id;

  before(async () => {
    app = await startTestApp({ demo: true });
  });
  after(() => app.close());

  it('shows カード交付 to the card office’s staff only, on every staff page', async () => {
    const shimin = await login('demo-shimin');
    const fukushi = await login('demo-fukushi');
    const admin = await login('demo-admin');
    for (const url of ['/staff', '/staff/reservations']) {
      const own = await page(shimin, url);
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /<a href="\/staff\/card">カード交付<\/a>/, url);
      for (const other of [fukushi, admin]) {
        const r = await page(other, url);
        assert.equal(r.statusCode, 200);
        assert.doesNotMatch(r.body, /href="\/staff\/card"/, url);
      }
    }
    // What the entry would lead to: the same people get 404 there.
    assert.equal((await page(fukushi, '/staff/card')).statusCode, 404);
    assert.equal((await page(shimin, '/staff/card')).statusCode, 200);
  });

  it('loads the departments with a card office, and those with booking-site locations', async () => {
    const offices = cardOfficeDepartments(app.ctx);
    const sites = cardSiteDepartments(app.ctx);
    await Promise.all([offices.refresh(), sites.refresh()]);
    const [shimin, fukushi] = [await deptId('shimin'), await deptId('fukushi')];
    assert.equal(offices.hasAny([fukushi, shimin]), true);
    assert.equal(offices.hasAny([fukushi]), false);
    assert.equal(sites.hasAny([shimin]), true);
    assert.equal(sites.hasAny([fukushi]), false);
  });

  it('answers from the last load and reloads in the background once older than the TTL', async () => {
    let now = 0;
    let ids = ['a'];
    let loads = 0;
    let failing = false;
    const errors: unknown[] = [];
    const set = new DepartmentSet(
      async () => {
        loads++;
        if (failing) throw new Error('db down');
        return ids;
      },
      (e) => errors.push(e),
      1000,
      () => now,
    );
    assert.equal(set.hasAny(['a']), false, 'nothing before the first load');
    await set.refresh();
    assert.equal(set.hasAny(['a']), true);
    const before = loads;
    ids = ['b'];
    now = 900;
    assert.equal(set.hasAny(['b']), false, 'within the TTL: no reload');
    assert.equal(loads, before);
    now = 1500;
    assert.equal(set.hasAny(['b']), false, 'stale: answers from the last load …');
    await set.refresh(); // … and the background reload started above is the one awaited here
    assert.equal(loads, before + 1, 'one load for both');
    assert.equal(set.hasAny(['b']), true);
    assert.equal(set.hasAny(['a']), false);
    failing = true;
    now = 3000;
    set.hasAny(['b']);
    await new Promise((r) => setImmediate(r));
    assert.equal(errors.length, 1, 'a failed reload is reported');
    assert.equal(set.hasAny(['b']), true, 'and the last good set is kept');
  });
});
