/**
 * The card issuance-list import next to its two physical references, on PostgreSQL (one round):
 * - bare COPY of the plaintext Shift_JIS file into a table of text columns;
 * - COPY of the same rows as the import stored them (encrypted, blind-indexed) into a table with
 *   the same columns and indexes as card_int_cards (LIKE … INCLUDING ALL; no foreign keys).
 * `npm run bench:card` has the full card benchmark (phases, matching, log-in under attack).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { createContext } from '../src/bootstrap.js';
import type { Config } from '../src/config.js';
import { getCardSettings, upsertCardSettings } from '../src/modules/card-issuance/internal/card-settings.js';
import { importIssuanceList } from '../src/modules/card-issuance/internal/import-issuance-list.js';
import { encodeCsvText, syntheticIssuanceCsv } from '../src/modules/card-issuance/internal/synthetic-list.js';
import { migrate } from '../src/platform/migrate.js';

export type CardRound = { importSeconds: number; plainCopySeconds: number; encryptedCopySeconds: number };

export async function cardImportRound(base: Config, rows: number): Promise<CardRound> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'card-ratio-'));
  const file = path.join(tmp, 'list.csv');
  const dump = path.join(tmp, 'encrypted.copy');
  fs.writeFileSync(file, encodeCsvText(syntheticIssuanceCsv({ rows, seed: 1, idPrefix: 'BEN' }), 'shift_jis'));
  const name = `madoguchi_bench_card_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const u = new URL(base.databaseUrl as string);
  u.pathname = `/${name}`;
  const ctx = await createContext({ ...base, databaseUrl: u.toString() }, { memory: true });
  const c = new pg.Client({ connectionString: u.toString() });
  try {
    await migrate(ctx.db);
    await ctx.db.query(`INSERT INTO departments (code, name) VALUES ('shimin', '市民課') ON CONFLICT DO NOTHING`);
    const d = (await ctx.db.query<{ id: string }>(`SELECT id FROM departments WHERE code = 'shimin'`)).rows[0]!.id;
    await upsertCardSettings(
      ctx.db,
      { departmentId: d, idPattern: '^[0-9A-Z]{3}[0-9]{6}$', passwordPolicy: 'birthday', bookingUrl: '', columnMapping: {} },
      new Date(),
    );
    const settings = (await getCardSettings(ctx.db, d))!;
    const t0 = performance.now();
    const r = await importIssuanceList(ctx, {
      settings,
      fileName: 'bench.csv',
      open: () => fs.createReadStream(file),
      encoding: 'shift_jis',
      actor: { type: 'system', id: 'bench' },
    });
    const importSeconds = (performance.now() - t0) / 1000;
    if (!r.ok) throw new Error(`import failed: ${JSON.stringify(r.errors.slice(0, 3))}`);

    await c.connect();
    await c.query('CREATE TABLE bench_plain (a text, b text, c text, d text, e text, f text, g text, h text, i text)');
    const p0 = performance.now();
    await pipeline(
      fs.createReadStream(file),
      c.query(copyFrom("COPY bench_plain FROM STDIN WITH (FORMAT csv, HEADER true, ENCODING 'SJIS')")),
    );
    const plainCopySeconds = (performance.now() - p0) / 1000;

    await pipeline(c.query(copyTo('COPY card_int_cards TO STDOUT')), fs.createWriteStream(dump));
    await c.query('CREATE TABLE bench_encrypted (LIKE card_int_cards INCLUDING ALL)');
    const e0 = performance.now();
    await pipeline(fs.createReadStream(dump), c.query(copyFrom('COPY bench_encrypted FROM STDIN')));
    const encryptedCopySeconds = (performance.now() - e0) / 1000;
    return { importSeconds, plainCopySeconds, encryptedCopySeconds };
  } finally {
    await c.end().catch(() => undefined);
    await ctx.db.close();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
