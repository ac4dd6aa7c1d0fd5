/**
 * The review division returns a submitted form to the facility with a comment (required: the facility
 * must know what to correct). Conditional update submitted → returned (a second reviewer, or a facility
 * withdrawing at the same moment, gets 409 submission_state), the event with the comment and the audit
 * entry commit together. Others than the review division: 404 outside both divisions, 403 for the
 * enrolment division.
 */
import type { StaffActor } from '../../../http/actor.js';
import { AppError, errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../audit/index.js';
import { assertCanFacility } from '../facility.policy.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';
import type { AuditCtx } from './get-submission.js';
import { findSubmission, insertEvent, UUID_RE } from './review.repository.js';
import { reviewMessages } from './review.messages.js';

export const MAX_COMMENT = 4000;

/** 409 submission_state with a field message (the form shows it at the decision's comment). */
export function notSubmitted(field: string): AppError {
  const text = reviewMessages.text('notSubmitted');
  return new AppError('submission_state', 409, text, { fieldErrors: [{ field, message: text }] });
}

export async function returnSubmission(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Pick<StaffActor, 'id' | 'memberships'>,
  id: string,
  comment: string,
  audit: AuditCtx,
): Promise<{ id: string; status: 'returned' }> {
  assertCanFacility(actor, 'review', ctx.config);
  const text = comment.trim();
  if (!text) throw errors.validation([{ field: 'comment', message: reviewMessages.text('commentRequired') }]);
  if (text.length > MAX_COMMENT)
    throw errors.validation([{ field: 'comment', message: reviewMessages.text('commentTooLong', { max: MAX_COMMENT }) }]);
  if (!UUID_RE.test(id)) throw errors.notFound();
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const r = await tx.query<{ id: string; form: string; period: string; version: number; facility_id: string }>(
      `UPDATE fc_submissions SET status = 'returned', decided_at = $2, decided_by = $3, updated_at = $2
       WHERE id = $1 AND status = 'submitted' RETURNING id::text AS id, form, period, version, facility_id::text AS facility_id`,
      [id, now, actor.id],
    );
    const row = r.rows[0];
    if (!row) {
      const s = await findSubmission(tx, id);
      if (!s || s.status === 'draft') throw errors.notFound();
      throw notSubmitted('comment');
    }
    await insertEvent(tx, { submissionId: id, action: 'returned', actorType: 'staff', actorId: actor.id, comment: text, at: now });
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'facility.submission.return',
        departmentId: await reviewDepartmentId(tx, ctx.config),
        recordType: 'fc_submission',
        recordId: id,
        detail: { form: row.form, period: row.period, version: row.version, facilityId: row.facility_id },
      },
      now,
    );
    return { id, status: 'returned' };
  });
}
