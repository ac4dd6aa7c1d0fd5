/** Withdraws a submitted version before the city decides: submitted → draft (a conditional update), event 'withdrawn', audited. */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { type AuditCtx, auditSubmission, type FacilityWho, stateError } from './draft-content.js';
import { addEvent, changeStatus, findSubmission } from './submissions.repository.js';

export async function withdrawSubmission(
  ctx: AppContext,
  who: FacilityWho,
  audit: AuditCtx,
  id: string,
): Promise<{ id: string; status: 'draft' }> {
  return ctx.db.transaction(async (tx) => {
    const row = await findSubmission(tx, who.facilityId, id, { lock: true });
    if (!row) throw errors.notFound();
    const now = ctx.clock.now();
    if (row.status !== 'submitted' || !(await changeStatus(tx, row.id, ['submitted'], 'draft', { now }))) throw stateError(row.status);
    await addEvent(tx, row.id, 'withdrawn', who, now);
    await auditSubmission(ctx, tx, audit, 'facility.submission.withdraw', row);
    return { id: row.id, status: 'draft' as const };
  });
}
