/**
 * Facility-claims benchmark (npm run bench:facility; issue 12 item 10): the monthly calculation and the
 * printed form for every facility of a city (172, Ichikawa) and of a large city or a prefecture-wide
 * service (2,000). Options as key=value: RUNS=3, SIZES=172,2000, MONTH=2026-06, PDF_SAMPLE=n (render the PDFs of
 * only the first n facilities of each size: a form is rendered from its content alone, so its cost does not
 * depend on how many facilities the database holds; the totals are then per-facility × N and say so).
 * On PostgreSQL when DATABASE_URL is set (a fresh database per run and size, dropped after), else on
 * in-memory PGlite. Every figure is the median of RUNS runs, next to a bare baseline measured in the
 * same run on the same data (ratio = ours ÷ bare, taken per run, median of those); load averages are
 * printed before and after.
 *
 * Method — the server is measured in-process (no HTTP client), one facility at a time, as a batch
 * would run:
 * - Data (synthetic, bulk SQL): N 認定こども園 (so all 11 child classes are priced and printed), region
 *   classes cycling through every 地域区分, capacity 30 (1号) / 120 (2・3号); 20 staff each (field-encrypted
 *   names, birth dates and addresses like the roster part writes them, a hire row of history each, a
 *   part-time and a role change among them); counts of the 11 classes for the month, confirmed; the items
 *   a typical facility claims (主幹教諭等専任, 事務職員雇上, 栄養管理, 処遇改善等加算); the pricing part's
 *   sample unit-price table of the month's fiscal year.
 * - Monthly calculation, ours: the claims part's gatherMonthlyInputs (facility, roster as of the 1st
 *   with its history, counts, items in effect, the price table: the database) and buildMonthlyClaim
 *   (staffing, the engine's calculateMonthly, required care FTE, the entry checks: pure), i.e. everything
 *   a monthly claim's content needs. Bare: the same rows read by plain SELECTs (facility, staff with
 *   history, counts, items) in one transaction per facility, nothing decrypted or computed.
 * - PDF, ours: the review part's renderer (review/form-pdf.ts) of each facility's monthly claim content,
 *   A4 with the Japanese font, to a Buffer. Bare: pdfkit writing an empty A4 page with the same font
 *   registered and selected (the fixed cost of a document with that font: opening the TTC, subsetting).
 * Besides wall-clock, CPU milliseconds per facility of this process (and on PostgreSQL of the database's
 * backends, from /proc) and SQL statements per facility are printed, and the CPU figures are in the
 * table too: the load of a shared machine moves the wall clock far more than them.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import PDFDocument from 'pdfkit';
import { loadConfig } from '../src/config.js';
import type { AppContext } from '../src/platform/context.js';
import { type BenchDb, dbCpuMs, freshBenchDb, statementsSoFar } from './support.js';
import { FC_CRYPTO } from '../src/modules/facility-claims/shared/crypto-contexts.js';
import { CHILD_CLASSES, fiscalYearOf, REGION_PERCENTS, type MonthlyClaimContent } from '../src/modules/facility-claims/shared/types.js';
import { ensureSamplePriceTable } from '../src/modules/facility-claims/pricing/sample-table.js';
import { buildMonthlyClaim } from '../src/modules/facility-claims/claims/build-monthly-claim.js';
import { gatherMonthlyInputs } from '../src/modules/facility-claims/claims/gather-inputs.js';
import { renderFormPdf } from '../src/modules/facility-claims/review/form-pdf.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const base = loadConfig({ ...process.env, MADOGUCHI_ENV: 'test', LOG_LEVEL: 'silent', RUN_WORKER: 'false' }, { testHarness: true });
const onPg = Boolean(base.databaseUrl);
const RUNS = Number(args.RUNS ?? 3);
const SIZES = (args.SIZES ?? '172,2000').split(',').map(Number);
const MONTH = args.MONTH ?? '2026-06';
const FY = fiscalYearOf(MONTH);
const PDF_SAMPLE = args.PDF_SAMPLE ? Number(args.PDF_SAMPLE) : Number.POSITIVE_INFINITY;
const STAFF_PER_FACILITY = 20;
/** The font review/form-pdf.ts prints with (Debian's fonts-noto-cjk). */
const FONT = { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', name: 'NotoSansCJKjp-Regular' };

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en') : x.toPrecision(3));

// ---- databases ------------------------------------------------------------------------------------

const ownCpuMs = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

type Measured = { seconds: number; ownMs: number; dbMs: number; statements: number };

async function measure(db: BenchDb, fn: () => Promise<unknown>): Promise<Measured> {
  const d0 = await dbCpuMs(base, db);
  const o0 = ownCpuMs();
  const q0 = statementsSoFar();
  const t0 = performance.now();
  await fn();
  const seconds = (performance.now() - t0) / 1000;
  const count = statementsSoFar() - q0;
  const ownMs = ownCpuMs() - o0;
  const d1 = await dbCpuMs(base, db);
  // a backend that ended meanwhile (the pool closes idle connections after 30 s) takes its CPU time
  // with it: never a negative figure
  return { seconds, ownMs, dbMs: Math.max(0, d1 - d0), statements: count };
}

// ---- synthetic data, in bulk ----------------------------------------------------------------------

const ROLES: [string, string, number, string][] = [
  // role, employment, weekly hours, qualifications
  ['director', 'full-time', 40, 'hoikushi,kyoyu'],
  ['chief', 'full-time', 40, 'hoikushi,kyoyu'],
  ['sub-chief', 'full-time', 40, 'hoikushi,kyoyu'],
  ...Array.from({ length: 12 }, () => ['kodomoen-teacher', 'full-time', 40, 'hoikushi,kyoyu'] as [string, string, number, string]),
  ['kodomoen-teacher', 'part-time', 30, 'hoikushi,kyoyu'],
  ['kodomoen-teacher', 'part-time', 24, 'hoikushi'],
  ['nutritionist', 'full-time', 40, 'eiyoshi'],
  ['cook', 'full-time', 40, 'chorishi'],
  ['clerk', 'full-time', 40, ''],
];
if (ROLES.length !== STAFF_PER_FACILITY) throw new Error('the synthetic roster has 20 members');

/** Children per class on the first day of the month (a 認定こども園 of 30 + 120). */
const COUNTS = [4, 10, 14, 18, 2, 38, 4, 8, 1, 30, 4];

type Seeded = { facilityIds: string[] };

async function seed(ctx: AppContext, n: number): Promise<Seeded> {
  await ensureSamplePriceTable(ctx, FY);
  const codes = Array.from({ length: n }, (_, i) => `B${String(i + 1).padStart(5, '0')}`);
  const regions = codes.map((_, i) => REGION_PERCENTS[i % REGION_PERCENTS.length] as number);
  const facilityIds = (
    await ctx.db.query<{ id: string }>(
      `INSERT INTO fc_facilities (code, name, type, operator_name, region_percent, capacity_1, capacity_23, address)
       SELECT c, 'ベンチ認定こども園 ' || c, 'kodomoen', 'ベンチ法人', r, 30, 120, 'ベンチ県ベンチ市1-1'
       FROM unnest($1::text[], $2::int[]) AS x(c, r) ORDER BY c RETURNING id`,
      [codes, regions],
    )
  ).rows.map((r) => r.id);

  // staff: the personal fields encrypted per person, as the roster part stores them
  const enc = (v: string, c: string) => ctx.crypto.encrypt(v, c);
  for (let at = 0; at < facilityIds.length; at += 250) {
    const chunk = facilityIds.slice(at, at + 250);
    const cols = {
      facility: [] as string[],
      name: [] as string[],
      kana: [] as string[],
      birth: [] as string[],
      address: [] as string[],
      quals: [] as string[],
      role: [] as string[],
      employment: [] as string[],
      hours: [] as number[],
      hired: [] as string[],
      prior: [] as number[],
    };
    chunk.forEach((fid, fi) => {
      ROLES.forEach(([role, employment, hours, quals], si) => {
        const k = (at + fi) * STAFF_PER_FACILITY + si;
        cols.facility.push(fid);
        cols.name.push(enc(`ベンチ 職員${k}`, FC_CRYPTO.staffName));
        cols.kana.push(enc(`ベンチ ショクイン${k}`, FC_CRYPTO.staffNameKana));
        cols.birth.push(enc(`${1965 + (k % 35)}-0${1 + (k % 9)}-1${k % 10}`, FC_CRYPTO.staffBirthDate));
        cols.address.push(enc(`ベンチ県ベンチ市${k}`, FC_CRYPTO.staffAddress));
        cols.quals.push(quals);
        cols.role.push(si === 2 ? 'kodomoen-teacher' : role); // the sub-chief became one by a role change
        cols.employment.push(employment);
        cols.hours.push(hours);
        cols.hired.push(`${FY - 1 - (k % 15)}-04-01`);
        cols.prior.push((k % 5) * 12);
      });
    });
    await ctx.db.transaction(async (tx) => {
      const ids = await tx.query<{ id: string; role: string; hired_on: string }>(
        `INSERT INTO fc_staff (facility_id, name_enc, name_kana_enc, birth_date_enc, address_enc, qualifications, role, employment,
           weekly_hours, hired_on, prior_experience_months)
         SELECT f, n, k, b, a, CASE WHEN q = '' THEN '{}'::text[] ELSE string_to_array(q, ',') END, r, e, h, d::date, p
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::numeric[],
                     $10::text[], $11::int[]) AS x(f, n, k, b, a, q, r, e, h, d, p)
         RETURNING id, role, hired_on`,
        [
          cols.facility,
          cols.name,
          cols.kana,
          cols.birth,
          cols.address,
          cols.quals,
          cols.role,
          cols.employment,
          cols.hours,
          cols.hired,
          cols.prior,
        ],
      );
      await tx.query(
        `INSERT INTO fc_staff_history (staff_id, kind, effective_on, role, employment, weekly_hours)
         SELECT id, 'hire', hired_on, role, employment, weekly_hours FROM fc_staff WHERE id = ANY($1::uuid[])`,
        [ids.rows.map((r) => r.id)],
      );
      // the third member of each facility: hired as a teacher, sub-chief since last October
      await tx.query("UPDATE fc_staff SET role = 'sub-chief' WHERE id = ANY($1::uuid[])", [
        ids.rows.filter((_, i) => i % STAFF_PER_FACILITY === 2).map((r) => r.id),
      ]);
      await tx.query(
        `INSERT INTO fc_staff_history (staff_id, kind, effective_on, role)
         SELECT id, 'role-change', $2::date, 'sub-chief' FROM unnest($1::uuid[]) AS id`,
        [ids.rows.filter((_, i) => i % STAFF_PER_FACILITY === 2).map((r) => r.id), `${FY - 1}-10-01`],
      );
    });
  }

  // counts of the 11 classes for the month, one import, confirmed by every facility
  const month = `${MONTH}-01`;
  const importId = (
    await ctx.db.query<{ id: string }>(
      `INSERT INTO fc_count_imports (month, file_sha256, file_name, encoding, line_count, facility_count)
       VALUES ($1, $2, 'bench.csv', 'utf-8', $3, $4) RETURNING id`,
      [month, crypto.randomBytes(32).toString('hex'), n * CHILD_CLASSES.length, n],
    )
  ).rows[0]!.id;
  await ctx.db.query(
    `INSERT INTO fc_child_counts (facility_id, month, cert_class, age_band, need, count, import_id)
     SELECT f.id, $1::date, c.cert, c.age, c.need, c.n, $6 FROM unnest($2::uuid[]) AS f(id)
     CROSS JOIN unnest($3::int[], $4::text[], $5::text[], $7::int[]) AS c(cert, age, need, n)`,
    [
      month,
      facilityIds,
      CHILD_CLASSES.map((k) => k.certClass),
      CHILD_CLASSES.map((k) => k.ageBand),
      CHILD_CLASSES.map((k) => k.need),
      importId,
      COUNTS,
    ],
  );
  await ctx.db.query(
    `INSERT INTO fc_count_reviews (facility_id, month, import_id, status) SELECT id, $1::date, $2, 'confirmed' FROM unnest($3::uuid[]) AS id`,
    [month, importId, facilityIds],
  );

  // the items a typical facility claims, effective from April 1
  const items: [string, object][] = [
    ['shukan-senin', {}],
    ['jimu-yatoiage', {}],
    ['eiyo-kanri', { kind: 'employed' }],
    ['shogu', { kubun3: { personsA: 2, personsB: 3 } }],
  ];
  await ctx.db.query(
    `INSERT INTO fc_items (facility_id, fiscal_year, item_code, effective_from, claimed, value)
     SELECT f.id, $2, i.code, $3::date, true, i.value::jsonb FROM unnest($1::uuid[]) AS f(id)
     CROSS JOIN unnest($4::text[], $5::text[]) AS i(code, value)`,
    [facilityIds, FY, `${FY}-04-01`, items.map((i) => i[0]), items.map((i) => JSON.stringify(i[1]))],
  );
  return { facilityIds };
}

// ---- the measured work ----------------------------------------------------------------------------

/** Ours: everything a monthly claim's content needs, per facility (database, then the pure builder). */
async function monthlyClaims(ctx: AppContext, ids: string[]): Promise<MonthlyClaimContent[]> {
  const out: MonthlyClaimContent[] = [];
  for (const id of ids) {
    const inputs = await gatherMonthlyInputs(ctx, id, MONTH);
    out.push(buildMonthlyClaim(inputs));
  }
  return out;
}

/** Bare: the same rows read with plain SELECTs, one transaction per facility, nothing decrypted or computed. */
async function bareReads(ctx: AppContext, ids: string[]): Promise<number> {
  let rows = 0;
  const first = `${MONTH}-01`;
  for (const id of ids) {
    await ctx.db.transaction(async (tx) => {
      rows += (await tx.query('SELECT * FROM fc_facilities WHERE id = $1', [id])).rows.length;
      rows += (
        await tx.query(
          `SELECT s.*, h.kind, h.effective_on, h.role AS h_role, h.employment AS h_employment, h.weekly_hours AS h_hours
           FROM fc_staff s LEFT JOIN fc_staff_history h ON h.staff_id = s.id
           WHERE s.facility_id = $1 AND s.hired_on <= $2::date`,
          [id, first],
        )
      ).rows.length;
      rows += (await tx.query('SELECT * FROM fc_child_counts WHERE facility_id = $1 AND month = $2::date', [id, first])).rows.length;
      rows += (await tx.query('SELECT * FROM fc_count_reviews WHERE facility_id = $1 AND month = $2::date', [id, first])).rows.length;
      rows += (
        await tx.query('SELECT * FROM fc_items WHERE facility_id = $1 AND fiscal_year = $2 AND effective_from <= $3::date', [id, FY, first])
      ).rows.length;
    });
  }
  return rows;
}

/**
 * Bare PDF: an A4 page with the same Japanese font registered and selected and one short line in it (so
 * the font is embedded, as in every form: pdfkit embeds only fonts that are used).
 */
function emptyPdf(facilityCode: string): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 15 * (72 / 25.4) });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.registerFont('jp', FONT.path, FONT.name);
  doc.font('jp').fontSize(16).text(facilityCode);
  doc.end();
  return done;
}

