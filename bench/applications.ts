/**
 * E-applications benchmark (npm run bench:applications; issue 11 item 9). Options as key=value:
 * RUNS=3, SUBMISSIONS=n, EVENTS=n, ROWS=n (reconciliation), RECON_RUNS=1, FLOOR_ROWS=10000, CONCURRENCY=8.
 * On PostgreSQL when DATABASE_URL is set (a fresh database per run, dropped after), else on in-memory
 * PGlite with smaller sizes (PGlite spends about 0.9 s of CPU on each 1 MB bytea parameter, so its
 * submissions default to 10). Every figure is the median of RUNS runs, next to a bare baseline measured in the same
 * run (ratio = ours ÷ bare, taken per run, median of those); load averages are printed before and after.
 *
 * Method — the server is measured, not a client: operations are called in-process (no HTTP client),
 * except where the design itself is HTTP (the provider's API, which the stand-in serves from its own
 * process, bench/payment-standin-child.ts). Besides wall-clock rates (which move with the shared
 * machine's load) each phase reports CPU milliseconds per operation of this process, of the stand-in
 * process and, on PostgreSQL, of the database's backends (/proc/<pid>/stat of pg_stat_activity's
 * pids), which the load moves far less.
 *
 * 1. Submissions with a 1 MB attachment: a ~1 MB phone-style JPEG (cjpeg from noise, with an
 *    EXIF block holding GPS) goes through storeUpload (magic bytes, metadata
 *    strip, encryption; clamd only when CLAMD_ADDRESS is set — the header says which), then
 *    submitApplication with synthetic answers (demo-people.ts) to the demo's 住民票の写し等の郵送請求
 *    (demo/procedures.ts), imported and published through the procedures part's operations;
 *    CONCURRENCY submitters. Bare: one INSERT per submission into a plain table of a row holding
 *    the answers' JSON text and a bytea of the stored file's size (random bytes), same concurrency.
 * 2. Webhook events: payments created directly in app_payments (with their applications), paid on the
 *    stand-in; its own `checkout.session.completed` events, signed as Stripe signs, are handed to
 *    receiveNotification (parseNotification → stripe.webhooks.constructEvent on the raw body, then the
 *    apply path) with CONCURRENCY in flight. Two variants:
 *    a) "details in event": the event's session carries its PaymentIntent and Charge, so no provider
 *       read is needed — our code alone (no network);
 *    b) "as Stripe sends": payment_intent is an id (what Stripe sends), so receive-notification
 *       reads the session from the provider (the stand-in) for the method before applying.
 *    Replays: the same events again, freshly signed (all are duplicates). Bare: per event one
 *    transaction of INSERT of the event row + UPDATE of the payment row in plain tables.
 * 3. Reconciliation: ROWS open payments (PostgreSQL 100,000; PGlite 20,000), their sessions created
 *    once in the stand-in's state (9 in 10 paid by test card, 1 in 10 expired), rows inserted in bulk
 *    with next_check_at ≤ now. Timed: the reconciliation sweep job enqueued and a JobWorker holding
 *    the sweep and check job definitions draining the queue, in a loop, until no payment is open — as
 *    the worker does, with the sweep's own batch size (2,000), one job at a time. Only those two
 *    queues run (the paid notices and session-closing jobs they enqueue are left queued). Floor: a
 *    loop of the same GET (checkout.sessions.retrieve with payment_intent.latest_charge expanded)
 *    through the official SDK for FLOOR_ROWS of the sessions (a rate; default 10,000), one at a time
 *    like the worker. The reconciliation runs in the first RECON_RUNS runs only (default 1): one worker
 *    brings about 40 payments/s to final on this machine, so 100,000 take most of an hour — pass a
 *    smaller ROWS for a quick run. The stand-in's share is its CPU time over the elapsed time.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import type { StaffActor } from '../src/http/actor.js';
import { loadConfig } from '../src/config.js';
import { storeUpload } from '../src/modules/applications/attachments/store-upload.js';
import { exifTiffWithGps } from '../src/modules/applications/attachments/testing.js';
import { demoPerson } from '../src/modules/applications/demo/demo-people.js';
import { DEMO_PROCEDURES } from '../src/modules/applications/demo/procedures.js';
import { providerFor } from '../src/modules/applications/payments/provider-for.js';
import { receiveNotification } from '../src/modules/applications/payments/receive-notification.js';
import { checkPaymentJob, reconcilePaymentsJob } from '../src/modules/applications/payments/reconcile-payments.job.js';
import { importProcedure } from '../src/modules/applications/procedures/import-procedure.js';
import { publishProcedure } from '../src/modules/applications/procedures/publish-procedure.js';
import { submitApplication } from '../src/modules/applications/submissions/submit-application.js';
import type { AppContext } from '../src/platform/context.js';
import { enqueue, JobWorker } from '../src/platform/jobs.js';
import { type BenchDb, dbCpuMs, freshBenchDb, statementsSoFar } from './support.js';
import { signatureHeader } from '../src/payment-standin/webhooks.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const SECRET_KEY = 'sk_test_bench_applications';
const WEBHOOK_SECRET = 'whsec_bench_applications';
const onPg = Boolean(process.env.DATABASE_URL);
const RUNS = Number(args.RUNS ?? 3);
const SUBMISSIONS = Number(args.SUBMISSIONS ?? (onPg ? 200 : 10));
const EVENTS = Number(args.EVENTS ?? (onPg ? 2000 : 1000));
const ROWS = Number(args.ROWS ?? (onPg ? 100_000 : 20_000));
const FLOOR_ROWS = Math.min(ROWS, Number(args.FLOOR_ROWS ?? 10_000));
const RECON_RUNS = Math.min(RUNS, Number(args.RECON_RUNS ?? 1));
const CONCURRENCY = Number(args.CONCURRENCY ?? 8);
const AMOUNT = 300;

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en') : x.toPrecision(3));

// ---- the stand-in, in its own process -------------------------------------------------------------

type Cpu = { user: number; system: number };
type StandinReply = { ready?: boolean; url?: string; cpu?: Cpu; ids?: string[]; events?: unknown[]; expandedEvents?: unknown[] };

const child: ChildProcess = fork(path.join(import.meta.dirname, 'payment-standin-child.ts'), [], {
  execArgv: ['--import', 'tsx'],
  env: {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    BENCH_STRIPE_SECRET_KEY: SECRET_KEY,
    BENCH_STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
  },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const ask = (m: unknown) =>
  new Promise<StandinReply>((resolve) => {
    child.once('message', (r) => resolve(r as StandinReply));
    child.send(m as object);
  });
const standinUrl = await new Promise<string>((resolve, reject) => {
  child.once('message', (r) => resolve((r as StandinReply).url as string));
  child.once('exit', (code) => reject(new Error(`payment stand-in exited with ${code}`)));
});
const standinCpuMs = async () => {
  const c = (await ask({ op: 'cpu' })).cpu as Cpu;
  return (c.user + c.system) / 1000;
};
const ownCpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

const base = loadConfig(
  {
    ...process.env,
    MADOGUCHI_ENV: 'test',
    LOG_LEVEL: 'silent',
    RUN_WORKER: 'false',
    PAYMENT_PROVIDER: 'stripe',
    PAYMENT_STANDIN: 'false',
    STRIPE_SECRET_KEY: SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE_URL: standinUrl,
  },
  { testHarness: true },
);

// ---- databases ------------------------------------------------------------------------------------

/** Runs fn(i) for i in [0, count) with `n` in flight. */
async function inParallel(n: number, count: number, fn: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, count) }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

