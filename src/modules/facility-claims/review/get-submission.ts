/**
 * One submission for the city (both childcare divisions: 'view'; others 404; a draft is the facility's
 * own work: 404): its content decrypted, its history with the comments, and what changed against the
 * comparison basis (the last approved version, else the previous period's approved one). Every read is
 * audited (facility.submission.view) in the transaction of the read.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { assertCanFacility, canFacility } from '../facility.policy.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';
import type { SubmissionContent } from '../shared/types.js';
import { diffSubmissions, type Change } from './diff-submissions.js';
import type { ReviewStatus } from './list-submissions.js';
import {
  decryptContent,
  findBaseline,
  findSubmission,
  submissionEvents,
  type EventEntry,
  type SubmissionRow,
} from './review.repository.js';

export type AuditCtx = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

export type SubmissionDetail = {
  submission: Omit<SubmissionRow, 'contentEnc' | 'status'> & { status: ReviewStatus };
  content: SubmissionContent;
  events: EventEntry[];
  /** The version compared with, and why it was chosen; null when there is none (a first submission). */
  baseline: { id: string; period: string; version: number; status: ReviewStatus; basis: 'version' | 'previous-period' } | null;
  changes: Change[];
  /** The reader may return or approve (review division) — and the submission is waiting for it. */
  canDecide: boolean;
};

export async function getSubmission(
  ctx: Pick<AppContext, 'db' | 'crypto' | 'clock' | 'config'>,
  actor: Pick<StaffActor, 'memberships'>,
  id: string,
  audit: AuditCtx,
): Promise<SubmissionDetail> {
  assertCanFacility(actor, 'view', ctx.config);
  return ctx.db.transaction(async (tx) => {
    const row = await findSubmission(tx, id);
    if (!row || row.status === 'draft') throw errors.notFound();
    const content = decryptContent(ctx, row);
    const base = await findBaseline(tx, row);
    const events = await submissionEvents(tx, row.id);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'facility.submission.view',
        departmentId: await reviewDepartmentId(tx, ctx.config),
        recordType: 'fc_submission',
        recordId: row.id,
        detail: { form: row.form, period: row.period, version: row.version, facilityId: row.facilityId },
      },
      ctx.clock.now(),
    );
    const { contentEnc: _c, ...submission } = row;
    return {
      submission: { ...submission, status: row.status as ReviewStatus },
      content,
      events,
      baseline: base
        ? {
            id: base.row.id,
            period: base.row.period,
            version: base.row.version,
            status: base.row.status as ReviewStatus,
            basis: base.basis,
          }
        : null,
      changes: base ? diffSubmissions(decryptContent(ctx, base.row), content) : [],
      canDecide: row.status === 'submitted' && canFacility(actor, 'review', ctx.config),
    };
  });
}
