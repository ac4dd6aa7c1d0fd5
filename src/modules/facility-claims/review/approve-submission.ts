/**
 * The review division approves a submitted form (comment optional). In one transaction, under the
 * submission's row lock: the version approved before for the same facility, form and period becomes
 * superseded FIRST (fc_submissions_one_approved allows one approved version), then this one becomes
 * approved — locked from then on by the fc_submissions_lock trigger. Events 'superseded' and
 * 'approved' and the audit entry commit with it. A submission that is not 'submitted' (already decided,
 * withdrawn, a draft being edited) → 409 submission_state; 404 outside both divisions, 403 for the
 * enrolment division.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../audit/index.js';
import { assertCanFacility } from '../facility.policy.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';
import type { AuditCtx } from './get-submission.js';
import { MAX_COMMENT, notSubmitted } from './return-submission.js';
import { findSubmission, insertEvent } from './review.repository.js';
import { reviewMessages } from './review.messages.js';

export async function approveSubmission(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  actor: Pick<StaffActor, 'id' | 'memberships'>,
  id: string,
  comment: string | undefined,
  audit: AuditCtx,
): Promise<{ id: string; status: 'approved'; superseded: string | null }> {
  assertCanFacility(actor, 'review', ctx.config);
  const text = comment?.trim() || null;
  if (text && text.length > MAX_COMMENT)
    throw errors.validation([{ field: 'comment', message: reviewMessages.text('commentTooLong', { max: MAX_COMMENT }) }]);
  return ctx.db.transaction(async (tx) => {
    const s = await findSubmission(tx, id, { lock: true });
    if (!s || s.status === 'draft') throw errors.notFound();
    if (s.status !== 'submitted') throw notSubmitted('approveComment');
    const now = ctx.clock.now();
    const old = await tx.query<{ id: string }>(
      `UPDATE fc_submissions SET status = 'superseded', updated_at = $5
       WHERE facility_id = $1 AND form = $2 AND period = $3 AND status = 'approved' AND id <> $4 RETURNING id::text AS id`,
      [s.facilityId, s.form, s.period, s.id, now],
    );
    const superseded = old.rows[0]?.id ?? null;
    if (superseded)
      await insertEvent(tx, {
        submissionId: superseded,
        action: 'superseded',
        actorType: 'staff',
        actorId: actor.id,
        comment: null,
        at: now,
      });
    await tx.query(`UPDATE fc_submissions SET status = 'approved', decided_at = $2, decided_by = $3, updated_at = $2 WHERE id = $1`, [
      s.id,
      now,
      actor.id,
    ]);
    await insertEvent(tx, { submissionId: s.id, action: 'approved', actorType: 'staff', actorId: actor.id, comment: text, at: now });
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'facility.submission.approve',
        departmentId: await reviewDepartmentId(tx, ctx.config),
        recordType: 'fc_submission',
        recordId: s.id,
        detail: { form: s.form, period: s.period, version: s.version, facilityId: s.facilityId, superseded },
      },
      now,
    );
    return { id: s.id, status: 'approved', superseded };
  });
}
