/**
 * Card issuance benchmark (npm run bench:card): medians of
 *  1. issuance-list import (500,000 synthetic Shift_JIS rows, full pipeline: parse, validate,
 *     encrypt, write) next to a bare PostgreSQL COPY of the same file into a plain table (ratio).
 *     Reading and validating, encrypting (worker threads) and COPY overlap, so the phases shown are
 *     the hash pre-read, the time until the last line was validated, and the write tail after it;
 *  2. matching 100,000 bookings of a signed booking file to cards;
 *  3. log-in throughput while an attacker brute-forces (wrong passwords over many ids) and real users
 *     keep logging in (through verifyCardCredential, without HTTP).
 * On PostgreSQL when DATABASE_URL is set (a fresh database per run), else on in-memory PGlite with
 * smaller sizes. Options: ROWS=n RUNS=n in argv as key=value.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/bootstrap.js';
import { migrate } from '../src/platform/migrate.js';
import type { AppContext } from '../src/platform/context.js';
import { upsertCardSettings, getCardSettings, type CardSettings } from '../src/modules/card-issuance/internal/card-settings.js';
import { importIssuanceList } from '../src/modules/card-issuance/internal/import-issuance-list.js';
import { importBookings } from '../src/modules/card-issuance/internal/import-bookings.js';
import { encodeCsvText, syntheticIssuanceCsv } from '../src/modules/card-issuance/internal/synthetic-list.js';
import { exportBundle } from '../src/modules/card-issuance/internal/export-bundle.js';
import { importBundle } from '../src/modules/card-issuance/internet/import-bundle.js';
import { verifyCardCredential } from '../src/modules/card-issuance/internet/verify-credential.js';
import { writeExchangeFile } from '../src/modules/card-issuance/shared/exchange-file.js';
import { sealBookingRows } from '../src/modules/card-issuance/shared/field-seal.js';
import { internetFileRecipient, internetSigningKey } from '../src/modules/card-issuance/shared/zone-keys.js';
import { decryptPersonal } from '../src/modules/card-issuance/internal/card-personal.js';
import { cardRowMaker, cardRows } from '../src/modules/card-issuance/internal/card-rows.js';
import { defaultPoolSize, startEncryptPool, workerKeys } from '../src/modules/card-issuance/internal/encrypt-pool.js';
import { resolveColumns, validateRow, type IssuanceRow } from '../src/modules/card-issuance/internal/issuance-list-layout.js';
import { fastCsvRecords } from '../src/platform/csv/read.js';
import { decodeCsvStream } from '../src/platform/csv/encoding.js';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.split('=') as [string, string]));
const base = loadConfig({ ...process.env, MADOGUCHI_ENV: 'test', LOG_LEVEL: 'silent', RUN_WORKER: 'false' }, { testHarness: true });
const onPg = Boolean(base.databaseUrl);
const ROWS = Number(args.ROWS ?? (onPg ? 500_000 : 100_000));
const RUNS = Number(args.RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const sys = { type: 'system' as const, id: 'bench' };

async function freshContext(): Promise<{ ctx: AppContext; url?: string; drop(): Promise<void> }> {
  if (!base.databaseUrl) {
    const ctx = await createContext(base, { memory: true });
    await migrate(ctx.db);
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
  return {
    ctx,
    url: u.toString(),
    async drop() {
      await ctx.db.close();
      const c = new pg.Client({ connectionString: base.databaseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function office(ctx: AppContext): Promise<CardSettings> {
  await ctx.db.query(`INSERT INTO departments (code, name) VALUES ('shimin', '市民課') ON CONFLICT DO NOTHING`);
  const d = (await ctx.db.query<{ id: string }>(`SELECT id FROM departments WHERE code = 'shimin'`)).rows[0]!.id;
  await upsertCardSettings(
    ctx.db,
    { departmentId: d, idPattern: '^[0-9A-Z]{3}[0-9]{6}$', passwordPolicy: 'birthday', bookingUrl: '', columnMapping: {} },
    new Date(),
  );
  return (await getCardSettings(ctx.db, d))!;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'card-bench-'));
const file = path.join(tmp, 'list.csv');
fs.writeFileSync(file, encodeCsvText(syntheticIssuanceCsv({ rows: ROWS, seed: 1, idPrefix: 'BEN' }), 'shift_jis'));
console.log(
  `card benchmark on ${onPg ? 'PostgreSQL' : 'PGlite (in memory)'}; ${ROWS} rows, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB Shift_JIS; ${RUNS} runs; ${os.cpus().length} cores`,
);

const importRates: number[] = [];
const copyRates: number[] = [];
const encryptOnly: number[] = [];
const encryptManyOnly: number[] = [];
const cardRowsOneThread: number[] = [];
const cardRowsPool: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const db = await freshContext();
  const settings = await office(db.ctx);
  const t0 = performance.now();
  const r = await importIssuanceList(db.ctx, {
    settings,
    fileName: 'bench.csv',
    open: () => fs.createReadStream(file),
    encoding: 'shift_jis',
    actor: sys,
  });
  const s = (performance.now() - t0) / 1000;
  if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);
  importRates.push(ROWS / s);
  const t = r.timings;
  console.log(
    `  run ${run + 1}: import ${s.toFixed(1)} s = ${Math.round(ROWS / s)} rows/s (hash ${(t.hashMs / 1000).toFixed(1)} s; ` +
      `read+validate to the last line ${(t.validateMs / 1000).toFixed(1)} s, encrypting on ${t.workers || 'no'} worker thread(s) and writing meanwhile; ` +
      `write tail ${(t.writeMs / 1000).toFixed(1)} s; secondary indexes ${t.indexesDeferred ? 'built after the COPY' : 'maintained row by row'})`,
  );
  const personal = '["テスト 太郎","テスト タロウ","1980-01-01","1","9990001","架空県見本市テスト町1丁目1番地","20240000000000000000000"]';
  const e0 = performance.now();
  for (let i = 0; i < 50_000; i++) db.ctx.crypto.encrypt(personal, 'card_int_cards.personal');
  encryptOnly.push(50_000 / ((performance.now() - e0) / 1000));
  const batch = Array.from({ length: 2000 }, () => personal);
  const m0 = performance.now();
  for (let i = 0; i < 25; i++) db.ctx.crypto.encryptMany(batch, 'card_int_cards.personal');
  encryptManyOnly.push(50_000 / ((performance.now() - m0) / 1000));
  const rows = await validatedRows(Math.min(ROWS, 100_000));
  const constants = {
    departmentId: settings.departmentId,
    importId: crypto.randomUUID(),
    receivedAt: new Date().toISOString(),
    passwordPolicy: 'birthday' as const,
    idTimeMs: Date.now(),
  };
  const maker = cardRowMaker(db.ctx.crypto, constants);
  const r0 = performance.now();
  for (let i = 0; i < rows.length; i += 2000) cardRows(maker, { rows: rows.slice(i, i + 2000), firstSeq: i });
  cardRowsOneThread.push(rows.length / ((performance.now() - r0) / 1000));
  const pool = startEncryptPool({ keys: workerKeys(db.ctx.secrets), constants }, defaultPoolSize());
  await Promise.all(Array.from({ length: defaultPoolSize() }, () => pool.encrypt({ rows: rows.slice(0, 10), firstSeq: 0 })));
  const p0 = performance.now();
  const batches = [];
  for (let i = 0; i < rows.length; i += 2000) batches.push(pool.encrypt({ rows: rows.slice(i, i + 2000), firstSeq: i }));
  await Promise.all(batches);
  cardRowsPool.push(rows.length / ((performance.now() - p0) / 1000));
  await pool.close();
  if (db.url) {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query('CREATE TABLE bench_copy (a text, b text, c text, d text, e text, f text, g text, h text, i text)');
    const c0 = performance.now();
    await pipeline(
      fs.createReadStream(file),
      c.query(copyFrom("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true, ENCODING 'SJIS')")),
    );
    const cs = (performance.now() - c0) / 1000;
    copyRates.push(ROWS / cs);
    console.log(`  run ${run + 1}: bare COPY ${cs.toFixed(1)} s = ${Math.round(ROWS / cs)} rows/s`);
    await c.end();
  }
  if (run === RUNS - 1) await matchingAndLogin(db.ctx, settings);
  await db.drop();
}
console.log(`\nimport median: ${Math.round(median(importRates))} rows/s (${(ROWS / median(importRates)).toFixed(1)} s for ${ROWS})`);
if (copyRates.length)
  console.log(
    `bare COPY median: ${Math.round(median(copyRates))} rows/s; import/COPY ratio ${(median(importRates) / median(copyRates)).toFixed(2)}`,
  );
console.log(
  `encryption alone, one thread: ${Math.round(median(encryptOnly))} rows/s with a data key per row; ${Math.round(median(encryptManyOnly))} rows/s with one per 2,000 (the import's batches)`,
);
console.log(
  `card rows alone (envelope, 3 blind-index HMACs, binary COPY row): ${Math.round(median(cardRowsOneThread))} rows/s on one thread; ` +
    `${Math.round(median(cardRowsPool))} rows/s on ${defaultPoolSize()} worker thread(s)`,
);
fs.rmSync(tmp, { recursive: true, force: true });

/** The file's first `n` rows, read and validated as the import does (no database). */
async function validatedRows(n: number): Promise<IssuanceRow[]> {
  const rows: IssuanceRow[] = [];
  let columns: ReturnType<typeof resolveColumns>['columns'] | undefined;
  const text = fs.createReadStream(file).pipe(decodeCsvStream('shift_jis')) as AsyncIterable<string>;
  for await (const batch of fastCsvRecords(text))
    for (const { record, line } of batch) {
      if (!columns) {
        columns = resolveColumns(record, {}).columns;
        continue;
      }
      const v = validateRow(record, line, columns, { idPattern: '^[0-9A-Z]{3}[0-9]{6}$', today: '2026-01-01' });
      if (v.row && rows.length < n) rows.push(v.row);
    }
  return rows;
}

