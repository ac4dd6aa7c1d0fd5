/**
 * A person changes their own password: current password checked, policy applied, reuse of the
 * current password refused; every other session of theirs ends.
 */
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit, type AuditEvent } from '../audit/index.js';
import { hashPassword, verifyPassword } from '../../platform/passwords.js';
import { checkPasswordPolicy } from './password-policy.js';
import { deleteSessionsOf } from './sessions.js';
import { findStaffById } from './staff.repository.js';
import { staffErrors } from './staff-errors.messages.js';

export async function changePassword(
  ctx: AppContext,
  actor: StaffActor,
  input: { currentPassword: string; newPassword: string },
  meta: Pick<AuditEvent, 'clientIp' | 'requestId'>,
): Promise<void> {
  const staff = await findStaffById(ctx.db, actor.id);
  if (!staff) throw errors.unauthenticated();
  if (!(await verifyPassword(staff.password_hash, input.currentPassword)))
    throw errors.validation([{ field: 'currentPassword', message: staffErrors.text('currentPasswordWrong') }]);
  const problems = checkPasswordPolicy(input.newPassword, { loginId: staff.login_id, displayName: staff.display_name });
  if (problems.length) throw errors.validation(problems.map((message) => ({ field: 'newPassword', message })));
  if (await verifyPassword(staff.password_hash, input.newPassword))
    throw errors.validation([{ field: 'newPassword', message: staffErrors.text('samePassword') }]);
  const hash = await hashPassword(input.newPassword);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const r = await tx.query(
      'UPDATE staff SET password_hash = $2, password_changed_at = $3, must_change_password = false WHERE id = $1 AND password_hash = $4',
      [actor.id, hash, now, staff.password_hash],
    );
    if (r.rowCount !== 1) throw errors.conflict('password_changed_concurrently', staffErrors.text('passwordChangedConcurrently'));
    const ended = await deleteSessionsOf(tx, actor.id, actor.sessionTokenHash);
    await recordAudit(
      tx,
      {
        ...meta,
        actor: { type: 'staff', id: actor.id, label: actor.loginId },
        action: 'staff.password_changed',
        recordType: 'staff',
        recordId: actor.id,
        detail: { otherSessionsEnded: ended },
      },
      now,
    );
  });
}
