/**
 * Deletion after use: applies every table's declared `sweep` (src/platform/personal-data.ts) — expired
 * sessions and sign-in links, finished jobs' payloads, old LINE push records and alert mails — so data no
 * operation removes once it has served does not stay for ever. One statement per table, in the caller's
 * transaction; audited once per run that erased something, with the counts per table.
 */
import type { Queryable } from '../../../platform/db.js';
import type { PersonalDataRegister } from '../../../platform/personal-data.js';
import { recordAudit } from '../../audit/index.js';

export type SweepResult = Record<string, { deleted: number; scrubbed: number }>;

export async function sweepPersonalData(tx: Queryable, registers: readonly PersonalDataRegister[], now: Date): Promise<SweepResult> {
  const present = new Set(
    (
      await tx.query<{ t: string }>(
        "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
      )
    ).rows.map((r) => r.t),
  );
  const result: SweepResult = {};
  for (const register of registers)
    for (const table of register.tables) {
      const sweep = table.sweep;
      if (!sweep || !present.has(table.table)) continue;
      let deleted = 0;
      let scrubbed = 0;
      if (sweep.delete) deleted = (await tx.query(`DELETE FROM ${table.table} AS t WHERE ${sweep.delete}`, [now])).rowCount;
      if (sweep.scrub)
        scrubbed = (await tx.query(`UPDATE ${table.table} AS t SET ${sweep.scrub.set} WHERE ${sweep.scrub.where}`, [now])).rowCount;
      if (deleted || scrubbed) result[table.table] = { deleted, scrubbed };
    }
  if (Object.keys(result).length)
    await recordAudit(
      tx,
      {
        actor: { type: 'system', label: 'privacy sweep' },
        action: 'privacy.swept',
        recordType: 'privacy_inventory',
        detail: { tables: result },
      },
      now,
    );
  return result;
}
