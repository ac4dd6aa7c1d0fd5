/**
 * Read shedding: over the in-flight cap, or with the event loop lagging, a sheddable read is answered
 * 503 + Retry-After at once (problem+json for the API, the Japanese error page for a browser); other
 * routes are not affected, and the process admits reads again once it has caught up.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import { serverUrl, startTestApp, type TestApp } from '../../test/helpers.js';
import { makeService, person } from '../modules/reservations/testing.js';
import { ManualClock } from '../platform/clock.js';
import type { AppError } from './errors.js';
import { installReadShedding, ReadShedder } from './read-shedding.js';

const blockEventLoop = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy: this is the overload being simulated
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sustained overload: the event loop blocked 250 ms out of every 300 until stopped. */
function overload(): () => void {
  const timer = setInterval(() => blockEventLoop(250), 300);
  blockEventLoop(250);
  return () => clearInterval(timer);
}

describe('read shedding', () => {
  it('caps reads in flight; other routes pass; a released place admits again', async () => {
    const app = Fastify();
    installReadShedding(app, { maxInFlight: 2, maxLagMs: 0 });
    let open!: () => void;
    const gate = new Promise<void>((r) => {
      open = r;
    });
    app.setErrorHandler((err: AppError, _req, reply) => {
      if (err.extra.retryAfterSeconds) reply.header('Retry-After', String(err.extra.retryAfterSeconds));
      return reply.code(err.status).send({ code: err.code });
    });
    app.get('/read', { config: { shed: 'read' } }, async () => {
      await gate;
      return { ok: true };
    });
    app.get('/other', async () => ({ ok: true }));
    const waiting = [app.inject('/read'), app.inject('/read')];
    await sleep(20);
    const third = await app.inject('/read');
    assert.equal(third.statusCode, 503);
    assert.equal(third.headers['retry-after'], '2');
    assert.equal(third.json().code, 'service_busy');
    assert.equal((await app.inject('/other')).statusCode, 200);
    open();
    assert.deepEqual(
      (await Promise.all(waiting)).map((r) => r.statusCode),
      [200, 200],
    );
    assert.equal((await app.inject('/read')).statusCode, 200);
    await app.close();
  });

  it('sheds while the event loop lags and admits again once it caught up', async () => {
    const shedder = new ReadShedder({ maxInFlight: 100, maxLagMs: 100 });
    await sleep(300); // the process-wide monitor samples from its first tick on
    blockEventLoop(400);
    let refused = false;
    for (let i = 0; i < 20 && !refused; i++) {
      await sleep(50);
      try {
        shedder.admit();
        shedder.done();
      } catch {
        refused = true;
      }
    }
    assert.equal(refused, true, 'a 400 ms stall must shed reads');
    let admitted = false;
    for (let i = 0; i < 40 && !admitted; i++) {
      await sleep(50);
      try {
        shedder.admit();
        shedder.done();
        admitted = true;
      } catch {
        // still in the lagging window
      }
    }
    assert.equal(admitted, true);
    assert.ok(shedder.stats().shed >= 1);
  });

  describe('in the app', () => {
    let app: TestApp;
    let svc: { id: string };
    before(async () => {
      app = await startTestApp({ env: { READ_SHED_LAG_MS: '100' }, clock: new ManualClock('2026-11-30T09:00:00+09:00') });
      svc = await makeService(app.ctx, { capacity: 2 });
    });
    after(() => app.close());

    it('a browser gets the Japanese busy page with Retry-After; the API a problem', async () => {
      let stop = overload();
      let page: Awaited<ReturnType<typeof app.server.inject>> | undefined;
      for (let i = 0; i < 20; i++) {
        await sleep(30);
        const r = await app.server.inject({ method: 'GET', url: `/services/${svc.id}`, headers: { accept: 'text/html' } });
        if (r.statusCode === 503) {
          page = r;
          break;
        }
      }
      stop();
      assert.ok(page, 'the calendar page was shed');
      assert.equal(page.headers['retry-after'], '2');
      assert.match(String(page.headers['content-type']), /text\/html/);
      assert.match(page.body, /lang="ja"/);
      assert.match(page.body, /混み合って/);
      stop = overload();
      let api: Awaited<ReturnType<typeof app.server.inject>> | undefined;
      for (let i = 0; i < 20; i++) {
        await sleep(30);
        const r = await app.server.inject({ method: 'GET', url: `/api/v1/services/${svc.id}/availability?from=2026-12-01&to=2026-12-01` });
        if (r.statusCode === 503) {
          api = r;
          break;
        }
      }
      stop();
      assert.ok(api, 'the availability API was shed');
      assert.equal(api.json().code, 'service_busy');
      assert.equal(api.headers['retry-after'], '2');
    });

    it('on the embedded database, a booking is refused at once too while the event loop lags', {
      skip: Boolean(serverUrl) && 'PostgreSQL: bookings queue on the pool instead',
    }, async () => {
      const stop = overload();
      let busy: Awaited<ReturnType<typeof app.server.inject>> | undefined;
      const seen: number[] = [];
      for (let i = 0; i < 20 && !busy; i++) {
        await sleep(30);
        const r = await app.server.inject({
          method: 'POST',
          url: '/api/v1/reservations',
          payload: { serviceId: svc.id, start: '2026-12-01T10:00:00+09:00', ...person(i), fields: { topic: 'other' } },
        });
        seen.push(r.statusCode);
        if (r.statusCode === 503) busy = r;
      }
      stop();
      assert.ok(busy, `a booking was refused with 503 (answers: ${seen.join(', ')})`);
      assert.equal(busy.json().code, 'service_busy');
      assert.ok(Number(busy.headers['retry-after']) >= 1);
    });
  });
});
