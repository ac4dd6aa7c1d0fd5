/**
 * The applicant withdraws (取り下げ) an application that is not closed or paid. The status rule is
 * application-status.ts's, checked again under the row lock; the history keeps every step.
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { canTransition } from '../application-status.js';
import { findForApplicant, viewOf, type ApplicationView } from './read-application.js';
import { submissionMessages as m } from './submissions.messages.js';
import { changeStatus } from './submissions.repository.js';
import { paymentSummaryOf } from '../payments/index.js';
import { findApplicationById } from './submissions.repository.js';

export async function withdrawApplication(
  ctx: AppContext,
  referenceNumber: string,
  accessToken: string,
  options: { clientIp: string },
): Promise<ApplicationView> {
  const now = ctx.clock.now();
  const applicant = await findForApplicant(ctx, referenceNumber, accessToken, options.clientIp);
  return ctx.db.transaction(async (tx) => {
    // the state is read again under the row lock: staff may have moved it meanwhile
    const a = await findApplicationById(tx, applicant.id, { lock: true });
    if (!a?.answersEnc) throw errors.notFound(m.text('lookupFailed'));
    const paid = ['paid', 'refunded', 'partially_refunded'].includes((await paymentSummaryOf(tx, a.id))?.status ?? '');
    if (paid || !canTransition(a.status, 'withdrawn', 'citizen')) throw errors.conflict('status_transition', m.text('notWithdrawable'));
    await changeStatus(tx, a.id, { status: 'withdrawn', now, clearCorrection: true });
    // a withdrawn application is kept for the procedure's retention period, then erased
    await tx.query(
      `UPDATE app_applications a SET retain_until = $2::timestamptz + make_interval(days => (v.definition->>'retentionDays')::int)
         FROM app_procedure_versions v WHERE a.id = $1 AND v.procedure_id = a.procedure_id AND v.version = a.procedure_version`,
      [a.id, now],
    );
    return viewOf(ctx, tx, { ...a, status: 'withdrawn', correctionFields: [] });
  });
}