type Measured = { seconds: number; ownMs: number; standinMs: number; dbMs: number; statements: number };

async function measure(db: BenchDb, fn: () => Promise<unknown>): Promise<Measured> {
  const [s0, d0] = [await standinCpuMs(), await dbCpuMs(base, db)];
  const o0 = ownCpuMs();
  const q0 = statementsSoFar();
  const t0 = performance.now();
  await fn();
  const count = statementsSoFar() - q0;
  const seconds = (performance.now() - t0) / 1000;
  const ownMs = ownCpuMs() - o0;
  const [s1, d1] = [await standinCpuMs(), await dbCpuMs(base, db)];
  return { seconds, ownMs, standinMs: s1 - s0, dbMs: d1 - d0, statements: count };
}

// ---- fixtures -------------------------------------------------------------------------------------

/**
 * A phone-style JPEG of about 1 MB: noise encoded by cjpeg (sized to land near 1,000,000 bytes), with
 * an EXIF block holding GPS and Orientation inserted after its JFIF header, as a phone writes it.
 */
function oneMegabyteJpeg(): Buffer {
  const encode = (w: number, h: number) =>
    execFileSync('cjpeg', ['-quality', '85'], {
      input: Buffer.concat([Buffer.from(`P6\n${w} ${h}\n255\n`, 'latin1'), crypto.randomBytes(w * h * 3)]),
      maxBuffer: 64 * 1024 * 1024,
    });
  const probe = encode(400, 300);
  const scale = Math.sqrt(1_000_000 / probe.length);
  const jpeg = encode(Math.round(400 * scale), Math.round(300 * scale));
  const tiff = exifTiffWithGps();
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, 0, 0]), Buffer.from('Exif\0\0', 'latin1'), tiff]);
  app1.writeUInt16BE(app1.length - 2, 2);
  const app0End = 4 + jpeg.readUInt16BE(4);
  return Buffer.concat([jpeg.subarray(0, app0End), app1, jpeg.subarray(app0End)]);
}

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** A valid 整理番号 (10 letters of the reference alphabet) from a phase letter and a counter. */
function referenceOf(phase: string, i: number): string {
  let s = '';
  for (let n = i; s.length < 9; n = Math.floor(n / 31)) s = ALPHABET[n % 31] + s;
  return phase + s;
}

