/** The application items in effect on a date: for each item code, the newest fc_items row of the fiscal year effective on or before it. */
import type { Queryable } from '../../../platform/db.js';
import { ITEM_CODES, type ItemCode, type ItemInEffect } from '../shared/types.js';

const KNOWN = new Set<string>(ITEM_CODES);

export async function itemsInEffect(q: Queryable, facilityId: string, fiscalYear: number, date: string): Promise<ItemInEffect[]> {
  const r = await q.query<{ item_code: string; claimed: boolean; effective_from: string; value: Record<string, unknown> }>(
    `SELECT DISTINCT ON (item_code) item_code, claimed, effective_from::text AS effective_from, value
       FROM fc_items
      WHERE facility_id = $1 AND fiscal_year = $2 AND effective_from <= $3::date
      ORDER BY item_code, effective_from DESC`,
    [facilityId, fiscalYear, date],
  );
  // codes no longer in ITEM_CODES (an item retired from the vocabulary) are not in effect for anyone
  return r.rows
    .filter((row) => KNOWN.has(row.item_code))
    .sort((a, b) => ITEM_CODES.indexOf(a.item_code as ItemCode) - ITEM_CODES.indexOf(b.item_code as ItemCode))
    .map((row) => ({ code: row.item_code as ItemCode, claimed: row.claimed, effectiveFrom: row.effective_from, value: row.value ?? {} }));
}