async function matchingAndLogin(ctx: AppContext, settings: CardSettings) {
  const N = Math.min(100_000, ROWS);
  const ids = (
    await ctx.db.query<{ control_no: string }>('SELECT control_no FROM card_int_cards ORDER BY control_no LIMIT $1', [N])
  ).rows.map((r) => r.control_no);
  const rows = ids.map((id, i) => ({
    bookingRef: `C-B${String(Math.floor(i / 2)).padStart(8, '0')}`,
    reservationId: id,
    location: 'honcho',
    locationName: '本庁舎',
    start: new Date(Date.UTC(2026, 11, 1, 0, 0) + (i % 500) * 1_800_000).toISOString(),
    end: new Date(Date.UTC(2026, 11, 1, 0, 30) + (i % 500) * 1_800_000).toISOString(),
    status: 'booked',
    email: i % 3 ? null : `p${i}@example.test`,
    group: [id],
    memo: null,
  }));
  const matchTimes: number[] = [];
  for (let k = 0; k < 3; k++) {
    // Each pass is a new booking file (new id, higher sequence) with fresh booking numbers.
    const fileId = crypto.randomUUID();
    const sealed = sealBookingRows(
      rows.map((r) => ({ ...r, bookingRef: `${r.bookingRef}${k}` })),
      internetFileRecipient(ctx),
      fileId,
    );
    const text = writeExchangeFile(
      {
        kind: 'card-bookings',
        fileId,
        sequence: k + 1,
        createdAt: new Date().toISOString(),
        department: 'shimin',
        seal: sealed.seal,
        parts: { bookings: sealed.rows },
      },
      internetSigningKey(ctx),
    ).text;
    const t0 = performance.now();
    const r = await importBookings(ctx, { settings, text, actor: sys });
    const s = (performance.now() - t0) / 1000;
    matchTimes.push(s);
    console.log(`  matching ${N} bookings: ${s.toFixed(1)} s (${r.booked} booked, ${r.problems.length} problems)`);
  }
  console.log(`matching median: ${median(matchTimes).toFixed(1)} s for ${N} bookings = ${Math.round(N / median(matchTimes))} rows/s`);

  // Log-in: 400 cards with verifiers on the booking site; an attacker sprays wrong passwords from
  // 50 addresses while 200 real users log in from their own addresses. PGlite is ONE session that
  // serves every query in turn: 50 attackers in tight loops (a throttled answer is one cheap query)
  // starve the 8 users, who need about six queries each, so the stage crawled for many minutes and
  // looked hung. On PGlite the attack is scaled down (10 addresses, 50 users); attackers yield to the
  // event loop between attempts on both databases.
  const ATTACKERS = onPg ? 50 : 10;
  const USERS = onPg ? 200 : 50;
  await ctx.db.query(
    "UPDATE card_int_cards SET state = 'issued' WHERE control_no NOT IN (SELECT control_no FROM card_int_cards ORDER BY control_no DESC LIMIT 400)",
  );
  const bundle = await exportBundle(ctx, { settings, actor: sys });
  await importBundle(ctx, { text: bundle.text, actor: sys });
  const users = (
    await ctx.db.query<{ control_no: string; personal_enc: string }>(
      "SELECT control_no, personal_enc FROM card_int_cards WHERE state <> 'issued' LIMIT $1",
      [USERS],
    )
  ).rows.map((u) => ({
    id: u.control_no,
    pw: decryptPersonal(ctx.crypto, u.personal_enc).birthDate.replace(/^\d{4}-(\d\d)-(\d\d)$/, '$1$2'),
  }));
  const t0 = performance.now();
  let attacks = 0;
  const outcomes: Record<string, number> = {};
  let stop = false;
  const attacker = async (a: number) => {
    while (!stop) {
      const id = `BEN${String(Math.floor(Math.random() * ROWS) + 1).padStart(6, '0')}`;
      const r = await verifyCardCredential(ctx, {
        reservationId: id,
        password: String(1000 + Math.floor(Math.random() * 9000)),
        clientIp: `198.51.100.${a}`,
      });
      outcomes[r.result] = (outcomes[r.result] ?? 0) + 1;
      attacks++;
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const attackers = Array.from({ length: ATTACKERS }, (_, a) => attacker(a + 1));
  const lat: number[] = [];
  let ok = 0;
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      for (let i = w; i < users.length; i += 8) {
        const u = users[i]!;
        const s0 = performance.now();
        const r = await verifyCardCredential(ctx, {
          reservationId: u.id,
          password: u.pw,
          clientIp: `10.1.${Math.floor(i / 250)}.${i % 250}`,
        });
        lat.push(performance.now() - s0);
        if (r.result === 'ok') ok++;
      }
    }),
  );
  stop = true;
  await Promise.all(attackers);
  const secs = (performance.now() - t0) / 1000;
  console.log(
    `log-in under brute force: ${Math.round(attacks / secs)} attacker attempts/s handled (${JSON.stringify(outcomes)}); ${ATTACKERS} attacker addresses; real users ${ok}/${users.length} in, median ${median(lat).toFixed(0)} ms, p95 ${[...lat].sort((a, b) => a - b)[Math.floor(lat.length * 0.95)]!.toFixed(0)} ms`,
  );
}
