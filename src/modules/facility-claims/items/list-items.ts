/**
 * The application items of the session's facility for a fiscal year, each with its history (newest
 * first), and the warnings the roster and the child counts give for those claimed: the staffing as of the
 * date (the roster part's rosterAsOf + staffingSummary) and the counts of the latest month imported on or
 * before it, read through itemConditionsMet — the same rule the claims' entry checks and the engine use.
 */
import type { Queryable } from '../../../platform/db.js';
import type { Text } from '../../../platform/i18n.js';
import { rosterAsOf } from '../roster/roster-as-of.js';
import { staffingSummary } from '../roster/staffing.js';
import { type ChildCount, ITEM_CODES, ITEM_LEVELS, type ItemCode, type ItemInEffect, type ItemLevel } from '../shared/types.js';
import { itemConditionsMet } from './item-definitions.js';
import { itemsInEffect } from './items-in-effect.js';

export type ItemHistoryRow = { id: number; effectiveFrom: string; claimed: boolean; value: Record<string, unknown>; recordedAt: Date };
export type ItemOverview = { code: ItemCode; level: ItemLevel; inEffect: ItemInEffect | null; history: ItemHistoryRow[] };

export async function listItems(q: Queryable, facilityId: string, fiscalYear: number, date: string): Promise<ItemOverview[]> {
  const rows = await q.query<{
    id: number;
    item_code: string;
    effective_from: string;
    claimed: boolean;
    value: Record<string, unknown>;
    recorded_at: Date;
  }>(
    `SELECT id, item_code, effective_from::text AS effective_from, claimed, value, recorded_at
       FROM fc_items WHERE facility_id = $1 AND fiscal_year = $2 ORDER BY item_code, effective_from DESC`,
    [facilityId, fiscalYear],
  );
  const inEffect = new Map((await itemsInEffect(q, facilityId, fiscalYear, date)).map((i) => [i.code, i]));
  return ITEM_CODES.map((code) => ({
    code,
    level: ITEM_LEVELS[code],
    inEffect: inEffect.get(code) ?? null,
    history: rows.rows
      .filter((r) => r.item_code === code)
      .map((r) => ({
        id: r.id,
        effectiveFrom: r.effective_from,
        claimed: r.claimed,
        value: r.value ?? {},
        recordedAt: new Date(r.recorded_at),
      })),
  }));
}

/** Conditions the roster and counts do not meet, per item claimed (in effect on the date, or its newest row). */
export async function itemWarnings(
  q: Queryable,
  facilityId: string,
  items: readonly ItemOverview[],
  date: string,
): Promise<Map<ItemCode, Text>> {
  const members = await rosterAsOf(q, facilityId, date);
  const staffing = staffingSummary(members, date);
  const counts = await q.query<ChildCount & { cert_class: number; age_band: string }>(
    `SELECT cert_class, age_band, need, count FROM fc_child_counts
      WHERE facility_id = $1 AND month = (SELECT max(month) FROM fc_child_counts WHERE facility_id = $1 AND month <= $2::date)`,
    [facilityId, date],
  );
  const childCounts = counts.rows.map((r) => ({
    certClass: r.cert_class as 1 | 2 | 3,
    ageBand: r.age_band as ChildCount['ageBand'],
    need: r.need,
    count: r.count,
  }));
  const current = (i: ItemOverview) => i.inEffect ?? (i.history[0] ? { ...i.history[0], code: i.code } : null);
  const sansaiHaichi = items.some((i) => i.code === 'sansai-haichi' && current(i)?.claimed);
  const out = new Map<ItemCode, Text>();
  for (const i of items) {
    const c = current(i);
    if (!c?.claimed) continue;
    const r = itemConditionsMet(i.code, c.value, staffing, childCounts, { sansaiHaichi });
    if (!r.met && r.reason) out.set(i.code, r.reason);
  }
  return out;
}
