/**
 * The benchmark's load generator and meters: autocannon (persistent connections, about 20 µs of client
 * CPU per request, against 0.7–0.9 ms for a `fetch` per attempt) and CPU time per process from /proc, so
 * every figure can be given per operation for the client, the server and the database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = path.dirname(fileURLToPath(import.meta.url));
const TICK_MS = 10; // USER_HZ 100

function statFields(pid: number): string[] | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
  } catch {
    return undefined;
  }
}

/** CPU ms a live process has used (user + system). */
export function processCpuMs(pid: number): number {
  const f = statFields(pid);
  return f ? (Number(f[11]) + Number(f[12])) * TICK_MS : 0;
}

/**
 * CPU ms of every PostgreSQL process on this machine: live processes, plus what the postmaster's reaped
 * children (ended backends) used. Read before and after a phase; the difference is the database's share.
 */
export function postgresCpuMs(): number {
  let sum = 0;
  for (const e of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    let comm = '';
    try {
      comm = fs.readFileSync(`/proc/${e}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    if (comm !== 'postgres' && comm !== 'postmaster') continue;
    const f = statFields(Number(e));
    if (!f) continue;
    sum += (Number(f[11]) + Number(f[12])) * TICK_MS;
    const parent = Number(f[1]);
    let parentComm = '';
    try {
      parentComm = fs.readFileSync(`/proc/${parent}/comm`, 'utf8').trim();
    } catch {
      // parent gone
    }
    if (parentComm !== 'postgres') sum += (Number(f[13]) + Number(f[14])) * TICK_MS; // the postmaster: reaped backends
  }
  return sum;
}

/** This process's CPU ms (the load generator runs here). */
export function selfCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export type Meter = { client: number; server: number; db: number };

/** Reads the three CPU counters; `since(m)` gives the CPU used since. */
export function meter(serverPids: readonly number[], withDb: boolean): { read(): Meter; since(m: Meter): Meter } {
  const read = (): Meter => ({
    client: selfCpuMs(),
    server: serverPids.reduce((a, p) => a + processCpuMs(p), 0),
    db: withDb ? postgresCpuMs() : 0,
  });
  return {
    read,
    since: (m) => {
      const n = read();
      return { client: n.client - m.client, server: n.server - m.server, db: n.db - m.db };
    },
  };
}

export type Child = { url: string; pid: number; stop(): Promise<void> };

/**
 * Starts a server process of this repository (bench/serve.ts or bench/reference-server.ts) with its
 * stdout (the request log at LOG_LEVEL=info) going to /dev/null, as a file would take it; it announces
 * itself on stderr.
 */
export function startChild(script: string, args: string[], env: Record<string, string>, nodeArgs: string[] = []): Promise<Child> {
  return new Promise((resolve, reject) => {
    const devnull = fs.openSync('/dev/null', 'w');
    const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(here, script), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', devnull, 'pipe'],
    });
    fs.closeSync(devnull);
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${script} did not start: ${err}`)), 90_000);
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /LISTENING (\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1] as string,
          pid: child.pid as number,
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
      reject(new Error(`${script} exited with ${code}: ${err}`));
    });
  });
}

export type LoadResult = {
  requests: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
  /** Responses with a 503 that carried Retry-After. */
  retryAfter503: number;
  timeouts: number;
  errors: number;
  /** Milliseconds from the start of the run to each response (bursts). */
  answeredAt: number[];
};

export type LoadOptions = {
  urls: readonly string[];
  /** Connections over all urls (split evenly). */
  connections: number;
  /** Run for this many seconds… */
  seconds?: number;
  /** …or send exactly this many requests in all. */
  amount?: number;
  timeoutSeconds?: number;
  method?: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  /** A request body per request (its number over the whole run). */
  body?: (n: number) => string;
  /** Called with each response's status and the request number's body's key (for per-slot counts). */
  onAnswer?: (status: number, n: number) => void;
};

let loadRuns = 0;

/** Runs autocannon against every url at once, summing the results. */
export async function load(o: LoadOptions): Promise<LoadResult> {
  const statuses: Record<string, number> = {};
  let retryAfter503 = 0;
  const answeredAt: number[] = [];
  let counter = 0;
  // the idempotency keys of one run: unique across runs, or a later run's bookings would replay or clash with an earlier one's
  const keyPrefix = `bench-${process.pid}-${++loadRuns}`;
  const started = performance.now();
  const per = Math.max(1, Math.floor(o.connections / o.urls.length));
  const runs = o.urls.map((url) => {
    const options: autocannon.Options = {
      url,
      connections: per,
      ...(o.amount ? { amount: Math.floor(o.amount / o.urls.length) } : { duration: o.seconds ?? 5 }),
      timeout: o.timeoutSeconds ?? 10,
      requests: [
        {
          method: o.method ?? 'GET',
          path: o.path,
          headers: { ...(o.headers ?? {}), ...(o.body ? { 'content-type': 'application/json' } : {}) },
          setupRequest: (req, context) => {
            const n = counter++;
            // one request at a time per connection (no pipelining): the connection's context names it
            (context as { n?: number }).n = n;
            if (!o.body) return req;
            return { ...req, body: o.body(n), headers: { ...req.headers, 'idempotency-key': `${keyPrefix}-${n}` } };
          },
          onResponse: (status, _body, context, headers) => {
            statuses[status] = (statuses[status] ?? 0) + 1;
            const h = headers as unknown as Record<string, string> | string[] | undefined;
            const has = Array.isArray(h)
              ? h.some((x, i) => i % 2 === 0 && String(x).toLowerCase() === 'retry-after')
              : Boolean(h && Object.keys(h).some((k) => k.toLowerCase() === 'retry-after'));
            if (status === 503 && has) retryAfter503++;
            answeredAt.push(performance.now() - started);
            const n = (context as { n?: number }).n;
            if (n !== undefined) o.onAnswer?.(status, n);
          },
        },
      ],
    };
    return new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(options, (err, result) => (err ? reject(err) : resolve(result)));
    });
  });
  const results = await Promise.all(runs);
  const seconds = (performance.now() - started) / 1000;
  const requests = results.reduce((a, r) => a + r.requests.total, 0);
  return {
    requests,
    seconds,
    perSecond: requests / seconds,
    // latency percentiles: the instance with most requests (the urls are alike)
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    statuses,
    retryAfter503,
    timeouts: results.reduce((a, r) => a + r.timeouts, 0),
    errors: results.reduce((a, r) => a + r.errors - r.timeouts, 0),
    answeredAt,
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
}

export const median = (values: number[]): number => percentile(values, 50);

/**
 * The ETag a revalidating client holds: fetched until two answers 600 ms apart agree. Right after bookings the
 * cached month may be served stale while it refreshes (stale-while-refresh), and revalidating with that ETag
 * would measure full answers, not 304s.
 */
export async function settledEtag(url: string): Promise<string> {
  let last = '';
  for (let i = 0; i < 20; i++) {
    const etag = (await fetch(url)).headers.get('etag') ?? '';
    if (etag && etag === last) return etag;
    last = etag;
    await new Promise((r) => setTimeout(r, 600));
  }
  return last;
}
