/** Shared by the benchmark and the multi-process test: server processes, a service, HTTP bursts. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSecretValues } from '../src/platform/secrets.js';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { createContext } from '../src/bootstrap.js';
import type { Config } from '../src/config.js';
import type { AppContext } from '../src/platform/context.js';
import type { Queryable } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { insertService } from '../src/modules/reservations/manage-services.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export type ServerProcess = { url: string; child: ChildProcess; stop(): Promise<void> };

/** Environment for server processes sharing one database (same keys, no rate limit, no worker). */
export function serverEnv(databaseUrl: string, poolSize = 16): Record<string, string> {
  return {
    ...generateSecretValues('bench-'),
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: String(poolSize),
    MADOGUCHI_ENV: 'test',
    LOG_LEVEL: 'silent',
    RUN_WORKER: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
}

/**
 * What production requires beyond the secrets (config.ts), pointing nowhere reachable: the benchmark runs its web
 * processes as production does. MADOGUCHI_ENV=test would also check every answer against its declared schema
 * (11 % of a day read's CPU) and turn delay-based shedding off.
 */
export function productionEnv(): Record<string, string> {
  const audit = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-bench-audit-'));
  return {
    MADOGUCHI_ENV: 'production',
    PUBLIC_BASE_URL: 'https://madoguchi.example.jp',
    SMTP_URL: 'smtp://127.0.0.1:9',
    MAIL_FROM: '架空市 予約窓口 <yoyaku@city.example.jp>',
    AUDIT_CHECKPOINT_DIR: audit,
    SECURITY_ALERT_MAIL_TO: 'security@city.example.jp',
    BACKUP_SCHEDULE: 'false',
    PRIVACY_BUNDLE_SCHEDULE: 'false',
  };
}

export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'serve.ts')], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1] as string,
          child,
          stop: () =>
            new Promise<void>((r) => {
              if (child.exitCode !== null) return r();
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}: ${out}`));
    });
  });
}

/** A department and a service open every day 08:00–20:00 (no holiday closures) for load tests. */
export async function benchService(q: Queryable, o: { capacity: number; durationMinutes: number; code: string }): Promise<string> {
  await q.query('INSERT INTO departments (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [o.code, 'ベンチマーク課']);
  const dept = (await q.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [o.code])).rows[0]!.id;
  return insertService(
    q,
    dept,
    {
      kind: 'counter',
      name: `ベンチ窓口 ${o.capacity}`,
      nameEn: null,
      description: '',
      place: '本庁舎',
      durationMinutes: o.durationMinutes,
      capacity: o.capacity,
      opensDaysAhead: 365,
      bookUntilMinutes: 0,
      changeUntilMinutes: 0,
      closedOnNationalHolidays: false,
      closedYearEnd: false,
      reminderDaysBefore: 1,
      reminderTime: '10:00',
      remindersEnabled: false,
      retentionDays: 90,
      isActive: true,
    },
    [],
    [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
  );
}

export type Shot = { status: number; ms: number; retryAfter?: string };

export async function request(url: string, init?: RequestInit): Promise<Shot> {
  const t = performance.now();
  try {
    const r = await fetch(url, init);
    await r.arrayBuffer();
    return { status: r.status, ms: performance.now() - t, retryAfter: r.headers.get('retry-after') ?? undefined };
  } catch {
    return { status: 0, ms: performance.now() - t };
  }
}

export function bookingRequest(base: string, serviceId: string, start: string, i: number): Promise<Shot> {
  return request(`${base}/api/v1/reservations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${start}-${i}-${Math.random().toString(36).slice(2)}` },
    body: JSON.stringify({ serviceId, start, name: `負荷 試験${i}`, phone: `090${String(10000000 + i).slice(-8)}` }),
  });
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Slots whose active bookings exceed the slot's capacity (must always be 0). */
export async function overbookedSlots(q: Queryable, serviceId: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT s.id FROM rsv_slots s LEFT JOIN rsv_reservations r ON r.slot_id = s.id AND r.status <> 'cancelled'
       WHERE s.service_id = $1 GROUP BY s.id, s.capacity, s.booked HAVING count(r.id) > s.capacity OR count(r.id) <> s.booked) x`,
    [serviceId],
  );
  return r.rows[0]!.n;
}

export type BenchDb = { ctx: AppContext; name?: string; drop(): Promise<void> };

/** Statements sent to the database (BEGIN and COMMIT counted as one each). */
let statements = 0;

/** Statements counted so far in this process (take the difference around what is measured). */
export const statementsSoFar = (): number => statements;

function countStatements(ctx: AppContext): void {
  const db = ctx.db;
  const query = db.query.bind(db);
  const transaction = db.transaction.bind(db);
  const counted = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      statements++;
      return q.query(sql, params);
    },
    exec: (sql) => q.exec(sql),
  });
  db.query = ((sql: string, params?: readonly unknown[]) => {
    statements++;
    return query(sql, params);
  }) as Queryable['query'];
  db.transaction = ((fn, options) => {
    statements += 2;
    return transaction((tx) => fn(counted(tx)), options);
  }) as typeof db.transaction;
}

/** A migrated database of its own (PostgreSQL when `base.databaseUrl` is set, else in-memory PGlite), its statements counted. */
export async function freshBenchDb(base: Config): Promise<BenchDb> {
  if (!base.databaseUrl) {
    const ctx = await createContext(base, { memory: true });
    await migrate(ctx.db);
    countStatements(ctx);
    return { ctx, drop: () => ctx.db.close() };
  }
  const name = `madoguchi_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base.databaseUrl);
  u.pathname = `/${name}`;
  const ctx = await createContext({ ...base, databaseUrl: u.toString() }, { memory: true });
  await migrate(ctx.db);
  countStatements(ctx);
  return {
    ctx,
    name,
    async drop() {
      await ctx.db.close();
      const c = new pg.Client({ connectionString: base.databaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** CPU ms of the database's backends serving `name` (PostgreSQL on this machine; 0 when unreadable). */
export async function dbCpuMs(base: Config, db: BenchDb): Promise<number> {
  if (!db.name || !base.databaseUrl) return 0;
  const c = new pg.Client({ connectionString: base.databaseUrl });
  await c.connect();
  const r = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [db.name]);
  await c.end();
  const tick = 10; // ms per clock tick (USER_HZ 100)
  let sum = 0;
  for (const { pid } of r.rows) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      sum += (Number(f[11]) + Number(f[12])) * tick;
    } catch {
      // the backend ended (or /proc is not ours to read): its time is not counted
    }
  }
  return sum;
}
