/**
 * `npm run bench:profile` — where one web process spends its CPU under each kind of load the benchmark
 * applies (PostgreSQL: DATABASE_URL), from V8's sampling profiler (--cpu-prof): steady bookings, day reads,
 * month reads revalidated (304) and a fastify hello world for comparison. Prints, per kind, CPU per request,
 * the share of self time by where the code lives (madoguchi's src/, each npm package, Node's internals,
 * garbage collection) and the heaviest functions; writes the profiles to .test-artifacts/bench/profiles/
 * (open them in Chrome DevTools' Performance panel).
 *
 * Options: --seconds 6
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { addDays, jstDate, jstInstant, jstIso, timeOf } from '../src/platform/japan-time.js';
import { openDb } from '../src/platform/db.js';
import { migrate } from '../src/platform/migrate.js';
import { generateSecretValues } from '../src/platform/secrets.js';
import { createServerDatabase } from '../test/helpers.js';
import { load, processCpuMs, settledEtag, startChild } from './load.js';
import { benchService, productionEnv } from './support.js';

const args = process.argv.slice(2);
const SECONDS = Number(args[args.indexOf('--seconds') + 1] || 0) || 6;
const OUT = path.join('.test-artifacts', 'bench', 'profiles');

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[] };

/** Where a frame's code lives: src/<file>, an npm package, node:internal, or V8's pseudo-frames. */
function placeOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  if (url.startsWith('node:')) return 'node:internals';
  const src = /\/(src|bench)\/(.+)$/.exec(url);
  if (src) return `${src[1]}/${src[2]}`;
  return url;
}

function summarise(file: string, requests: number, cpuMs: number) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const total = p.samples.length;
  const byPlace = new Map<string, number>();
  const byFn = new Map<string, number>();
  for (const n of p.nodes) {
    const hits = n.hitCount ?? 0;
    if (!hits || n.callFrame.functionName === '(idle)') continue;
    const place = placeOf(n.callFrame.url, n.callFrame.functionName);
    const madoguchi = place.startsWith('src/') ? 'src/ (madoguchi)' : place;
    byPlace.set(madoguchi, (byPlace.get(madoguchi) ?? 0) + hits);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${place}${n.callFrame.url ? `:${n.callFrame.lineNumber + 1}` : ''}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + hits);
  }
  const idle = p.nodes.filter((n) => n.callFrame.functionName === '(idle)').reduce((a, n) => a + (n.hitCount ?? 0), 0);
  const busy = total - idle;
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, hits]) => `      ${((hits / busy) * 100).toFixed(1).padStart(5)} %  ${name}`)
      .join('\n');
  return {
    text:
      `    ${requests} requests, ${((cpuMs * 1000) / Math.max(1, requests)).toFixed(1)} µs of process CPU each; busy samples ${busy} of ${total}\n` +
      `    self time by place:\n${top(byPlace, 12)}\n    heaviest functions (self):\n${top(byFn, 15)}`,
  };
}

async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) throw new Error('bench:profile runs on PostgreSQL: set DATABASE_URL');
  fs.mkdirSync(OUT, { recursive: true });
  const scratch = await createServerDatabase(config.databaseUrl);
  const db = await openDb({ url: scratch.url, poolSize: 2 });
  await migrate(db);
  const service = await db.transaction((tx) => benchService(tx, { capacity: 1000, durationMinutes: 15, code: 'prof' }));
  await db.close();
  const env = {
    ...generateSecretValues('bench-'),
    ...productionEnv(),
    LOG_LEVEL: 'info',
    RUN_WORKER: 'false',
    RATE_LIMIT_PER_MINUTE: '1000000',
    DATABASE_URL: scratch.url,
  };
  const day = addDays(jstDate(new Date()), 3);
  const starts = Array.from({ length: 48 }, (_, i) => jstIso(jstInstant(day, timeOf(8 * 60 + i * 15))));
  const dayPath = `/api/v1/services/${service}/availability?from=${day}&to=${day}`;
  const month = `${day.slice(0, 7)}-01`;
  const monthPath = `/api/v1/services/${service}/availability?from=${month}&to=${addDays(month, 30)}`;

  const kinds: { name: string; script: string; args: string[]; run: (url: string) => ReturnType<typeof load> }[] = [
    {
      name: 'bookings',
      script: 'serve.ts',
      args: [],
      run: (url) =>
        load({
          urls: [url],
          connections: 64,
          seconds: SECONDS,
          method: 'POST',
          path: '/api/v1/reservations',
          body: (n) =>
            JSON.stringify({
              serviceId: service,
              start: starts[n % starts.length],
              name: `負荷 試験${n}`,
              phone: `090${String(10_000_000 + n).slice(-8)}`,
            }),
        }),
    },
    {
      name: 'day reads',
      script: 'serve.ts',
      args: [],
      run: (url) => load({ urls: [url], connections: 64, seconds: SECONDS, path: dayPath }),
    },
    {
      name: 'month revalidated (304)',
      script: 'serve.ts',
      args: [],
      run: async (url) => {
        const etag = await settledEtag(`${url}${monthPath}`);
        return load({ urls: [url], connections: 64, seconds: SECONDS, path: monthPath, headers: { 'if-none-match': etag } });
      },
    },
    {
      name: 'fastify hello world',
      script: 'reference-server.ts',
      args: ['hello'],
      run: (url) => load({ urls: [url], connections: 64, seconds: SECONDS, path: '/' }),
    },
  ];
  console.log(`madoguchi CPU profiles, one web process, ${SECONDS} s per kind, LOG_LEVEL=info (profiles in ${OUT})`);
  for (const k of kinds) {
    const dir = path.join(OUT, k.name.replace(/\W+/g, '-'));
    fs.rmSync(dir, { recursive: true, force: true });
    const child = await startChild(k.script, k.args, k.script === 'serve.ts' ? env : {}, ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    await load({ urls: [child.url], connections: 16, seconds: 1, path: k.script === 'serve.ts' ? dayPath : '/' }); // warm-up
    const before = processCpuMs(child.pid);
    const r = await k.run(child.url);
    const cpuMs = processCpuMs(child.pid) - before;
    await child.stop();
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    console.log(`\n${k.name}: ${r.perSecond.toFixed(0)}/s, p99 ${r.p99} ms, statuses ${JSON.stringify(r.statuses)}`);
    console.log(file ? summarise(path.join(dir, file), r.requests, cpuMs).text : '    (no profile written)');
  }
  await scratch.drop();
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
