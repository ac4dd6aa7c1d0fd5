/**
 * `npm run bench` — reservations under load, through the HTTP API.
 *
 * On PostgreSQL (DATABASE_URL set): a scratch database, N separate server processes (default 2),
 * and pgbench's built-in simple-update on another scratch database of the same server as the
 * physical reference. Without DATABASE_URL: the embedded PGlite in this process (pgbench skipped).
 *
 * Each run measures, on fresh days of a test service:
 *   1. burst:    2,000 concurrent booking attempts over one day's slots (throughput, p50/p99);
 *   2. last seats: 2,000 concurrent attempts at the last 10 seats (exactly 10 must succeed);
 *   3. reads:    availability of a month, 64 concurrent readers for 3 s;
 *   4. rush:     200 readers loop on availability while 1,000 bookings arrive (errors, 503s);
 * and checks that no slot holds more bookings than its capacity. Medians of the runs are printed.
 *
 * Options: --runs 3  --processes 2  --attempts 2000  --pgbench-seconds 10
 */
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../src/config.js';
import { startApp, type App } from '../src/bootstrap.js';
import { openDb, type Db } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { addDays, jstIso, jstDate, jstInstant, timeOf } from '../src/platform/japan-time.js';
import { createServerDatabase } from '../test/helpers.js';
import {
  benchService,
  bookingRequest,
  median,
  overbookedSlots,
  percentile,
  request,
  serverEnv,
  startServerProcess,
  type ServerProcess,
  type Shot,
} from './support.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = opt('runs', 3);
const PROCESSES = opt('processes', 2);
const ATTEMPTS = opt('attempts', 2000);
const PGBENCH_SECONDS = opt('pgbench-seconds', 10);

const config = loadConfig();
const onPostgres = Boolean(config.databaseUrl);

type RunResult = {
  burstThroughput: number; // attempts per second
  burstBookingsPerSecond: number;
  burstP50: number;
  burstP99: number;
  burstBooked: number;
  burstErrors: number;
  burst503: number;
  lastSeatsWon: number;
  lastSeatsP99: number;
  readThroughput: number;
  readP50: number;
  readP99: number;
  rushReads: number;
  rushReadErrors: number;
  rushBooked: number;
  rush503: number;
  rushErrors: number;
  rushReadP99: number;
  overbooked: number;
};

