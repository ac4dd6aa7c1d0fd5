/**
 * Records a dated change of a person (role change, employment change, leave start and end, retirement)
 * and brings the record's current columns (role, employment, hours, 退職日) to the state of today, so a
 * change dated in the future shows from its date (readers compute the state from the history anyway).
 * Checked by roster-rules.ts (date order, nothing after retirement, leave pairs); audited
 * (facility.staff.history with the kind and date).
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { FULL_TIME_WEEKLY_HOURS } from '../shared/types.js';
import { checkEvent, type NewEvent, staffStateOn } from './roster-rules.js';
import { historyByStaff, selectHistory, selectOwnStaff } from './roster.repository.js';
import type { StaffEventInput } from './roster.schemas.js';
import { auditRoster, refuseUnknownStaff, type RosterActor, type RosterAudit, todayOf } from './staff-access.js';

export async function recordStaffEvent(
  ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'config'>,
  actor: RosterActor,
  id: string,
  input: StaffEventInput,
  audit: RosterAudit,
): Promise<{ id: number; kind: NewEvent['kind']; effectiveOn: string }> {
  const today = todayOf(ctx);
  const event: NewEvent = {
    kind: input.kind,
    effectiveOn: input.effectiveOn,
    ...(input.kind === 'role-change' && input.role ? { role: input.role } : {}),
    ...(input.kind === 'employment-change' && input.employment
      ? {
          employment: input.employment,
          weeklyHours: input.weeklyHours ?? (input.employment === 'full-time' ? FULL_TIME_WEEKLY_HOURS : undefined),
        }
      : {}),
  };
  const result = await ctx.db.transaction(async (tx) => {
    const row = await selectOwnStaff(tx, actor.facilityId, id, true);
    if (!row) return undefined;
    const history = historyByStaff(await selectHistory(tx, [row.id])).get(row.id) ?? [];
    const problems = checkEvent(history, event, today);
    if (problems.length) throw errors.validation(problems);
    const note = input.note?.trim() ? ctx.crypto.encrypt(input.note.trim(), FC_CRYPTO.staffHistoryNote) : null;
    const r = await tx.query<{ id: number }>(
      `INSERT INTO fc_staff_history (staff_id, kind, effective_on, role, employment, weekly_hours, note_enc, recorded_by, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        row.id,
        event.kind,
        event.effectiveOn,
        event.role ?? null,
        event.employment ?? null,
        event.weeklyHours ?? null,
        note,
        actor.userId,
        ctx.clock.now(),
      ],
    );
    const eventId = Number(r.rows[0]!.id);
    const state = staffStateOn(
      [
        ...history,
        { seq: eventId, ...event, role: event.role ?? null, employment: event.employment ?? null, weeklyHours: event.weeklyHours ?? null },
      ],
      today,
    );
    await tx.query(`UPDATE fc_staff SET role = $2, employment = $3, weekly_hours = $4, left_on = $5, updated_at = $6 WHERE id = $1`, [
      row.id,
      state.role ?? row.role,
      state.employment ?? row.employment,
      state.weeklyHours ?? row.weekly_hours,
      state.retiredOn,
      ctx.clock.now(),
    ]);
    await auditRoster(ctx, tx, audit, {
      action: 'facility.staff.history',
      recordId: row.id,
      detail: { kind: event.kind, effectiveOn: event.effectiveOn },
    });
    return { id: eventId, kind: event.kind, effectiveOn: event.effectiveOn };
  });
  return result ?? refuseUnknownStaff(ctx, actor, audit, id);
}
