/**
 * The internal zone sits on an isolated network: an internal-zone process must never open an
 * outbound connection. Every socket connect and DNS lookup is recorded while the process starts,
 * seeds, serves staff pages, prints letters, exports a bundle, imports a booking file and runs all
 * of its jobs; only the database (when it is a server) may be reached.
 */
import assert from 'node:assert/strict';
import dns from 'node:dns';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { allJobs } from '../../bootstrap.js';
import { JobWorker } from '../../platform/jobs.js';
import { resolveCardOffice } from './internal/card-settings.js';
import { exportBundle } from './internal/export-bundle.js';

describe('internal zone: no outbound connection', () => {
  const attempts: string[] = [];
  const originalConnect = net.Socket.prototype.connect;
  const originalLookup = dns.lookup;
  let app: TestApp;
  let dbPort: string | undefined;

  before(async () => {
    net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
      const o = args[0];
      const where =
        typeof o === 'object' && o !== null
          ? `${(o as net.TcpNetConnectOpts).host ?? (o as net.IpcNetConnectOpts).path}:${(o as net.TcpNetConnectOpts).port ?? ''}`
          : `${String(args[1] ?? 'localhost')}:${String(o)}`;
      attempts.push(where);
      return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
    } as typeof net.Socket.prototype.connect;
    (dns as { lookup: unknown }).lookup = (...args: unknown[]) => {
      attempts.push(`dns:${String(args[0])}`);
      return (originalLookup as (...a: unknown[]) => void)(...args);
    };
    app = await startTestApp({ demo: true, env: { MADOGUCHI_CARD_ZONE: 'internal' } });
    dbPort = app.databaseUrl ? new URL(app.databaseUrl).port || '5432' : undefined;
  });
  after(async () => {
    net.Socket.prototype.connect = originalConnect;
    (dns as { lookup: unknown }).lookup = originalLookup;
    await app.close();
  });

  const outbound = () =>
    attempts.filter((a) => !(dbPort && a.endsWith(`:${dbPort}`)) && !(dbPort && /^dns:(127\.0\.0\.1|localhost)$/.test(a)));

  it('runs only the staff, audit, security and card modules: no citizen pages, reservations API or LINE webhook', async () => {
    for (const url of ['/', '/card', '/api/v1/services', '/my', '/liff/booking'])
      assert.equal((await app.server.inject({ method: 'GET', url, headers: { accept: 'text/html' } })).statusCode, 404, url);
    assert.equal((await app.server.inject({ method: 'POST', url: '/line/webhook', payload: {} })).statusCode, 404);
    assert.equal((await app.server.inject({ method: 'POST', url: '/api/v1/reservations', payload: {} })).statusCode, 404);
  });

  it('does its whole job without opening a connection to anything but its database', async () => {
    const login = await app.server.inject({
      method: 'POST',
      url: '/api/v1/staff/session',
      payload: { loginId: 'demo-shimin', password: 'demo-password-2026' },
    });
    assert.equal(login.statusCode, 200, login.body);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const csrf = login.json().csrfToken as string;
    for (const url of ['/staff/card', '/staff/card/deadlines', '/staff/card/destruction'])
      assert.equal((await app.server.inject({ method: 'GET', url, headers: { cookie, accept: 'text/html' } })).statusCode, 200, url);
    const letters = await app.server.inject({
      method: 'POST',
      url: '/staff/card/letters/preview',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `_csrf=${csrf}&mode=unprinted`,
    });
    assert.equal(letters.headers['content-type'], 'application/pdf', letters.body.slice(0, 3000));
    const settings = (await resolveCardOffice(app.ctx.db, 'shimin'))!;
    const bundle = await exportBundle(app.ctx, { settings, actor: { type: 'system', id: 'test', label: 'test' } });
    assert.ok(bundle.cards > 0);
    const worker = new JobWorker(app.ctx, allJobs(app.ctx.config));
    await worker.drain();
    assert.deepEqual(outbound(), []);
  });
});
