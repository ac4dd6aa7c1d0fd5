/**
 * Assigns an application to a member of its department (or clears the assignment). The assignee must
 * hold a membership of that department other than payment_admin; audited.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../audit/index.js';
import { assertCan } from '../applications.policy.js';
import { departmentMembers } from './get-application.js';
import { inboxMessages } from './inbox.messages.js';
import { findApplication } from './inbox.repository.js';
import type { AuditCtx } from './list-applications.js';

export async function assignApplication(
  ctx: AppContext,
  actor: Pick<StaffActor, 'id' | 'memberships'>,
  id: string,
  staffId: string | null,
  audit: AuditCtx,
): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const app = await findApplication(tx, id, { lock: true });
    if (!app) throw errors.notFound();
    assertCan(actor, 'handle', app.departmentId);
    if (staffId && !(await departmentMembers(tx, app.departmentId)).some((m) => m.id === staffId))
      throw errors.validation([{ field: 'staffId', message: inboxMessages.text('assigneeNotMember') }]);
    const now = ctx.clock.now();
    await tx.query('UPDATE app_applications SET assigned_staff_id = $2, updated_at = $3 WHERE id = $1', [app.id, staffId, now]);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'application.assign',
        departmentId: app.departmentId,
        recordType: 'application',
        recordId: app.id,
        detail: { from: app.assignedStaffId, to: staffId },
      },
      now,
    );
  });
}
