/**
 * Submits a draft or returned version to the city: its content is first rebuilt from the current data
 * (the facts may have changed since it was saved), and while any check is an error it is refused with
 * those checks as field errors (422), nothing changed. draft|returned → submitted is a conditional
 * update, so a concurrent withdrawal or second submit cannot slip past the state rule.
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { entriesOf, hasErrors } from './build-forms.js';
import { type AuditCtx, auditSubmission, type FacilityWho, freshContent, stateError } from './draft-content.js';
import { formPeriod } from './period.js';
import { addEvent, changeStatus, decryptContent, findSubmission, updateContent } from './submissions.repository.js';

export async function submitSubmission(
  ctx: AppContext,
  who: FacilityWho,
  audit: AuditCtx,
  id: string,
): Promise<{ id: string; status: 'submitted' }> {
  return ctx.db.transaction(async (tx) => {
    const row = await findSubmission(tx, who.facilityId, id, { lock: true });
    if (!row) throw errors.notFound();
    if (row.status !== 'draft' && row.status !== 'returned') throw stateError(row.status);
    const now = ctx.clock.now();
    const fresh = await freshContent(ctx, tx, who.facilityId, formPeriod(row.form, row.period)!, entriesOf(decryptContent(ctx, row)));
    if (hasErrors(fresh.content))
      throw errors.validation(
        fresh.content.checks.filter((c) => c.severity === 'error').map((c) => ({ field: c.field, message: c.message })),
      );
    await updateContent(tx, row.id, { ...fresh, now });
    if (!(await changeStatus(tx, row.id, ['draft', 'returned'], 'submitted', { now, submittedBy: who.userId })))
      throw stateError(row.status);
    await addEvent(tx, row.id, 'submitted', who, now);
    await auditSubmission(ctx, tx, audit, 'facility.submission.submit', row, { from: row.status, totalAmount: fresh.totalAmount });
    return { id: row.id, status: 'submitted' as const };
  });
}
