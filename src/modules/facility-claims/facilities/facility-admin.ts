/**
 * What the facility-master operations share: who is acting (a member of the city's childcare divisions,
 * or the operator's CLI), the policy check, the audit record filed under the review division, and ending
 * a facility user's access (sessions and open one-time-password challenges) when the city changes what
 * the user logs in with.
 */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { auditContextOf, recordAudit, type AuditEvent } from '../../audit/index.js';
import { assertCanFacility } from '../facility.policy.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';

type AuditContext = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

/** Who runs an operation: city staff (asked the policy) or the system (the operator's CLI, the demo seed). */
export type Acting = { kind: 'staff'; staff: StaffActor; audit: AuditContext } | { kind: 'system'; audit: AuditContext };

/** The operator's command line: audited as system actor "cli". */
export const CLI_ACTING: Acting = {
  kind: 'system',
  audit: { actor: { type: 'system', id: null, label: 'cli' }, clientIp: null, requestId: null },
};

export function staffActing(req: FastifyRequest, staff: StaffActor): Acting {
  return { kind: 'staff', staff, audit: auditContextOf(req) };
}

/** 404 outside both childcare divisions; 403 for members who may not do it. The system may do anything. */
export function assertMay(ctx: Pick<AppContext, 'config'>, by: Acting, action: 'view' | 'manage-facilities'): void {
  if (by.kind === 'staff') assertCanFacility(by.staff, action, ctx.config);
}

/** The audit record of a facility-master change, filed under the review division (ids and codes only). */
export async function auditFacilityChange(
  tx: Queryable,
  ctx: Pick<AppContext, 'config'>,
  by: Acting,
  e: { action: string; recordType: 'fc_facility' | 'fc_user'; recordId: string; detail: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await recordAudit(tx, { ...by.audit, ...e, departmentId: await reviewDepartmentId(tx, ctx.config) }, now);
}

/**
 * Ends everything the user holds: their portal sessions and their open log-in challenges (marked
 * 'superseded', so a code already mailed to the old address cannot finish a log-in).
 */
export async function endUserAccess(tx: Queryable, userId: string, now: Date): Promise<{ sessions: number; challenges: number }> {
  const s = await tx.query('DELETE FROM fc_sessions WHERE user_id = $1', [userId]);
  const c = await tx.query(`UPDATE fc_otp_challenges SET status = 'superseded', closed_at = $2 WHERE user_id = $1 AND status = 'open'`, [
    userId,
    now,
  ]);
  return { sessions: s.rowCount ?? 0, challenges: c.rowCount ?? 0 };
}

/** A facility user row locked for a change, or 404 when it is not a user of that facility. */
export async function lockFacilityUser(
  tx: Queryable,
  facilityId: string,
  userId: string,
): Promise<{ id: string; login_id: string; status: 'active' | 'disabled'; email_index: string }> {
  const r = await tx.query<{ id: string; login_id: string; status: 'active' | 'disabled'; email_index: string }>(
    'SELECT id, login_id, status, email_index FROM fc_users WHERE id = $1 AND facility_id = $2 FOR UPDATE',
    [userId, facilityId],
  );
  const u = r.rows[0];
  if (!u) throw errors.notFound();
  return u;
}
