/**
 * Starts version N+1 of a form whose version N is approved (an approved version is locked: a change is a
 * new version the city reviews again). Only when an approved version exists and none is open; two
 * starts at the same moment are settled by fc_submissions_one_open (the second gets 409).
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { isPgError } from '../../../platform/db.js';
import type { SubmissionForm } from '../shared/types.js';
import { entriesOf } from './build-forms.js';
import { claimsMessages } from './claims.messages.js';
import { type AuditCtx, auditSubmission, conflict, type FacilityWho, freshContent } from './draft-content.js';
import { formPeriod } from './period.js';
import { addEvent, decryptContent, insertSubmission, isOpen, versionsOf } from './submissions.repository.js';

export async function startNewVersion(
  ctx: AppContext,
  who: FacilityWho,
  audit: AuditCtx,
  form: SubmissionForm,
  period: string,
): Promise<{ id: string; version: number }> {
  const p = formPeriod(form, period);
  if (!p) throw errors.validation([{ field: 'period', message: claimsMessages.text('badPeriod') }]);
  try {
    return await ctx.db.transaction(async (tx) => {
      const versions = await versionsOf(tx, who.facilityId, form, period, { lock: true });
      const approved = versions.find((v) => v.status === 'approved');
      if (!approved || versions.some((v) => isOpen(v.status))) throw conflict('nothingApproved');
      const now = ctx.clock.now();
      const version = versions[0]!.version + 1;
      // the 処遇改善 entries typed for the approved version carry over: nothing is typed twice
      const fresh = await freshContent(ctx, tx, who.facilityId, p, entriesOf(decryptContent(ctx, approved)));
      const id = await insertSubmission(tx, { facilityId: who.facilityId, form, period, version, ...fresh, now });
      await addEvent(tx, id, 'created', who, now);
      await auditSubmission(
        ctx,
        tx,
        audit,
        'facility.submission.save',
        { id, form, period, version },
        { status: 'draft', newVersion: true },
      );
      return { id, version };
    });
  } catch (err) {
    if (isPgError(err, '23505')) throw conflict('nothingApproved');
    throw err;
  }
}