async function main() {
  let db: Db;
  let bases: string[];
  let cleanup: () => Promise<void>;
  let scratch: { url: string; drop(): Promise<void> } | undefined;
  let servers: ServerProcess[] = [];
  let app: App | undefined;
  const t0 = Date.now();
  if (onPostgres) {
    scratch = await createServerDatabase(config.databaseUrl as string);
    db = await openDb({ url: scratch.url, poolSize: 4 });
    await migrate(db);
    const env = serverEnv(scratch.url, config.databasePoolSize);
    servers = await Promise.all(Array.from({ length: PROCESSES }, () => startServerProcess(env)));
    bases = servers.map((s) => s.url);
    cleanup = async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await db.close();
      await scratch!.drop();
    };
  } else {
    const c = loadConfig(
      { MADOGUCHI_ENV: 'test', LOG_LEVEL: 'silent', RUN_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '1000000' },
      { testHarness: true },
    );
    app = await startApp(c, { memory: true, listen: false, worker: false });
    bases = [await app.server.listen({ port: 0, host: '127.0.0.1' })];
    db = app.ctx.db;
    cleanup = async () => app!.close();
  }
  console.log(
    `madoguchi reservations benchmark — ${onPostgres ? `PostgreSQL, ${PROCESSES} server process(es), pool ${config.databasePoolSize} each` : 'embedded PGlite (in this process)'}; ${RUNS} runs; setup ${Date.now() - t0} ms`,
  );

  // 48 slots of 15 minutes a day; 50 seats each for the burst (2,400 seats ≥ 2,000 attempts)
  const wide = await db.transaction((tx) => benchService(tx, { capacity: 50, durationMinutes: 15, code: 'bench' }));
  const narrow = await db.transaction((tx) => benchService(tx, { capacity: 10, durationMinutes: 15, code: 'bench' }));
  const today = jstDate(new Date());
  const slotStarts = (day: string) => Array.from({ length: 48 }, (_, i) => jstIso(jstInstant(day, timeOf(8 * 60 + i * 15))));
  const base = (i: number) => bases[i % bases.length] as string;

  const results: RunResult[] = [];
  for (let run = 0; run < RUNS; run++) {
    const day = addDays(today, 2 + run * 3);
    // warm-up: connections, JIT, caches
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => request(`${base(i)}/api/v1/services/${wide}/availability?from=${day}&to=${day}`)),
    );

    // 1. burst over the day's slots
    const starts = slotStarts(day);
    let t = performance.now();
    const burst = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) => bookingRequest(base(i), wide, starts[i % starts.length] as string, run * 100000 + i)),
    );
    const burstSeconds = (performance.now() - t) / 1000;
    const burstBooked = burst.filter((s) => s.status === 201).length;

    // 2. the last 10 seats of one slot
    const lastStart = slotStarts(addDays(day, 1))[20] as string;
    t = performance.now();
    const last = await Promise.all(
      Array.from({ length: ATTEMPTS }, (_, i) => bookingRequest(base(i), narrow, lastStart, run * 100000 + 50000 + i)),
    );
    const lastWon = last.filter((s) => s.status === 201).length;

    // 3. availability reads: a month, 64 concurrent readers for 3 s
    const month = `${day.slice(0, 7)}`;
    const readUrl = (i: number) => `${base(i)}/api/v1/services/${wide}/availability?from=${month}-01&to=${addDays(`${month}-01`, 30)}`;
    const reads: Shot[] = [];
    const until = performance.now() + 3000;
    t = performance.now();
    await Promise.all(
      Array.from({ length: 64 }, async (_, i) => {
        while (performance.now() < until) reads.push(await request(readUrl(i)));
      }),
    );
    const readSeconds = (performance.now() - t) / 1000;

    // 4. opening rush: readers loop while bookings arrive on a fresh day
    const rushDay = addDays(day, 2);
    const rushStarts = slotStarts(rushDay);
    const rushReads: Shot[] = [];
    let rushing = true;
    const readers = Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        while (rushing) rushReads.push(await request(`${base(i)}/api/v1/services/${wide}/availability?from=${rushDay}&to=${rushDay}`));
      }),
    );
    const rushBookings = await Promise.all(
      Array.from({ length: ATTEMPTS / 2 }, (_, i) =>
        bookingRequest(base(i), wide, rushStarts[i % rushStarts.length] as string, run * 100000 + 80000 + i),
      ),
    );
    rushing = false;
    await readers;

    const overbooked = (await overbookedSlots(db, wide)) + (await overbookedSlots(db, narrow));
    const r: RunResult = {
      burstThroughput: ATTEMPTS / burstSeconds,
      burstBookingsPerSecond: burstBooked / burstSeconds,
      burstP50: percentile(
        burst.map((s) => s.ms),
        50,
      ),
      burstP99: percentile(
        burst.map((s) => s.ms),
        99,
      ),
      burstBooked,
      burstErrors: burst.filter((s) => ![201, 409, 503].includes(s.status)).length,
      burst503: burst.filter((s) => s.status === 503).length,
      lastSeatsWon: lastWon,
      lastSeatsP99: percentile(
        last.map((s) => s.ms),
        99,
      ),
      readThroughput: reads.length / readSeconds,
      readP50: percentile(
        reads.map((s) => s.ms),
        50,
      ),
      readP99: percentile(
        reads.map((s) => s.ms),
        99,
      ),
      rushReads: rushReads.length,
      rushReadErrors: rushReads.filter((s) => s.status !== 200).length,
      rushBooked: rushBookings.filter((s) => s.status === 201).length,
      rush503: rushBookings.filter((s) => s.status === 503).length + rushReads.filter((s) => s.status === 503).length,
      rushErrors: rushBookings.filter((s) => ![201, 409, 503].includes(s.status)).length,
      rushReadP99: percentile(
        rushReads.map((s) => s.ms),
        99,
      ),
      overbooked,
    };
    results.push(r);
    console.log(
      `run ${run + 1}: burst ${r.burstThroughput.toFixed(0)} attempts/s (${r.burstBooked} booked, p50 ${r.burstP50.toFixed(0)} ms, p99 ${r.burstP99.toFixed(0)} ms, ${r.burst503} × 503, ${r.burstErrors} errors); ` +
        `last 10 seats: ${r.lastSeatsWon} won; reads ${r.readThroughput.toFixed(0)}/s (p99 ${r.readP99.toFixed(1)} ms); ` +
        `rush: ${r.rushBooked} booked, ${r.rush503} × 503, ${r.rushErrors + r.rushReadErrors} errors, ${r.rushReads} reads (p99 ${r.rushReadP99.toFixed(0)} ms); overbooked slots ${r.overbooked}`,
    );
  }

  let pgbenchTps: number | undefined;
  let pgbenchNote = 'skipped: PGlite is embedded (no server for pgbench)';
  if (onPostgres) {
    const pgScratch = await createServerDatabase(config.databaseUrl as string);
    try {
      execFileSync('pgbench', ['-i', '-q', '-s', '10', pgScratch.url], { stdio: 'pipe' });
      const tps: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const out = execFileSync('pgbench', ['-b', 'simple-update', '-c', '16', '-j', '2', '-T', String(PGBENCH_SECONDS), pgScratch.url], {
          stdio: 'pipe',
        }).toString();
        const m = /tps = ([\d.]+)/.exec(out);
        if (m) tps.push(Number(m[1]));
      }
      pgbenchTps = median(tps);
      pgbenchNote = `pgbench -b simple-update -c 16 -j 2 -T ${PGBENCH_SECONDS}: ${tps.map((x) => x.toFixed(0)).join(', ')} tps`;
    } catch (err) {
      pgbenchNote = `pgbench failed: ${(err as Error).message.split('\n')[0]}`;
    } finally {
      await pgScratch.drop();
    }
  }

  const m = (k: keyof RunResult) => median(results.map((r) => r[k]));
  const overbookedTotal = results.reduce((n, r) => n + r.overbooked, 0);
  console.log('');
  console.log(`Medians of ${RUNS} runs (${onPostgres ? 'PostgreSQL' : 'PGlite'}):`);
  console.log(
    `  booking burst (${ATTEMPTS} concurrent attempts over 48 slots): ${m('burstThroughput').toFixed(0)} attempts/s, ${m('burstBookingsPerSecond').toFixed(0)} bookings/s; p50 ${m('burstP50').toFixed(0)} ms, p99 ${m('burstP99').toFixed(0)} ms; ${m('burst503')} × 503, ${m('burstErrors')} errors`,
  );
  console.log(
    `  last 10 seats (${ATTEMPTS} concurrent attempts): ${m('lastSeatsWon')} won (must be 10); p99 ${m('lastSeatsP99').toFixed(0)} ms`,
  );
  console.log(
    `  availability reads (a month, 64 readers): ${m('readThroughput').toFixed(0)} req/s; p50 ${m('readP50').toFixed(1)} ms, p99 ${m('readP99').toFixed(1)} ms`,
  );
  console.log(
    `  opening rush (200 readers + ${ATTEMPTS / 2} bookings): ${m('rushBooked')} booked, ${m('rush503')} × 503 (Retry-After), ${m('rushErrors') + m('rushReadErrors')} errors, read p99 ${m('rushReadP99').toFixed(0)} ms`,
  );
  console.log(`  overbooked slots: ${overbookedTotal} (all runs; must be 0)`);
  if (pgbenchTps)
    console.log(
      `  pgbench reference: ${pgbenchTps.toFixed(0)} tps (${pgbenchNote}); booking attempts / pgbench = ${(m('burstThroughput') / pgbenchTps).toFixed(2)}`,
    );
  else console.log(`  pgbench reference: ${pgbenchNote}`);
  await cleanup();
  if (overbookedTotal > 0 || results.some((r) => r.lastSeatsWon !== 10)) {
    console.error('FAILED: capacity exceeded or wrong number of last seats taken');
    process.exit(1);
  }
  process.exit(0);
}

void main();
