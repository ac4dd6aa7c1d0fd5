/**
 * What the submission operations share: who acts (the facility of the session, never an id from the
 * request), the refusal of a wrong state (409 submission_state), the audit entry, and building a
 * version's content from the current data inside the operation's transaction.
 */
import { AppError } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { codeLabel } from '../shared/labels.messages.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';
import type { SubmissionStatus } from '../shared/types.js';
import { buildForm, summaryOf } from './build-forms.js';
import type { ShoguEntry } from './build-shogu.js';
import { claimsMessages } from './claims.messages.js';
import { gatherInputs } from './gather-inputs.js';
import type { FormPeriod } from './period.js';
import { encryptContent, type SubmissionRow } from './submissions.repository.js';

/** The facility user acting (from the session) and the request's audit context. */
export type FacilityWho = { facilityId: string; userId: string };
export type AuditCtx = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

export function stateError(status: SubmissionStatus, field = 'status'): AppError {
  const text = {
    ja: claimsMessages.t('ja', 'wrongState', { status: codeLabel('status', status, 'ja') }),
    en: claimsMessages.t('en', 'wrongState', { status: codeLabel('status', status, 'en') }),
  };
  return new AppError('submission_state', 409, text, { fieldErrors: [{ field, message: text }] });
}

export function conflict(key: 'approvedExists' | 'nothingApproved'): AppError {
  const text = claimsMessages.text(key);
  return new AppError('submission_state', 409, text, { fieldErrors: [{ field: 'status', message: text }] });
}

/** The content of `period` for the facility from the data as it is now, with its stored form (encrypted, summary, amount). */
export async function freshContent(
  ctx: AppContext,
  tx: Queryable,
  facilityId: string,
  period: FormPeriod,
  entries: readonly ShoguEntry[] = [],
) {
  const content = buildForm(await gatherInputs(ctx, facilityId, period, tx), entries);
  return { content, contentEnc: encryptContent(ctx, content), ...summaryOf(content) };
}

export async function auditSubmission(
  ctx: AppContext,
  tx: Queryable,
  audit: AuditCtx,
  action: 'facility.submission.save' | 'facility.submission.submit' | 'facility.submission.withdraw' | 'facility.submission.view',
  row: Pick<SubmissionRow, 'id' | 'form' | 'period' | 'version'>,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await recordAudit(
    tx,
    {
      ...audit,
      action,
      departmentId: await reviewDepartmentId(tx, ctx.config),
      recordType: 'fc_submission',
      recordId: row.id,
      detail: { form: row.form, period: row.period, version: row.version, ...detail },
    },
    ctx.clock.now(),
  );
}
