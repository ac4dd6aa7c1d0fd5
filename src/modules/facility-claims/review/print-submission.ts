/**
 * Printing a submission's form as PDF (form-pdf.ts), audited (facility.submission.print) with ids only.
 * - City staff of either childcare division ('view') print any version sent to the city (a draft is
 *   the facility's own work: 404); anything not approved is marked as an unapproved copy.
 * - A facility user prints ONLY the APPROVED versions of their own facility (the facility id comes from
 *   the session): another facility's id, or a version that is not approved, is a 404 like a missing one.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../audit/index.js';
import { assertCanFacility } from '../facility.policy.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';
import type { FacilityActor } from '../shared/facility-session.js';
import { renderFormPdf } from './form-pdf.js';
import type { AuditCtx } from './get-submission.js';
import { decryptContent, findSubmission, pdfFileName, type SubmissionRow } from './review.repository.js';

type Ctx = Pick<AppContext, 'db' | 'crypto' | 'clock' | 'config'>;
export type PrintedForm = { pdf: Buffer; filename: string };

async function print(ctx: Ctx, row: SubmissionRow, audit: AuditCtx, by: 'staff' | 'facility'): Promise<PrintedForm> {
  const now = ctx.clock.now();
  const pdf = await renderFormPdf(decryptContent(ctx, row), {
    version: row.version,
    status: row.status,
    approvedAt: row.status === 'approved' || row.status === 'superseded' ? row.decidedAt : null,
    printedAt: now,
  });
  await ctx.db.transaction(async (tx) =>
    recordAudit(
      tx,
      {
        ...audit,
        action: 'facility.submission.print',
        departmentId: await reviewDepartmentId(tx, ctx.config),
        recordType: 'fc_submission',
        recordId: row.id,
        detail: { form: row.form, period: row.period, version: row.version, status: row.status, facilityId: row.facilityId, by },
      },
      now,
    ),
  );
  return { pdf, filename: pdfFileName(row) };
}

export async function printSubmissionForStaff(
  ctx: Ctx,
  actor: Pick<StaffActor, 'memberships'>,
  id: string,
  audit: AuditCtx,
): Promise<PrintedForm> {
  assertCanFacility(actor, 'view', ctx.config);
  const row = await findSubmission(ctx.db, id);
  if (!row || row.status === 'draft') throw errors.notFound();
  return print(ctx, row, audit, 'staff');
}

export async function printSubmissionForFacility(
  ctx: Ctx,
  actor: Pick<FacilityActor, 'facilityId'>,
  id: string,
  audit: AuditCtx,
): Promise<PrintedForm> {
  const row = await findSubmission(ctx.db, id);
  if (!row || row.facilityId !== actor.facilityId || row.status !== 'approved') throw errors.notFound();
  return print(ctx, row, audit, 'facility');
}