type Office = { departmentId: string; procedureId: string };

/** The demo's 住民票 procedure, imported and published through the procedures part's operations. */
async function office(ctx: AppContext): Promise<Office> {
  const juminhyo = DEMO_PROCEDURES.find((p) => p.key === 'juminhyo-mail');
  if (!juminhyo) throw new Error('the demo has no juminhyo-mail procedure');
  const d = await ctx.db.query<{ id: string }>("INSERT INTO departments (code, name) VALUES ('shimin', 'shimin') RETURNING id");
  const departmentId = d.rows[0]!.id;
  const s = await ctx.db.query<{ id: string }>(
    "INSERT INTO staff (login_id, display_name, password_hash, must_change_password) VALUES ('bench-admin', 'bench', 'x', false) RETURNING id",
  );
  const actor: StaffActor = {
    kind: 'staff',
    id: s.rows[0]!.id,
    loginId: 'bench-admin',
    displayName: 'bench',
    memberships: [{ departmentId, departmentCode: 'shimin', departmentName: 'shimin', role: 'dept-admin' }],
    currentDepartmentId: departmentId,
    isSysAdmin: false,
    sessionTokenHash: 'bench',
    csrfToken: 'bench',
    mustChangePassword: false,
    mfaPending: false,
    mfaSetupRequired: false,
    passwordRenewalDue: false,
  };
  const audit = { actor: { type: 'system' as const, id: null, label: 'bench' }, clientIp: null, requestId: null };
  const procedureId = await importProcedure(ctx, actor, departmentId, Buffer.from(JSON.stringify(juminhyo.definition)), audit);
  await publishProcedure(ctx, actor, procedureId, audit);
  return { departmentId, procedureId };
}

