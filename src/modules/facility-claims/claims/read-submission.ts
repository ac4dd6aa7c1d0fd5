/**
 * Reading a form: one submission of the facility with its history (every view audited, as the content
 * may name staff), and the form of a period as the facility's screen shows it — what was submitted or
 * approved as it was then, otherwise built from the current data (with the entries kept in the draft).
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { SubmissionContent, SubmissionForm } from '../shared/types.js';
import { buildForm, entriesOf } from './build-forms.js';
import { claimsMessages } from './claims.messages.js';
import { type AuditCtx, auditSubmission, type FacilityWho } from './draft-content.js';
import { gatherInputs } from './gather-inputs.js';
import { type FormPeriod, formPeriod } from './period.js';
import {
  decryptContent,
  eventsOf,
  findSubmission,
  isOpen,
  type SubmissionEvent,
  type SubmissionRow,
  versionsOf,
} from './submissions.repository.js';

export type SubmissionView = { row: SubmissionRow; content: SubmissionContent; events: SubmissionEvent[] };

export async function getSubmission(ctx: AppContext, who: FacilityWho, audit: AuditCtx, id: string): Promise<SubmissionView> {
  return ctx.db.transaction(async (tx) => {
    const row = await findSubmission(tx, who.facilityId, id);
    if (!row) throw errors.notFound();
    await auditSubmission(ctx, tx, audit, 'facility.submission.view', row);
    return { row, content: decryptContent(ctx, row), events: await eventsOf(tx, row.id) };
  });
}

export type FormView = {
  period: FormPeriod;
  /** The version in work, else the newest one; null before the first is made. */
  current: SubmissionRow | null;
  /** True when `content` is the stored version (submitted, approved) rather than built now. */
  isSnapshot: boolean;
  content: SubmissionContent;
  events: SubmissionEvent[];
  /** An approved version exists and none is open: a new version can be started. */
  canStartNewVersion: boolean;
};

export async function viewForm(
  ctx: AppContext,
  who: Pick<FacilityWho, 'facilityId'>,
  form: SubmissionForm,
  period: string,
): Promise<FormView> {
  const p = formPeriod(form, period);
  if (!p) throw errors.validation([{ field: 'period', message: claimsMessages.text('badPeriod') }]);
  const versions = await versionsOf(ctx.db, who.facilityId, form, period);
  const open = versions.find((v) => isOpen(v.status));
  const current = open ?? versions[0] ?? null;
  const snapshot = current && (current.status === 'submitted' || current.status === 'approved' || current.status === 'superseded');
  const content = snapshot
    ? decryptContent(ctx, current)
    : buildForm(await gatherInputs(ctx, who.facilityId, p), current ? entriesOf(decryptContent(ctx, current)) : []);
  return {
    period: p,
    current,
    isSnapshot: Boolean(snapshot),
    content,
    events: current ? await eventsOf(ctx.db, current.id) : [],
    canStartNewVersion: !open && versions.some((v) => v.status === 'approved'),
  };
}
