/**
 * Creates the draft of a form for a period, or refreshes the open draft (or returned version) from the
 * current roster, counts and items. A returned version stays returned (the city's comment stays in its
 * events) until it is submitted again. A submitted version is not touched (409), nor is a period with an
 * approved version and nothing open: that needs startNewVersion. Two prepares at the same moment leave
 * one open version: the unique index fc_submissions_one_open refuses the second insert and that
 * prepare runs again, refreshing the draft the first one made.
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { isPgError } from '../../../platform/db.js';
import type { SubmissionContent, SubmissionForm, SubmissionStatus } from '../shared/types.js';
import { entriesOf } from './build-forms.js';
import type { ShoguEntry } from './build-shogu.js';
import { claimsMessages } from './claims.messages.js';
import { type AuditCtx, auditSubmission, conflict, type FacilityWho, freshContent, stateError } from './draft-content.js';
import { formPeriod } from './period.js';
import { addEvent, decryptContent, insertSubmission, isOpen, updateContent, versionsOf } from './submissions.repository.js';

export type Prepared = { id: string; version: number; status: SubmissionStatus; content: SubmissionContent };

export async function prepareSubmission(
  ctx: AppContext,
  who: FacilityWho,
  audit: AuditCtx,
  form: SubmissionForm,
  period: string,
  o: { entries?: readonly ShoguEntry[] } = {},
): Promise<Prepared> {
  const p = formPeriod(form, period);
  if (!p) throw errors.validation([{ field: 'period', message: claimsMessages.text('badPeriod') }]);
  const attempt = () =>
    ctx.db.transaction(async (tx) => {
      const now = ctx.clock.now();
      const versions = await versionsOf(tx, who.facilityId, form, period, { lock: true });
      const open = versions.find((v) => isOpen(v.status));
      if (open) {
        if (open.status === 'submitted') throw stateError(open.status);
        const entries = o.entries ?? entriesOf(decryptContent(ctx, open));
        const fresh = await freshContent(ctx, tx, who.facilityId, p, entries);
        await updateContent(tx, open.id, { ...fresh, now });
        await addEvent(tx, open.id, 'updated', who, now);
        await auditSubmission(ctx, tx, audit, 'facility.submission.save', open, { status: open.status });
        return { id: open.id, version: open.version, status: open.status, content: fresh.content };
      }
      if (versions.some((v) => v.status === 'approved')) throw conflict('approvedExists');
      const version = (versions[0]?.version ?? 0) + 1;
      const fresh = await freshContent(ctx, tx, who.facilityId, p, o.entries ?? []);
      const id = await insertSubmission(tx, { facilityId: who.facilityId, form, period, version, ...fresh, now });
      await addEvent(tx, id, 'created', who, now);
      await auditSubmission(ctx, tx, audit, 'facility.submission.save', { id, form, period, version }, { status: 'draft' });
      return { id, version, status: 'draft' as const, content: fresh.content };
    });
  try {
    return await attempt();
  } catch (err) {
    // another prepare created the open version between our read and our insert: refresh that one instead
    if (isPgError(err, '23505')) return attempt();
    throw err;
  }
}
