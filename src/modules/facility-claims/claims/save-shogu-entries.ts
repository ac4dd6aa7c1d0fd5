/**
 * Saves what the facility types on a 処遇改善 form — each person's wage improvement (yen a year) and
 * 区分③ group — into its draft (or returned version), and rebuilds the form around them from the
 * current data. Only people on the form's roster lines are accepted; everything else comes from the data.
 */
import { errors, type FieldError } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { ShoguEntry } from './build-shogu.js';
import { claimsMessages } from './claims.messages.js';
import { type AuditCtx, type FacilityWho, stateError } from './draft-content.js';
import { gatherInputs } from './gather-inputs.js';
import { formPeriod } from './period.js';
import { type Prepared, prepareSubmission } from './prepare-submission.js';
import { findSubmission } from './submissions.repository.js';

export const MAX_IMPROVEMENT_YEN = 99_999_999;

export async function saveShoguEntries(
  ctx: AppContext,
  who: FacilityWho,
  audit: AuditCtx,
  id: string,
  entries: readonly ShoguEntry[],
): Promise<Prepared> {
  const row = await findSubmission(ctx.db, who.facilityId, id);
  if (!row || (row.form !== 'shogu-plan' && row.form !== 'shogu-report')) throw errors.notFound();
  if (row.status !== 'draft' && row.status !== 'returned') throw stateError(row.status);
  const problems: FieldError[] = [];
  for (const e of entries)
    if (!Number.isSafeInteger(e.improvementYearly) || e.improvementYearly < 0 || e.improvementYearly > MAX_IMPROVEMENT_YEN)
      problems.push({ field: `staff.${e.staffId}.improvement`, message: claimsMessages.text('improvementInvalid') });
  const onForm = new Set((await gatherInputs(ctx, who.facilityId, formPeriod(row.form, row.period)!)).staffLines.map((l) => l.staffId));
  for (const e of entries)
    if (!onForm.has(e.staffId))
      problems.push({ field: `staff.${e.staffId}.improvement`, message: claimsMessages.text('check.staffUnknown') });
  if (problems.length) throw errors.validation(problems);
  // the draft found above is the one open version of its form and period: prepare refreshes it with the entries
  return prepareSubmission(ctx, who, audit, row.form, row.period, { entries });
}
