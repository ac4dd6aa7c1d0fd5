/**
 * 廃棄 (destruction) of uncollected cards. A card is due `destroy_after_days` after it became
 * uncollected, and never before `destroy_min_days_after_receipt` days after it arrived (per office,
 * domain-japan.md §1.4). Nothing is destroyed automatically: the cities destroy in batches by hand
 * (Hatsukaichi), so staff confirm the cards they destroyed from the due list. The confirmation is one
 * conditional UPDATE (still uncollected, still due, same department), audited with the ids.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { recordAudit, type AuditActor } from '../../audit/index.js';
import { assertCan } from '../card.policy.js';
import { logStates } from './import-bookings.js';

/** The destruction date of card `c` under its office's settings `s`. */
const DUE_SQL = `GREATEST(c.uncollected_at + make_interval(days => s.destroy_after_days),
  c.received_at + make_interval(days => s.destroy_min_days_after_receipt))`;
const DUE_FROM = `FROM card_int_cards c JOIN card_int_settings s ON s.department_id = c.department_id
  WHERE c.department_id = $1 AND c.state = 'uncollected' AND ${DUE_SQL} <= $2`;

/** At most this many cards are listed and confirmed at once (one form). */
export const DESTRUCTION_PAGE_SIZE = 500;

export type DueCard = { id: string; controlNo: string; receivedAt: Date; uncollectedAt: Date | null; dueAt: Date };

export async function countDueForDestruction(q: Queryable, departmentId: string, now: Date): Promise<number> {
  const r = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${DUE_FROM}`, [departmentId, now]);
  return r.rows[0]?.n ?? 0;
}

/** Cards due for destruction at `now`, earliest due first (ids, numbers and dates only). */
export async function dueForDestruction(q: Queryable, departmentId: string, now: Date, limit = DESTRUCTION_PAGE_SIZE): Promise<DueCard[]> {
  const r = await q.query<{ id: string; control_no: string; received_at: Date; uncollected_at: Date | null; due_at: Date }>(
    `SELECT c.id, c.control_no, c.received_at, c.uncollected_at, ${DUE_SQL} AS due_at ${DUE_FROM} ORDER BY due_at, c.control_no LIMIT $3`,
    [departmentId, now, limit],
  );
  return r.rows.map((x) => ({
    id: x.id,
    controlNo: x.control_no,
    receivedAt: x.received_at,
    uncollectedAt: x.uncollected_at,
    dueAt: x.due_at,
  }));
}

type Audit = { actor: AuditActor; clientIp?: string | null; requestId?: string | null };

/**
 * Marks the given cards destroyed at now. Cards that are not (or no longer) uncollected and due, or
 * belong to another department, are left as they are and counted as skipped. A staff member confirming
 * must be the office's department administrator (card policy 'confirm-destruction').
 */
export async function confirmDestruction(
  ctx: AppContext,
  o: { departmentId: string; cardIds: string[]; staff: StaffActor } & Audit,
): Promise<{ destroyed: number; skipped: number }> {
  assertCan(o.staff, 'confirm-destruction', o.departmentId);
  const ids = [...new Set(o.cardIds)].slice(0, DESTRUCTION_PAGE_SIZE);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const r = await tx.query<{ id: string }>(
      `UPDATE card_int_cards c SET state = 'destroyed', destroyed_at = $2, state_changed_at = $2
       FROM card_int_settings s WHERE s.department_id = c.department_id
         AND c.department_id = $1 AND c.state = 'uncollected' AND ${DUE_SQL} <= $2 AND c.id = ANY($3::uuid[])
       RETURNING c.id`,
      [o.departmentId, now, ids],
    );
    const done = r.rows.map((x) => x.id);
    await logStates(
      tx,
      o.departmentId,
      done.map((id) => ({ id, from: 'uncollected' as const })),
      'destroyed',
      now,
      'staff',
    );
    await recordAudit(
      tx,
      {
        actor: o.actor,
        clientIp: o.clientIp,
        requestId: o.requestId,
        action: 'card.destruction.confirm',
        departmentId: o.departmentId,
        recordType: 'card',
        detail: { destroyed: done.length, skipped: ids.length - done.length, cardIds: done },
      },
      now,
    );
    return { destroyed: done.length, skipped: ids.length - done.length };
  });
}