/** Applications awaiting their fee and one open payment each (bulk SQL), for the given sessions. */
async function insertOpenPayments(ctx: AppContext, o: Office, refs: string[], sessionIds: string[]): Promise<void> {
  const now = ctx.clock.now();
  const expires = new Date(now.getTime() + 3_600_000);
  const due = new Date(now.getTime() - 60_000);
  for (let at = 0; at < refs.length; at += 5000) {
    const r = refs.slice(at, at + 5000);
    const s = sessionIds.slice(at, at + 5000);
    await ctx.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO app_applications (reference_number, access_token_hash, procedure_id, procedure_version, department_id, status,
           fee_amount, fee_quantity, payable_since, submitted_at, updated_at, status_changed_at)
         SELECT ref, md5(ref), $2, 1, $3, 'awaiting_payment', $4, 1, $5, $5, $5, $5 FROM unnest($1::text[]) AS ref`,
        [r, o.procedureId, o.departmentId, AMOUNT, now],
      );
      await tx.query(
        `INSERT INTO app_payments (application_id, reference_number, provider, provider_payment_id, idempotency_key, amount, status,
           revenue_account_code, created_at, expires_at, next_check_at)
         SELECT a.id, a.reference_number, 'stripe', x.sid, 'bench-' || x.sid, $3, 'pending', '14-01-01', $4, $5, $6
         FROM unnest($1::text[], $2::text[]) AS x(ref, sid) JOIN app_applications a ON a.reference_number = x.ref`,
        [r, s, AMOUNT, now, expires, due],
      );
    });
  }
}

// ---- 1. submissions -------------------------------------------------------------------------------

const photo = oneMegabyteJpeg();

async function submissions(db: BenchDb, o: Office): Promise<{ ours: Measured; bare: Measured; storedBytes: number }> {
  const { ctx } = db;
  const juminhyoAnswers = (i: number) => {
    const p = demoPerson(i);
    return {
      name: p.name,
      name_kana: p.kana,
      birth_date: p.birth,
      postal_code: p.postalCode,
      address: p.address,
      phone: p.phone,
      email: p.email,
      subject: i % 2 ? 'household' : 'self',
      copies: String((i % 3) + 1),
      items: ['relation'],
      purpose: i % 2 ? 'pension' : 'job',
      id_kind: 'license',
    };
  };
  let storedBytes = 0;
  const ours = await measure(db, () =>
    inParallel(CONCURRENCY, SUBMISSIONS, async (i) => {
      const ownerToken = `bench-owner-${i}`;
      const file = await storeUpload(ctx, {
        filename: `IMG_${1000 + i}.jpg`,
        declaredType: 'image/jpeg',
        data: photo,
        ownerToken,
        clientIp: '192.0.2.1',
        field: 'id_image',
      });
      storedBytes = file.size;
      await submitApplication(ctx, {
        procedureId: o.procedureId,
        answers: { ...juminhyoAnswers(i), id_image: file.id },
        lang: 'ja',
        channel: 'api',
        ownerToken,
      });
    }),
  );
  const made = await ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_applications WHERE procedure_id = $1', [
    o.procedureId,
  ]);
  if (made.rows[0]!.n !== SUBMISSIONS) throw new Error(`expected ${SUBMISSIONS} applications, found ${made.rows[0]!.n}`);

  await ctx.db.query('CREATE TABLE bench_submissions (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), answers text, content bytea)');
  const content = crypto.randomBytes(storedBytes);
  const answers = Array.from({ length: SUBMISSIONS }, (_, i) => JSON.stringify(juminhyoAnswers(i)));
  const bare = await measure(db, () =>
    inParallel(CONCURRENCY, SUBMISSIONS, (i) =>
      ctx.db.query('INSERT INTO bench_submissions (answers, content) VALUES ($1, $2)', [answers[i], content]),
    ),
  );
  return { ours, bare, storedBytes };
}

// ---- 2. webhooks ----------------------------------------------------------------------------------

type WebhookFigures = { expanded: Measured; asSent: Measured; replayExpanded: Measured; replayAsSent: Measured; bare: Measured };

async function webhooks(db: BenchDb, o: Office, run: number): Promise<WebhookFigures> {
  const { ctx } = db;
  const provider = providerFor(ctx);
  if (!provider) throw new Error('no payment provider configured');
  const refs = Array.from({ length: 2 * EVENTS }, (_, i) => referenceOf(String.fromCharCode(65 + run), i));
  const made = await ask({ op: 'sessions', refs, amount: AMOUNT, expiredEvery: 0, expanded: true });
  await insertOpenPayments(ctx, o, refs, made.ids as string[]);
  // first half: events whose session carries its PaymentIntent and Charge; second half: as Stripe sends them
  const expandedBodies = (made.expandedEvents as unknown[]).slice(0, EVENTS).map((e) => JSON.stringify(e));
  const asSentBodies = (made.events as unknown[]).slice(EVENTS).map((e) => JSON.stringify(e));
  const signed = (bodies: string[]) => {
    const t = Math.floor(ctx.clock.now().getTime() / 1000);
    return bodies.map((b) => ({ raw: Buffer.from(b), headers: { 'stripe-signature': signatureHeader(WEBHOOK_SECRET, b, t) } }));
  };
  const deliver = async (bodies: string[], expect: (r: Awaited<ReturnType<typeof receiveNotification>>) => boolean) => {
    const batch = signed(bodies);
    let wrong = 0;
    const m = await measure(db, () =>
      inParallel(CONCURRENCY, batch.length, async (i) => {
        const r = await receiveNotification(ctx, provider, batch[i]!.raw, batch[i]!.headers, '192.0.2.9');
        if (!expect(r)) wrong++;
      }),
    );
    if (wrong) throw new Error(`${wrong} notifications were not handled as expected`);
    return m;
  };
  const applied = (r: Awaited<ReturnType<typeof receiveNotification>>) => r.accepted && !r.duplicate && r.outcome === 'applied';
  const duplicate = (r: Awaited<ReturnType<typeof receiveNotification>>) => r.accepted && r.duplicate;
  const expanded = await deliver(expandedBodies, applied);
  const asSent = await deliver(asSentBodies, applied);
  const replayExpanded = await deliver(expandedBodies, duplicate);
  const replayAsSent = await deliver(asSentBodies, duplicate);
  const paid = await ctx.db.query<{ n: number; m: number }>(
    "SELECT count(*)::int AS n, count(method)::int AS m FROM app_payments WHERE status = 'paid' AND counted",
  );
  if (paid.rows[0]!.n !== 2 * EVENTS || paid.rows[0]!.m !== 2 * EVENTS)
    throw new Error(`expected ${2 * EVENTS} counted payments with their method, found ${JSON.stringify(paid.rows[0])}`);

  await ctx.db.query(
    `CREATE TABLE bench_events (provider text, event_id text, event_type text, provider_payment_id text, outcome text,
       received_at timestamptz, PRIMARY KEY (provider, event_id))`,
  );
  await ctx.db.query(
    `CREATE TABLE bench_payments AS SELECT id, provider_payment_id, status, method, paid_at, final_at, provider_payment_intent
     FROM app_payments WHERE reference_number LIKE $1`,
    [`${String.fromCharCode(65 + run)}%`],
  );
  await ctx.db.query('ALTER TABLE bench_payments ADD PRIMARY KEY (id)');
  const rows = (await ctx.db.query<{ id: string; provider_payment_id: string }>('SELECT id, provider_payment_id FROM bench_payments')).rows;
  const bare = await measure(db, () =>
    inParallel(CONCURRENCY, EVENTS, (i) =>
      ctx.db.transaction(async (tx) => {
        const p = rows[i]!;
        await tx.query(
          `INSERT INTO bench_events (provider, event_id, event_type, provider_payment_id, outcome, received_at)
           VALUES ('stripe', $1, 'checkout.session.completed', $2, 'applied', now())`,
          [`evt_bench_${i}`, p.provider_payment_id],
        );
        await tx.query(
          `UPDATE bench_payments SET status = 'paid', method = 'card', paid_at = now(), final_at = now(), provider_payment_intent = $2 WHERE id = $1`,
          [p.id, `pi_bench_${i}`],
        );
      }),
    ),
  );
  return { expanded, asSent, replayExpanded, replayAsSent, bare };
}

// ---- 3. reconciliation ----------------------------------------------------------------------------

const reconRefs = Array.from({ length: ROWS }, (_, i) => referenceOf('Z', i));
console.log(`creating ${ROWS} sessions in the stand-in (${Math.round(ROWS / 10)} expired, the rest paid by test card)…`);
const reconSessions = (await ask({ op: 'sessions', refs: reconRefs, amount: AMOUNT, expiredEvery: 10, expanded: false })).ids as string[];

async function reconciliation(db: BenchDb, o: Office): Promise<{ ours: Measured; floor: Measured; jobs: number }> {
  const { ctx } = db;
  await insertOpenPayments(ctx, o, reconRefs, reconSessions);
  const worker = new JobWorker(ctx, [reconcilePaymentsJob, checkPaymentJob]);
  let jobs = 0;
  const ours = await measure(db, async () => {
    for (;;) {
      const open = await ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM app_payments WHERE status IN ('creating', 'pending')");
      if (open.rows[0]!.n === 0) break;
      await ctx.db.transaction((tx) => enqueue(tx, reconcilePaymentsJob.queue, {}));
      jobs += await worker.drain(Number.POSITIVE_INFINITY);
    }
  });
  const states = await ctx.db.query<{ status: string; n: number }>(
    "SELECT status, count(*)::int AS n FROM app_payments WHERE reference_number LIKE 'Z%' GROUP BY status",
  );
  const by = Object.fromEntries(states.rows.map((r) => [r.status, r.n]));
  if (by.paid !== ROWS - Math.ceil(ROWS / 10) || by.expired !== Math.ceil(ROWS / 10))
    throw new Error(`reconciliation left ${JSON.stringify(by)}`);

  const stripe = new Stripe(SECRET_KEY, {
    host: '127.0.0.1',
    port: new URL(standinUrl).port,
    protocol: 'http',
    maxNetworkRetries: 2,
    timeout: 10_000,
    telemetry: false,
  });
  const floor = await measure(db, async () => {
    for (let i = 0; i < FLOOR_ROWS; i++)
      await stripe.checkout.sessions.retrieve(reconSessions[i] as string, { expand: ['payment_intent.latest_charge'] });
  });
  return { ours, floor, jobs };
}

// ---- runs -----------------------------------------------------------------------------------------

console.log(
  `applications benchmark on ${onPg ? 'PostgreSQL' : 'PGlite (in memory)'}; ${RUNS} runs; ${os.cpus().length} cores; ` +
    `${SUBMISSIONS} submissions of a ${(photo.length / 1e6).toFixed(2)} MB JPEG (virus scan: ${base.applications.clamdAddress ? `clamd at ${base.applications.clamdAddress}` : 'off, CLAMD_ADDRESS not set'}); ` +
    `${EVENTS} webhook events per variant; ${ROWS} payments to reconcile; concurrency ${CONCURRENCY}; load ${load()}`,
);
type Row = { name: string; unit: string; ours: number[]; bare: number[]; ratio: number[]; notes: string[] };
const table = new Map<string, Row>();
const add = (name: string, unit: string, ours: number, bare?: number, note?: string) => {
  const r = table.get(name) ?? { name, unit, ours: [], bare: [], ratio: [], notes: [] };
  r.ours.push(ours);
  if (bare !== undefined) {
    r.bare.push(bare);
    r.ratio.push(ours / bare);
  }
  if (note) r.notes.push(note);
  table.set(name, r);
};
const perOp = (m: Measured, n: number) =>
  `${(m.statements / n).toFixed(1)} SQL statements/op; CPU/op: ours ${(m.ownMs / n).toFixed(2)} ms` +
  (m.standinMs ? `, stand-in ${(m.standinMs / n).toFixed(2)} ms` : '') +
  (m.dbMs ? `, PostgreSQL ${(m.dbMs / n).toFixed(2)} ms` : '');
const loads: string[] = [load()];

for (let run = 0; run < RUNS; run++) {
  const db = await freshBenchDb(base);
  const o = await office(db.ctx);
  const before = load();
  const s = await submissions(db, o);
  add('submissions (1 MB JPEG)', '/s', SUBMISSIONS / s.ours.seconds, SUBMISSIONS / s.bare.seconds);
  console.log(
    `run ${run + 1} [load ${before}] submissions: ${fmt(SUBMISSIONS / s.ours.seconds)}/s (${perOp(s.ours, SUBMISSIONS)}; stored ${s.storedBytes} B) ` +
      `vs bare INSERT ${fmt(SUBMISSIONS / s.bare.seconds)}/s (${perOp(s.bare, SUBMISSIONS)})`,
  );
  const w = await webhooks(db, o, run);
  const rate = (m: Measured) => EVENTS / m.seconds;
  add('webhooks, details in event', '/s', rate(w.expanded), rate(w.bare));
  add('webhooks, as Stripe sends (+1 GET)', '/s', rate(w.asSent), rate(w.bare));
  add('webhook replays, details in event', '/s', rate(w.replayExpanded), rate(w.bare));
  add('webhook replays, as Stripe sends', '/s', rate(w.replayAsSent), rate(w.bare));
  console.log(
    `run ${run + 1} [load ${load()}] webhooks: details in event ${fmt(rate(w.expanded))}/s (${perOp(w.expanded, EVENTS)}); ` +
      `as Stripe sends ${fmt(rate(w.asSent))}/s (${perOp(w.asSent, EVENTS)}); replays ${fmt(rate(w.replayExpanded))}/s and ` +
      `${fmt(rate(w.replayAsSent))}/s (${perOp(w.replayAsSent, EVENTS)}); bare INSERT+UPDATE ${fmt(rate(w.bare))}/s (${perOp(w.bare, EVENTS)})`,
  );
  if (run >= RECON_RUNS) {
    loads.push(load());
    await db.drop();
    continue;
  }
  const r = await reconciliation(db, o);
  const share = (m: Measured) => `${Math.round((100 * m.standinMs) / (m.seconds * 1000))} %`;
  add('reconciliation', 'payments/s', ROWS / r.ours.seconds, FLOOR_ROWS / r.floor.seconds);
  add('reconciliation: stand-in share of time', '%', (100 * r.ours.standinMs) / (r.ours.seconds * 1000));
  console.log(
    `run ${run + 1} [load ${load()}] reconciliation of ${ROWS}: ${r.ours.seconds.toFixed(1)} s = ${fmt(ROWS / r.ours.seconds)} payments/s, ` +
      `${r.jobs} jobs (${perOp(r.ours, ROWS)}; stand-in busy ${share(r.ours)} of the time) vs SDK GET loop over ${FLOOR_ROWS}: ` +
      `${fmt(FLOOR_ROWS / r.floor.seconds)}/s (${perOp(r.floor, FLOOR_ROWS)}; stand-in busy ${share(r.floor)})`,
  );
  loads.push(load());
  await db.drop();
}
const exited = new Promise((resolve) => child.once('exit', resolve));
child.send({ op: 'stop' });
await exited;

console.log(`\n${onPg ? 'PostgreSQL' : 'PGlite (in memory)'}, medians of ${RUNS} runs; load average (1, 5, 15 min) ${loads.join(' → ')}`);
console.log('| measure | ours: median (min–max) | bare: median | ratio ours/bare (median) |');
console.log('|---|---|---|---|');
for (const r of table.values()) {
  const span = `${fmt(median(r.ours))} ${r.unit} (${fmt(Math.min(...r.ours))}–${fmt(Math.max(...r.ours))})`;
  const bare = r.bare.length ? `${fmt(median(r.bare))} ${r.unit}` : '—';
  const ratio = r.ratio.length ? median(r.ratio).toFixed(3) : '—';
  console.log(`| ${r.name} | ${span} | ${bare} | ${ratio} |`);
}
console.log(
  'bare: submissions = one INSERT of the answers JSON + a bytea of the stored size; webhooks = INSERT event + UPDATE payment in one ' +
    'transaction; reconciliation = a loop of the official SDK GET to the stand-in (the floor of this design).',
);
