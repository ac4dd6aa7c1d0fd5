/**
 * The staff navigation belongs to the app: each module registers the entries for the pages it
 * serves. In every card zone, every role sees only links its process answers: each nav link (and
 * the user menu's) opens with 200 — an internal-zone process, which has no reservations module,
 * shows no 予約 entry (it used to, and the link answered 404).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from './helpers.js';
import { makeStaff, TEST_PASSWORD } from '../src/modules/staff/test-support.js';

const DEMO_PASSWORD = 'demo-password-2026';

// sys-admin; dept-admin without a card office; staff without one; the card office's dept-admin and staff.
const PEOPLE: { loginId: string; password: string }[] = [
  { loginId: 'demo-admin', password: DEMO_PASSWORD },
  { loginId: 'demo-fukushi', password: DEMO_PASSWORD },
  { loginId: 'demo-seikatsu', password: DEMO_PASSWORD },
  { loginId: 'demo-shimin', password: DEMO_PASSWORD },
  { loginId: 'nav-shimin-staff', password: TEST_PASSWORD },
];

const navLinks = (body: string): string[] => {
  const menus = [
    ...body.matchAll(/<nav aria-label="(?:職員メニュー|Staff menu)">([\s\S]*?)<\/nav>|<details class="user-menu">([\s\S]*?)<\/details>/g),
  ];
  return menus.flatMap((m) => [...(m[1] ?? m[2] ?? '').matchAll(/<a href="([^"]+)"/g)].map((a) => a[1]!));
};

for (const zone of ['internal', 'internet', 'both'] as const) {
  describe(`staff navigation in a ${zone}-zone process`, () => {
    let app: TestApp;
    const cookieOf = async (loginId: string, password: string) => {
      const r = await app.server.inject({ method: 'POST', url: '/api/v1/staff/session', payload: { loginId, password } });
      assert.equal(r.statusCode, 200, `${loginId}: ${r.body}`);
      return ([r.headers['set-cookie']].flat().filter(Boolean) as string[]).map((c) => c.split(';')[0]).join('; ');
    };

    before(async () => {
      app = await startTestApp({ demo: true, env: { MADOGUCHI_CARD_ZONE: zone } });
      await makeStaff(app, { loginId: 'nav-shimin-staff', dept: 'shimin' });
    });
    after(() => app.close());

    const seen = new Set<string>();
    for (const person of PEOPLE)
      it(`every link ${person.loginId} sees answers (no 404 or 403)`, async () => {
        const cookie = await cookieOf(person.loginId, person.password);
        const home = await app.server.inject({ method: 'GET', url: '/staff', headers: { cookie } });
        assert.equal(home.statusCode, 200);
        const links = navLinks(home.body);
        assert.ok(links.includes('/staff'), 'the menu is rendered');
        for (const href of links) {
          seen.add(href);
          const r = await app.server.inject({ method: 'GET', url: href, headers: { cookie } });
          assert.equal(r.statusCode, 200, `${person.loginId} → ${href} answered ${r.statusCode}`);
        }
      });

    it('links exactly the modules this process serves', () => {
      assert.equal(seen.has('/staff/reservations'), zone !== 'internal', '予約');
      assert.equal(seen.has('/staff/reservation-services'), zone !== 'internal', '予約窓口の設定');
      assert.equal(seen.has('/staff/card'), zone !== 'internet', 'カード交付');
      for (const href of ['/staff/accounts', '/staff/audit', '/staff/departments', '/staff/security-events'])
        assert.ok(seen.has(href), href);
    });
  });
}
