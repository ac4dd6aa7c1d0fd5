/**
 * The demo's price table: when a fiscal year has no table yet, imports the SAMPLE table of that year
 * (sample/generate.ts; the committed fy2025/fy2026 CSV files are the same bytes). Idempotent: a year with
 * any table — the sample or a real one — is left as it is, and two concurrent calls import it once.
 */
import type { AppContext } from '../../../platform/context.js';
import { importPriceTable } from './import-price-table.js';
import { sampleTableCsv } from './sample/generate.js';

export async function ensureSamplePriceTable(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  fiscalYear: number,
): Promise<{ tableId: string; imported: boolean }> {
  const existing = await ctx.db.query<{ id: string }>(
    'SELECT id FROM fc_price_tables WHERE fiscal_year = $1 ORDER BY imported_at DESC, id DESC LIMIT 1',
    [fiscalYear],
  );
  if (existing.rows[0]) return { tableId: existing.rows[0].id, imported: false };
  const r = await importPriceTable(ctx, {
    bytes: Buffer.from(sampleTableCsv(fiscalYear), 'utf8'),
    fileName: `fy${fiscalYear}-sample.csv`,
    actor: { type: 'system', id: 'demo', label: 'demo' },
  });
  if (r.ok) return { tableId: r.tableId, imported: true };
  if (r.reason === 'duplicate' && r.existingTableId) return { tableId: r.existingTableId, imported: false };
  throw new Error(
    `the sample price table of ${fiscalYear} does not load: ${r.problems.map((p) => `line ${p.line}: ${p.message}`).join('; ')}`,
  );
}
