/**
 * The portal-only process (MADOGUCHI_FACILITY_PORTAL_ONLY=true, the DMZ process of docs/architecture.md):
 * the facility log-in and portal answer; staff, citizen, card-site and demo routes do not exist (404), and
 * no route outside the facility portal, its API and the process's own plumbing is registered at all.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { listAllRoutes } from '../../../http/server.js';

/** Routes every process serves that belong to no audience (probes, assets, problem pages, the API document). */
const PLUMBING = [
  /^\/healthz$/,
  /^\/readyz$/,
  /^\/metrics$/,
  /^\/assets\//,
  /^\/favicon\.ico$/,
  /^\/problems(\/|$)/,
  /^\/api\/openapi\.json$/,
  /^\/api\/docs/,
];

describe('the facility portal-only process', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ env: { MADOGUCHI_FACILITY_PORTAL_ONLY: 'true' } });
  });
  after(() => app.close());

  const status = async (method: 'GET' | 'POST', url: string, payload?: object) =>
    (await app.server.inject({ method, url, headers: { accept: method === 'GET' ? 'text/html' : 'application/json' }, payload }))
      .statusCode;

  it('serves the facility log-in page and API', async () => {
    assert.equal(app.ctx.config.facility.portalOnly, true);
    assert.equal(await status('GET', '/facility/login'), 200);
    assert.equal(await status('POST', '/api/v1/facility/session', { loginId: 'nobody-here', password: 'some password 1' }), 401);
    assert.equal(await status('POST', '/api/v1/facility/session/otp', { challengeId: 'x'.repeat(22), code: '123456' }), 401);
    assert.equal((await app.server.inject({ method: 'GET', url: '/api/v1/facility/session' })).statusCode, 401);
    assert.equal(await status('GET', '/facility'), 303, 'the portal home sends a visitor without a session to the log-in');
  });

  it('answers 404 for staff, citizen, card-site and demo routes', async () => {
    for (const [method, url, payload] of [
      ['GET', '/staff/login'],
      ['GET', '/staff'],
      ['POST', '/api/v1/staff/session', { loginId: 'demo-admin', password: 'demo-password-2026' }],
      ['GET', '/staff/facilities'],
      ['GET', '/api/v1/staff/facilities'],
      ['GET', '/reservations'],
      ['GET', '/apply'],
      ['GET', '/card'],
      ['POST', '/api/v1/card/session', { reservationId: 'ABC123456', password: '0101' }],
      ['GET', '/demo/mailbox'],
      ['GET', '/my'],
    ] as const)
      assert.equal(await status(method, url, payload), 404, `${method} ${url}`);
  });

  it('registers nothing but the facility portal, its API and the plumbing', () => {
    const urls = listAllRoutes(app.server).map((r) => r.url);
    assert.ok(urls.includes('/facility/login') && urls.includes('/api/v1/facility/session'), 'the collector sees the portal');
    const others = urls.filter(
      (u) => !/^\/facility(\/|$)/.test(u) && !/^\/api\/v1\/facility(\/|$)/.test(u) && !PLUMBING.some((p) => p.test(u)),
    );
    assert.deepEqual([...new Set(others)], []);
  });
});
