/**
 * What the roster's operations share: the facility scope (always the session's facility, never an id
 * from the request), the refusal of an id that is not this facility's, and audit records.
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { jstDate } from '../../../platform/japan-time.js';
import { type AuditEvent, recordAudit } from '../../audit/index.js';
import { recordSecurityEvent } from '../../security/index.js';
import type { FacilityActor } from '../shared/facility-session.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';
import { staffExists } from './roster.repository.js';

export type RosterActor = Pick<FacilityActor, 'userId' | 'facilityId'>;
/** Actor, address and request id of the facility user's request (facilityAuditContext). */
export type RosterAudit = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

export const todayOf = (ctx: Pick<AppContext, 'clock'>): string => jstDate(ctx.clock.now());

/**
 * An id that is not one of the facility's staff: 404, exactly as for an unknown id. When the id is
 * another facility's, the probe is also a security event (ids only) for the city's administrators.
 */
export async function refuseUnknownStaff(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  actor: RosterActor,
  audit: RosterAudit,
  id: string,
): Promise<never> {
  if (await staffExists(ctx.db, id))
    await recordSecurityEvent(
      ctx.db,
      {
        kind: 'facility.cross_facility',
        severity: 'warning',
        clientIp: audit.clientIp ?? null,
        subject: actor.userId,
        detail: { facilityId: actor.facilityId, recordType: 'fc_staff', recordId: id },
      },
      ctx.clock.now(),
    );
  throw errors.notFound();
}

export async function auditRoster(
  ctx: Pick<AppContext, 'config' | 'clock'>,
  tx: Queryable,
  audit: RosterAudit,
  e: { action: string; recordId: string | null; detail: Record<string, unknown> },
): Promise<void> {
  await recordAudit(
    tx,
    {
      ...audit,
      action: e.action,
      departmentId: await reviewDepartmentId(tx, ctx.config),
      recordType: 'fc_staff',
      recordId: e.recordId,
      detail: e.detail,
    },
    ctx.clock.now(),
  );
}
