/**
 * GET /metrics: a strictly parsed Prometheus text exposition; requests counted by route pattern (an id
 * in a URL never becomes a label); the allow-list on the main port (refused clients get the plain 404);
 * METRICS_PORT moves it to a listener of its own; job queues, bookings and alerts read from the database.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { dbKind, startTestApp, type TestApp } from '../../../../test/helpers.js';
import { ManualClock } from '../../../platform/clock.js';
import { enqueue } from '../../../platform/jobs.js';
import { stopSmtpStandin } from '../../../platform/mailer.js';
import { makeService, person } from '../../reservations/testing.js';
import { expireCountsCache } from './read-database-counts.js';

type Sample = { name: string; labels: Record<string, string>; value: number };

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\["\\n])*)"(,|$)/y;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
/** Go's strconv.ParseFloat, which Prometheus uses: decimal or exponent floats, ±Inf and NaN in any case. */
const VALUE = /^([+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?|[+-]?inf|nan)$/i;

/**
 * A strict reader of text format 0.0.4: every line is HELP, TYPE or `name{labels} value`; each family's
 * TYPE comes once and before its samples; no series twice; histogram buckets cumulative, ending with
 * le="+Inf" equal to _count.
 */
function parseExposition(text: string): Sample[] {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a newline');
  const types = new Map<string, string>();
  const seen = new Set<string>();
  const samples: Sample[] = [];
  for (const [i, line] of text.slice(0, -1).split('\n').entries()) {
    const where = `line ${i + 1}: ${line}`;
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
      if (!m) {
        assert.ok(!/^# (HELP|TYPE)\b/.test(line), `malformed ${where}`);
        continue;
      }
      const [, kind, name, rest] = m as unknown as [string, string, string, string];
      assert.match(name, NAME, where);
      if (kind === 'TYPE') {
        assert.ok(TYPES.has(rest), `unknown type in ${where}`);
        assert.ok(!types.has(name), `TYPE twice for ${name}`);
        types.set(name, rest);
      }
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)( -?\d+)?$/.exec(line);
    assert.ok(m, `not a sample: ${where}`);
    const [, name, , body, raw] = m as unknown as [string, string, string | undefined, string | undefined, string];
    const labels: Record<string, string> = {};
    if (body) {
      LABEL.lastIndex = 0;
      while (LABEL.lastIndex < body.length) {
        const l = LABEL.exec(body);
        assert.ok(l, `bad labels in ${where}`);
        assert.ok(!((l[1] as string) in labels), `label twice in ${where}`);
        labels[l[1] as string] = (l[2] as string).replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
        if (l[3] === '') break;
      }
      assert.equal(LABEL.lastIndex, body.length, `trailing characters in the labels of ${where}`);
    }
    assert.match(raw, VALUE, `bad value in ${where}`);
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
    assert.ok(types.has(family), `sample before (or without) its TYPE: ${where}`);
    if (family !== name) assert.ok(['histogram', 'summary'].includes(types.get(family) as string), where);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    assert.ok(!seen.has(key), `series twice: ${where}`);
    seen.add(key);
    samples.push({ name, labels, value: /^[+-]?inf$/i.test(raw) ? (raw.startsWith('-') ? -Infinity : Infinity) : Number(raw) });
  }
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const series = new Map<string, Sample[]>();
    for (const s of samples.filter((x) => x.name === `${family}_bucket`)) {
      const { le, ...rest } = s.labels;
      const k = JSON.stringify(Object.entries(rest).sort());
      series.set(k, [...(series.get(k) ?? []), s]);
    }
    for (const [k, buckets] of series) {
      const les = buckets.map((b) => (b.labels.le === '+Inf' ? Infinity : Number(b.labels.le)));
      assert.deepEqual(
        les,
        [...les].sort((a, b) => a - b),
        `${family} buckets in order`,
      );
      assert.equal(les.at(-1), Infinity, `${family} ends with le="+Inf"`);
      for (let i = 1; i < buckets.length; i++)
        assert.ok((buckets[i] as Sample).value >= (buckets[i - 1] as Sample).value, `${family} buckets are cumulative`);
      const count = samples.find((s) => s.name === `${family}_count` && JSON.stringify(Object.entries(s.labels).sort()) === k);
      assert.equal(count?.value, buckets.at(-1)?.value, `${family}_count equals the +Inf bucket`);
    }
  }
  return samples;
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as net.AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

// Monday 30 Nov 2026, 09:00 Tokyo
const clock = new ManualClock('2026-11-30T09:00:00+09:00');

describe('GET /metrics on the main port', () => {
  let app: TestApp;
  const scrape = async () => {
    expireCountsCache(app.ctx);
    const r = await app.server.inject({ url: '/metrics' });
    assert.equal(r.statusCode, 200, r.body);
    return parseExposition(r.body);
  };
  before(async () => {
    // behind a proxy on this machine: the allow-list sees the client address the proxy forwarded
    app = await startTestApp({ clock, env: { TRUST_PROXY: '127.0.0.1/32' } });
  });
  after(async () => {
    await app.close();
    await stopSmtpStandin();
  });

  it('answers an allowed client in Prometheus text format 0.0.4 with process, pool and build metrics', async () => {
    const r = await app.server.inject({ url: '/metrics' });
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    const samples = parseExposition(r.body);
    assert.ok(value(samples, 'process_cpu_seconds_total') !== undefined, 'process metrics');
    assert.ok(value(samples, 'nodejs_heap_size_used_bytes') !== undefined, 'Node.js metrics');
    assert.equal(value(samples, 'madoguchi_build_info', { database: dbKind, node_version: process.versions.node }), 1);
    assert.match(samples.find((s) => s.name === 'madoguchi_build_info')?.labels.version ?? '', /^\d+\.\d+\.\d+/);
    assert.equal(value(samples, 'madoguchi_metrics_database_read_ok'), 1);
    if (dbKind === 'postgres') {
      assert.equal(value(samples, 'madoguchi_db_pool_max_connections'), app.ctx.config.databasePoolSize);
      assert.ok((value(samples, 'madoguchi_db_pool_connections') ?? 0) >= 1, 'the pool holds the connection the scrape used');
      assert.equal(value(samples, 'madoguchi_db_pool_waiting_requests'), 0);
    } else assert.ok(!samples.some((s) => s.name.startsWith('madoguchi_db_pool_')), 'PGlite has no pool');
  });

  it('counts requests by route pattern: a reservation number or an unknown address never becomes a label', async () => {
    const svc = await makeService(app.ctx, { capacity: 2 });
    const booked = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: { serviceId: svc.id, start: '2026-12-01T09:00:00+09:00', ...person(), fields: { topic: 'other' } },
    });
    assert.equal(booked.statusCode, 201, booked.body);
    const { reservationNumber, accessToken } = booked.json() as { reservationNumber: string; accessToken: string };
    const before = await scrape();
    const route = '/api/v1/reservations/:reservationNumber';
    const was = (code: string) => value(before, 'madoguchi_http_requests_total', { method: 'GET', route, status_code: code }) ?? 0;
    for (const token of [accessToken, accessToken, 'A'.repeat(22)])
      await app.server.inject({ url: `/api/v1/reservations/${reservationNumber}`, headers: { authorization: `Bearer ${token}` } });
    const unknown = `/no-such-page/${reservationNumber}x`;
    await app.server.inject({ url: unknown });
    const r = await app.server.inject({ url: '/metrics' });
    const after = parseExposition(r.body);
    assert.equal(value(after, 'madoguchi_http_requests_total', { method: 'GET', route, status_code: '200' }), was('200') + 2);
    assert.equal(value(after, 'madoguchi_http_requests_total', { method: 'GET', route, status_code: '404' }), was('404') + 1);
    assert.equal(
      value(after, 'madoguchi_http_request_duration_seconds_count', { method: 'GET', route, status_class: '2xx' }),
      was('200') + 2,
    );
    assert.equal(value(after, 'madoguchi_http_requests_total', { method: 'POST', route: '/api/v1/reservations', status_code: '201' }), 1);
    assert.ok((value(after, 'madoguchi_http_requests_total', { route: 'unmatched', status_code: '404' }) ?? 0) >= 1);
    assert.ok(!r.body.includes(reservationNumber), 'the reservation number appears nowhere in the exposition');
    assert.ok(!r.body.includes('/no-such-page'), 'nor the unknown address');
    assert.ok(!after.some((s) => s.labels.route === '/metrics'), 'scrapes are not counted');
  });

  it('refuses a client outside METRICS_ALLOWED_NETWORKS with the 404 of an unknown address', async () => {
    const outside = await app.server.inject({ url: '/metrics', remoteAddress: '203.0.113.7' });
    const unknown = await app.server.inject({ url: '/no-such-thing', remoteAddress: '203.0.113.7' });
    assert.equal(outside.statusCode, 404);
    assert.equal(outside.headers['content-type'], unknown.headers['content-type']);
    const { requestId: _a, ...refused } = outside.json() as Record<string, unknown>;
    const { requestId: _b, ...notFound } = unknown.json() as Record<string, unknown>;
    assert.deepEqual(refused, notFound);
    assert.ok(!outside.body.includes('madoguchi_'));
    assert.equal(
      (await app.server.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode,
      200,
      'IPv6 loopback is allowed by default',
    );
    const via = (remoteAddress: string, forwardedFor: string) =>
      app.server.inject({ url: '/metrics', remoteAddress, headers: { 'x-forwarded-for': forwardedFor } }).then((r) => r.statusCode);
    assert.equal(await via('127.0.0.1', '203.0.113.7'), 404, 'an outside client through the trusted proxy');
    assert.equal(await via('203.0.113.7', '127.0.0.1'), 404, 'a forwarded address from an untrusted peer is not believed');
  });

  it('shows job queue depth by state and the lag of the oldest due job; the counts are cached between scrapes', async () => {
    const now = clock.now().getTime();
    await enqueue(app.ctx.db, 'metrics-test', {}, { runAt: new Date(now - 90_000) });
    await enqueue(app.ctx.db, 'metrics-test', {}, { runAt: new Date(now - 30_000) });
    await enqueue(app.ctx.db, 'metrics-test', {}, { runAt: new Date(now + 3_600_000) });
    const dead = await enqueue(app.ctx.db, 'metrics-test', {}, { runAt: new Date(now - 600_000) });
    await app.ctx.db.query(`UPDATE jobs SET state = 'dead', attempts = max_attempts WHERE id = $1`, [dead]);
    const samples = await scrape();
    const jobs = (state: string) => value(samples, 'madoguchi_jobs', { queue: 'metrics-test', state });
    assert.deepEqual([jobs('due'), jobs('scheduled'), jobs('running'), jobs('dead')], [2, 1, 0, 1]);
    assert.equal(value(samples, 'madoguchi_job_oldest_due_lag_seconds', { queue: 'metrics-test' }), 90);

    await enqueue(app.ctx.db, 'metrics-test', {}, { runAt: new Date(now - 1_000) });
    const cached = parseExposition((await app.server.inject({ url: '/metrics' })).body);
    assert.equal(value(cached, 'madoguchi_jobs', { queue: 'metrics-test', state: 'due' }), 2, 'a scrape right after reads no database');
    assert.equal(value(await scrape(), 'madoguchi_jobs', { queue: 'metrics-test', state: 'due' }), 3, 'once the cache expired');

    await app.ctx.db.query(`DELETE FROM jobs WHERE queue = 'metrics-test'`);
    const emptied = await scrape();
    assert.equal(value(emptied, 'madoguchi_jobs', { queue: 'metrics-test', state: 'due' }), 0, 'an emptied queue drops to 0');
    assert.equal(value(emptied, 'madoguchi_job_oldest_due_lag_seconds', { queue: 'metrics-test' }), 0);
  });

  it('shows bookings from today on, applications and payments by state', async () => {
    const before = await scrape();
    const svc = await makeService(app.ctx, { capacity: 2 });
    const r = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: { serviceId: svc.id, start: '2026-12-02T10:00:00+09:00', ...person(), fields: { topic: 'other' } },
    });
    assert.equal(r.statusCode, 201, r.body);
    // a booking of a past day is history, not the book: not counted
    await app.ctx.db.query(`UPDATE rsv_reservations SET starts_at = starts_at - interval '30 days' WHERE reservation_number <> $1`, [
      (r.json() as { reservationNumber: string }).reservationNumber,
    ]);
    const after = await scrape();
    const booked = (s: Sample[]) => value(s, 'madoguchi_bookings', { kind: 'counter', state: 'booked' });
    assert.equal(booked(before), 1, 'the booking of the earlier test');
    assert.equal(booked(after), 1, 'the new booking, without the one moved into the past');
    assert.equal(value(after, 'madoguchi_bookings', { kind: 'counter', state: 'cancelled' }), 0);
    assert.equal(value(after, 'madoguchi_bookings', { kind: 'card', state: 'booked' }), 0);
    assert.equal(value(after, 'madoguchi_applications', { state: 'received' }), 0);
    assert.equal(value(after, 'madoguchi_payments', { state: 'paid' }), 0);
  });

  it('shows alerts by status and detector', async () => {
    const t = await app.ctx.db.query<{ present: boolean }>(`SELECT to_regclass('alerts') IS NOT NULL AS present`);
    if (!t.rows[0]?.present) {
      assert.ok(!(await scrape()).some((s) => s.name === 'madoguchi_alerts'), 'no alerts table yet: no alert series');
      return;
    }
    const at = clock.now();
    await app.ctx.db.query(
      `INSERT INTO alerts (detector, key, key_kind, status, count, first_seen_at, last_seen_at, opened_at, updated_at)
       VALUES ('staff_login_failures', '203.0.113.9', 'client', 'open', 25, $1, $1, $1, $1)`,
      [at],
    );
    const samples = await scrape();
    assert.equal(value(samples, 'madoguchi_alerts', { status: 'open', detector: 'staff_login_failures' }), 1);
    assert.equal(value(samples, 'madoguchi_alerts', { status: 'closed', detector: 'staff_login_failures' }), 0);
    assert.equal(value(samples, 'madoguchi_alerts', { status: 'open', detector: 'backup_failed' }), 0);
  });

  it('still answers when the database does not, saying the counts are old', async () => {
    const { db } = app.ctx;
    const query = db.query;
    db.query = async () => {
      throw new Error('connection refused (test)');
    };
    try {
      const samples = await scrape();
      assert.equal(value(samples, 'madoguchi_metrics_database_read_ok'), 0);
      assert.ok(value(samples, 'process_cpu_seconds_total') !== undefined);
      assert.equal(value(samples, 'madoguchi_bookings', { kind: 'counter', state: 'booked' }), 1, 'the last values read');
    } finally {
      db.query = query;
    }
    assert.equal(value(await scrape(), 'madoguchi_metrics_database_read_ok'), 1);
  });
});

