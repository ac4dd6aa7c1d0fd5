/** Session-level operations shared by the API and the pages: view, log-out, department switch, step guards. */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../http/actor.js';
import { AppError, errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { auditContextOf, recordAudit } from '../audit/index.js';
import { deleteSession } from './sessions.js';
import { isMfaRequired } from './staff.policy.js';
import { staffErrors } from './staff-errors.messages.js';

export function sessionView(ctx: AppContext, actor: StaffActor) {
  return {
    csrfToken: actor.csrfToken,
    staff: {
      id: actor.id,
      loginId: actor.loginId,
      displayName: actor.displayName,
      memberships: actor.memberships,
      currentDepartmentId: actor.currentDepartmentId,
      mustChangePassword: actor.mustChangePassword,
      mfaRequired: isMfaRequired(ctx.config, actor.memberships) || actor.mfaPending,
      mfaPending: actor.mfaPending,
      mfaSetupRequired: actor.mfaSetupRequired,
      passwordRenewalDue: actor.passwordRenewalDue,
    },
  };
}

/** Incomplete sessions must pass the second factor before anything else (even a password change). */
export function assertMfaPassed(actor: StaffActor): void {
  if (actor.mfaPending) throw new AppError('mfa_required', 403, staffErrors.text('mfaRequired'));
}

export async function logOut(ctx: AppContext, req: FastifyRequest, actor: StaffActor): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await deleteSession(tx, actor.sessionTokenHash);
    await recordAudit(tx, { ...auditContextOf(req), action: 'staff.logout', recordType: 'staff', recordId: actor.id }, ctx.clock.now());
  });
}

/** The department switcher: only among the person's memberships (else 404). */
export async function switchDepartment(ctx: AppContext, actor: StaffActor, departmentId: string): Promise<void> {
  if (!actor.memberships.some((m) => m.departmentId === departmentId)) throw errors.notFound();
  await ctx.db.query('UPDATE staff_sessions SET current_department_id = $2 WHERE token_hash = $1', [actor.sessionTokenHash, departmentId]);
  actor.currentDepartmentId = departmentId;
}
