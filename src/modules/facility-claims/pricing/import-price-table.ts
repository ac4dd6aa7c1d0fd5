/**
 * Imports a unit-price table file (`madoguchi facility prices import FILE`, and the demo's sample):
 * every line checked first, then the table and its entries written in one transaction with the audit
 * record — all or nothing. The identical file imported again is refused (fc_price_tables.source_sha256
 * is unique); a corrected table is a new file, and the newest import of a fiscal year is the one in force.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { type AuditActor, recordAudit } from '../../audit/index.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';
import { type PriceFileProblem, parsePriceTable } from './parse-price-table.js';
import type { PriceEntry } from './price-table.js';

export type ImportPriceTableResult =
  | { ok: true; tableId: string; fiscalYear: number; label: string; isSample: boolean; entries: number }
  | { ok: false; reason: 'invalid' | 'duplicate'; problems: PriceFileProblem[]; existingTableId?: string };

const BATCH = 1000;

async function insertEntries(tx: Queryable, tableId: string, entries: readonly PriceEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += BATCH) {
    const b = entries.slice(i, i + BATCH);
    await tx.query(
      `INSERT INTO fc_price_entries (table_id, line, region_percent, facility_type, capacity_min, capacity_max, cert_class, age_band,
         need, item, unit, amount, experience_min, experience_max)
       SELECT $1, * FROM unnest($2::int[], $3::smallint[], $4::text[], $5::int[], $6::int[], $7::smallint[], $8::text[], $9::text[],
         $10::text[], $11::text[], $12::numeric[], $13::numeric[], $14::numeric[])`,
      [
        tableId,
        b.map((e) => e.line),
        b.map((e) => e.region ?? null),
        b.map((e) => e.facilityType ?? null),
        b.map((e) => e.capacityMin),
        b.map((e) => e.capacityMax ?? null),
        b.map((e) => e.certClass ?? null),
        b.map((e) => e.ageBand ?? null),
        b.map((e) => e.need ?? null),
        b.map((e) => e.item),
        b.map((e) => e.unit),
        b.map((e) => e.amount),
        b.map((e) => e.experienceMin ?? null),
        b.map((e) => e.experienceMax ?? null),
      ],
    );
  }
}

export async function importPriceTable(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  o: { bytes: Buffer; fileName?: string; actor: AuditActor },
): Promise<ImportPriceTableResult> {
  const parsed = await parsePriceTable(o.bytes, o.fileName);
  if (!parsed.ok) return { ok: false, reason: 'invalid', problems: parsed.problems };
  const t = parsed.table;
  const sha = crypto.createHash('sha256').update(o.bytes).digest('hex');
  return ctx.db.transaction(async (tx) => {
    // ON CONFLICT: a concurrent import of the same file waits for the first and then finds its row
    const ins = await tx.query<{ id: string }>(
      `INSERT INTO fc_price_tables (fiscal_year, label, is_sample, rounding, source_sha256, entry_count, imported_at, imported_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (source_sha256) DO NOTHING RETURNING id`,
      [t.fiscalYear, t.label, t.isSample, t.rounding, sha, t.entries.length, ctx.clock.now(), o.actor.label ?? o.actor.id ?? o.actor.type],
    );
    const id = ins.rows[0]?.id;
    if (!id) {
      const existing = await tx.query<{ id: string }>('SELECT id FROM fc_price_tables WHERE source_sha256 = $1', [sha]);
      return {
        ok: false,
        reason: 'duplicate',
        existingTableId: existing.rows[0]?.id,
        problems: [{ line: 1, message: `this file was already imported as table ${existing.rows[0]?.id ?? '?'}` }],
      };
    }
    await insertEntries(tx, id, t.entries);
    await recordAudit(
      tx,
      {
        actor: o.actor,
        action: 'facility.prices.import',
        departmentId: await reviewDepartmentId(tx, ctx.config),
        recordType: 'fc_price_table',
        recordId: id,
        detail: { fiscalYear: t.fiscalYear, isSample: t.isSample, entries: t.entries.length, sha256: sha },
      },
      ctx.clock.now(),
    );
    return { ok: true, tableId: id, fiscalYear: t.fiscalYear, label: t.label, isSample: t.isSample, entries: t.entries.length };
  });
}