describe('GET /metrics with METRICS_PORT', () => {
  let app: TestApp;
  let port: number;
  let closed = false;
  before(async () => {
    port = await freePort();
    app = await startTestApp({ listen: true, env: { METRICS_PORT: String(port) } });
  });
  after(async () => {
    if (!closed) await app.close();
  });

  it('serves on its own listener and not on the main port', async () => {
    let r: Response | undefined;
    // the listener opens once the web server listens (fastify's onListen runs just after listen resolves)
    for (let i = 0; i < 100 && !r; i++) {
      r = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => undefined);
      if (!r) await new Promise((done) => setTimeout(done, 20));
    }
    assert.ok(r, 'the metrics listener answers');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    const samples = parseExposition(await r.text());
    assert.equal(value(samples, 'madoguchi_build_info', { database: dbKind }), 1);
    assert.equal((await fetch(`${app.url}/metrics`)).status, 404, 'the main port has no /metrics');
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 404, 'the metrics port serves nothing else');
    assert.equal((await fetch(`http://127.0.0.1:${port}/metrics`, { method: 'POST' })).status, 404);
    const main = parseExposition(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
    assert.equal(
      value(main, 'madoguchi_http_requests_total', { route: 'unmatched', status_code: '404' }),
      1,
      'the request to the main port is counted',
    );
  });

  it('closes the listener with the app', async () => {
    closed = true;
    await app.close();
    const refused = await fetch(`http://127.0.0.1:${port}/metrics`).then(
      () => false,
      () => true,
    );
    assert.ok(refused, 'nothing listens on the metrics port after close');
  });
});