// ---- runs -----------------------------------------------------------------------------------------

console.log(
  `facility-claims benchmark on ${onPg ? 'PostgreSQL' : 'PGlite (in memory)'}; ${RUNS} runs; sizes ${SIZES.join(', ')}; ` +
    `month ${MONTH}; ${os.cpus().length} cores; load ${load()}`,
);
type Row = { name: string; ours: number[]; bare: number[]; ratio: number[] };
const table = new Map<string, Row>();
const add = (name: string, ours: number, bare: number) => {
  const r = table.get(name) ?? { name, ours: [], bare: [], ratio: [] };
  r.ours.push(ours);
  r.bare.push(bare);
  r.ratio.push(ours / bare);
  table.set(name, r);
};
const perOp = (m: Measured, n: number) =>
  `${(m.statements / n).toFixed(1)} SQL/facility; CPU/facility ours ${(m.ownMs / n).toFixed(2)} ms` +
  (m.dbMs ? `, PostgreSQL ${(m.dbMs / n).toFixed(2)} ms` : '');
const loads: string[] = [load()];

for (const n of SIZES) {
  for (let run = 0; run < RUNS; run++) {
    const db = await freshBenchDb(base);
    const t0 = performance.now();
    const { facilityIds } = await seed(db.ctx, n);
    const seedSeconds = (performance.now() - t0) / 1000;
    const before = load();

    let contents: MonthlyClaimContent[] = [];
    const calc = await measure(db, async () => {
      contents = await monthlyClaims(db.ctx, facilityIds);
    });
    let bareRows = 0;
    const bare = await measure(db, async () => {
      bareRows = await bareReads(db.ctx, facilityIds);
    });
    const total = contents.reduce((s, c) => s + c.calculation.total, 0);
    if (contents.length !== n || !(total > 0))
      throw new Error(`expected ${n} claims with amounts, got ${contents.length} totalling ${total}`);

    const printed = contents.slice(0, Math.min(n, PDF_SAMPLE));
    const p = printed.length;
    let pdfBytes = 0;
    const pdf = await measure(db, async () => {
      const meta = { version: 1, status: 'approved' as const, approvedAt: db.ctx.clock.now(), printedAt: db.ctx.clock.now() };
      for (const c of printed) pdfBytes += (await renderFormPdf(c, meta)).length;
    });
    let emptyBytes = 0;
    const empty = await measure(db, async () => {
      for (const c of printed) emptyBytes += (await emptyPdf(c.facility.code)).length;
    });

    const ms = (m: Measured) => (m.seconds * 1000) / n;
    const pms = (m: Measured) => (m.seconds * 1000) / p;
    const sampled = p < n ? `, ${p} rendered` : '';
    add(`monthly calculation, ${n} facilities (ms/facility)`, ms(calc), ms(bare));
    add(`monthly calculation, ${n} facilities (s in all)`, calc.seconds, bare.seconds);
    add(`PDF, ${n} facilities${sampled} (ms/facility)`, pms(pdf), pms(empty));
    add(`PDF, ${n} facilities (s in all${p < n ? ', per-facility × N' : ''})`, (pms(pdf) * n) / 1000, (pms(empty) * n) / 1000);
    // CPU per facility (this process + the database's backends): what the machine's load moves least
    const cpu = (m: Measured, k: number) => (m.ownMs + m.dbMs) / k;
    add(`monthly calculation, ${n} facilities (CPU ms/facility)`, cpu(calc, n), cpu(bare, n));
    add(`PDF, ${n} facilities${sampled} (CPU ms/facility)`, pdf.ownMs / p, empty.ownMs / p); // no database involved
    console.log(
      `n=${n} run ${run + 1} [seeded in ${seedSeconds.toFixed(1)} s; load ${before}] calculation: ${calc.seconds.toFixed(2)} s = ` +
        `${ms(calc).toFixed(2)} ms/facility (${perOp(calc, n)}; city total ¥${total.toLocaleString('en')}) vs bare SELECTs ` +
        `${bare.seconds.toFixed(2)} s = ${ms(bare).toFixed(2)} ms/facility (${perOp(bare, n)}; ${bareRows} rows)`,
    );
    console.log(
      `n=${n} run ${run + 1} [load ${load()}] PDF of ${p}: ${pdf.seconds.toFixed(2)} s = ${pms(pdf).toFixed(2)} ms/facility ` +
        `(${Math.round(pdfBytes / p).toLocaleString('en')} B each; CPU ${(pdf.ownMs / p).toFixed(2)} ms) vs one line on A4 with the font ` +
        `${empty.seconds.toFixed(2)} s = ${pms(empty).toFixed(2)} ms/facility (${Math.round(emptyBytes / p).toLocaleString('en')} B each; ` +
        `CPU ${(empty.ownMs / p).toFixed(2)} ms)`,
    );
    loads.push(load());
    await db.drop();
  }
}

console.log(`\n${onPg ? 'PostgreSQL' : 'PGlite (in memory)'}, medians of ${RUNS} runs; load average (1, 5, 15 min) ${loads.join(' → ')}`);
console.log('| measure | ours: median (min–max) | bare: median | ratio ours/bare (median) |');
console.log('|---|---|---|---|');
for (const r of table.values()) {
  const span = `${fmt(median(r.ours))} (${fmt(Math.min(...r.ours))}–${fmt(Math.max(...r.ours))})`;
  console.log(`| ${r.name} | ${span} | ${fmt(median(r.bare))} | ${median(r.ratio).toFixed(2)} |`);
}
console.log(
  'bare: calculation = plain SELECTs of the same rows (facility, staff with history, counts, review, items) in one transaction per ' +
    'facility; PDF = pdfkit writing one line on an A4 page with the same Japanese font (the fixed cost of the font).',
);
