/**
 * Two contexts in one process share no state (issue 10, item 5): each has its own availability
 * cache, its own admission limiter and its own notice senders. A context runs the LINE notice
 * sender only when the LINE module is one of its modules — also for a worker started without a
 * server, as a worker-only process does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startApp, type App } from '../src/bootstrap.js';
import { startLineStandin, type LineStandin } from '../src/line-standin/standin.js';
import { newUserId } from '../src/line-standin/standin-state.js';
import { modulesFor } from '../src/modules/index.js';
import { bookSlot, getAvailability } from '../src/modules/reservations/index.js';
import { Admission } from '../src/modules/reservations/admission.js';
import { useAdmission } from '../src/modules/reservations/admission-instance.js';
import { makeService, person } from '../src/modules/reservations/testing.js';
import { ManualClock } from '../src/platform/clock.js';
import { JobWorker } from '../src/platform/jobs.js';
import { smtpStandin, stopSmtpStandin } from '../src/platform/mailer.js';
import type { Module } from '../src/platform/module.js';
import { createServerDatabase, migratedPgliteImage, serverUrl, testConfig } from './helpers.js';

const SECRET = 'context-line-channel-secret-0123456789';
const TOKEN = 'context-line-access-token';

type Ctx = App & { worker: JobWorker; drop(): Promise<void> };

/** An app on its own fresh database with the given modules (all of the default process's by default) and a worker over their jobs. */
async function startContext(env: Record<string, string>, clock: ManualClock, only?: (m: Module) => boolean): Promise<Ctx> {
  const serverDb = serverUrl ? await createServerDatabase(serverUrl, { migrated: true }) : undefined;
  const config = testConfig({ ...(serverDb ? { DATABASE_URL: serverDb.url } : {}), ...env });
  const modules = modulesFor(config).filter(only ?? (() => true));
  const app = await startApp(config, {
    clock,
    memory: true,
    pgliteImage: serverDb ? undefined : await migratedPgliteImage(),
    listen: false,
    worker: false,
    modules,
  });
  // a worker built only from the context, without the server: what `madoguchi worker` runs
  const worker = new JobWorker(
    app.ctx,
    modules.flatMap((m) => m.jobs ?? []),
  );
  return { ...app, worker, drop: async () => serverDb?.drop() };
}

describe('two contexts in one process', () => {
  const clock = new ManualClock('2026-12-01T00:00:00Z'); // Tue 1 Dec 09:00 JST
  let standin: LineStandin;
  let closeStandin: () => Promise<void>;
  let withLine: Ctx;
  let withoutLine: Ctx;

  before(async () => {
    const s = await startLineStandin({ channelSecret: SECRET, channelAccessToken: TOKEN, now: () => clock.now().getTime() });
    standin = s.standin;
    closeStandin = s.close;
    // both configured for LINE: only the module list differs
    const env = {
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
      LINE_LIFF_ID: '1650000003-CoNtExT',
      LINE_API_BASE_URL: s.url,
      LINE_API_DATA_BASE_URL: s.url,
    };
    withLine = await startContext(env, clock);
    withoutLine = await startContext(env, clock, (m) => m.name !== 'line');
    standin.webhookUrl = `${await withLine.server.listen({ port: 0, host: '127.0.0.1' })}/line/webhook`;
  });
  after(async () => {
    for (const c of [withLine, withoutLine]) {
      await c?.close();
      await c?.drop();
    }
    await closeStandin();
    await stopSmtpStandin();
  });

  it('does not serve one context the availability cached by the other', async () => {
    const svc = await makeService(withLine.ctx);
    const range = { from: '2026-12-01', to: '2026-12-31', now: clock.now() };
    const cached = await getAvailability(withLine.ctx, svc.id, range);
    assert.ok(cached && cached.slots.length > 0, 'the service has open slots in its own context');
    const api = (c: Ctx) =>
      c.server.inject({ method: 'GET', url: `/api/v1/services/${svc.id}/availability?from=2026-12-01&to=2026-12-07` });
    assert.equal((await api(withLine)).statusCode, 200); // its rendered answer is cached now too
    // the other context's database has no such service: neither its months nor its answer leak across
    assert.equal(await getAvailability(withoutLine.ctx, svc.id, range), undefined);
    assert.equal((await api(withoutLine)).statusCode, 404);
  });

  it('throttles bookings only in the context whose limiter is saturated', async () => {
    const book = async (c: Ctx) => {
      const svc = await makeService(c.ctx);
      return c.server.inject({
        method: 'POST',
        url: '/api/v1/reservations',
        payload: { serviceId: svc.id, start: '2026-12-03T10:00:00+09:00', ...person(), fields: { topic: 'other' } },
      });
    };
    const previous = useAdmission(withLine.ctx, new Admission(0, 0, 10));
    try {
      const refused = await book(withLine);
      assert.equal(refused.statusCode, 503, refused.body);
      assert.equal(refused.json().code, 'service_busy');
      const other = await book(withoutLine);
      assert.equal(other.statusCode, 201, other.body);
    } finally {
      useAdmission(withLine.ctx, previous);
    }
    assert.equal((await book(withLine)).statusCode, 201, 'the limiter given back admits again');
  });

  it('pushes the notice of a LINE booking by LINE only in the context that runs the LINE module; the other mails it', async () => {
    const userId = newUserId();
    await standin.act(userId, { type: 'follow' });
    await withLine.worker.drain();
    const mail = await smtpStandin();
    const notices = async (c: Ctx, i: number) => {
      const svc = await makeService(c.ctx);
      const email = `context-${i}@example.jp`;
      await bookSlot(c.ctx, {
        serviceId: svc.id,
        start: new Date('2026-12-03T01:00:00Z'),
        contact: { ...person(), email, fields: { topic: 'other' } },
        channel: 'line',
        lineUserId: userId,
      });
      const pushedBefore = standin.sentTo(userId).filter((r) => r.via === 'push').length;
      await c.worker.drain();
      return {
        pushed: standin.sentTo(userId).filter((r) => r.via === 'push').length - pushedBefore,
        mailed: mail.messages.filter((m) => m.to.includes(email)).length,
      };
    };
    assert.deepEqual(await notices(withoutLine, 1), { pushed: 0, mailed: 1 });
    assert.deepEqual(await notices(withLine, 2), { pushed: 1, mailed: 0 });
  });
});
