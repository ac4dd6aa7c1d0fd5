/**
 * Staff move an application to another status, with a comment to the citizen and, for a correction
 * request (補正), the fields to correct. The row is locked; the status rules (application-status.ts)
 * decide with the fee timing and the payment's paid state read in the same transaction, so an unpaid
 * 事後決済 application cannot be completed. Entering a closed status sets `retain_until` (the version's
 * retention). The history row (comment encrypted), the notice job and the audit entry commit together.
 */
import type { StaffActor } from '../../../http/actor.js';
import { AppError, errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../audit/index.js';
import { canTransition, CLOSED_STATUSES, type ApplicationStatus } from '../application-status.js';
import { assertCan } from '../applications.policy.js';
import { allFields } from '../procedures/definition.js';
import { inboxMessages, statusLabels } from './inbox.messages.js';
import { CONTEXTS, feeTimingOf, findApplication, isPaid, loadDefinition, paymentOf } from './inbox.repository.js';
import type { AuditCtx } from './list-applications.js';
import { retentionDeadline } from './retention.js';
import { enqueueStatusNotice } from './status-notice.js';

export type StatusChange = { status: ApplicationStatus; comment?: string; correctionFields?: string[] };
export type StatusChanged = {
  id: string;
  referenceNumber: string;
  status: ApplicationStatus;
  correctionFields: string[];
  historyId: number;
};

export async function changeStatus(
  ctx: AppContext,
  actor: Pick<StaffActor, 'id' | 'memberships'>,
  id: string,
  change: StatusChange,
  audit: AuditCtx,
): Promise<StatusChanged> {
  return ctx.db.transaction(async (tx) => {
    const app = await findApplication(tx, id, { lock: true });
    if (!app) throw errors.notFound();
    assertCan(actor, 'handle', app.departmentId);
    const def = await loadDefinition(tx, app.procedureId, app.procedureVersion);
    const paid = app.status === 'paid' || isPaid(await paymentOf(tx, app.id));
    const feeTiming = feeTimingOf(def, app);
    const to = change.status;
    if (!canTransition(app.status, to, 'staff', { feeTiming, paid })) {
      const unpaid = to === 'completed' && !!feeTiming && !paid && canTransition(app.status, to, 'staff');
      const text = unpaid
        ? inboxMessages.text('unpaidRefused')
        : inboxMessages.text('transitionRefused', { from: statusLabels.t('ja', app.status), to: statusLabels.t('ja', to) });
      const en = unpaid
        ? text
        : inboxMessages.text('transitionRefused', { from: statusLabels.t('en', app.status), to: statusLabels.t('en', to) });
      const message = { ja: text.ja, en: en.en };
      throw new AppError('status_transition', 409, message, { fieldErrors: [{ field: 'status', message }] });
    }
    let correctionFields: string[] = [];
    if (to === 'correction_requested') {
      correctionFields = [...new Set(change.correctionFields ?? [])];
      if (correctionFields.length === 0)
        throw errors.validation([{ field: 'correctionFields', message: inboxMessages.text('correctionFieldsRequired') }]);
      const keys = new Set(allFields(def).map((f) => f.key));
      if (correctionFields.some((k) => !keys.has(k)))
        throw errors.validation([{ field: 'correctionFields', message: inboxMessages.text('correctionFieldUnknown') }]);
    }
    const now = ctx.clock.now();
    const retainUntil = CLOSED_STATUSES.has(to) ? retentionDeadline(def, now) : null;
    await tx.query(
      `UPDATE app_applications SET status = $2, correction_fields = $3, status_changed_at = $4, updated_at = $4,
         retain_until = COALESCE($5, retain_until),
         payable_since = CASE WHEN $2 = 'awaiting_payment' THEN $4 ELSE payable_since END
       WHERE id = $1`,
      [app.id, to, correctionFields, now, retainUntil],
    );
    const comment = change.comment?.trim() || null;
    const h = await tx.query<{ id: number }>(
      `INSERT INTO app_status_history (application_id, status, comment_enc, correction_fields, changed_at, changed_by_staff_id, actor_type)
       VALUES ($1, $2, $3, $4, $5, $6, 'staff') RETURNING id::int AS id`,
      [app.id, to, comment ? ctx.crypto.encrypt(comment, CONTEXTS.comment) : null, correctionFields, now, actor.id],
    );
    const historyId = h.rows[0]!.id;
    await enqueueStatusNotice(tx, { applicationId: app.id, status: to, historyId }, now);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'application.status',
        departmentId: app.departmentId,
        recordType: 'application',
        recordId: app.id,
        detail: { from: app.status, to, correctionFields, hasComment: comment !== null },
      },
      now,
    );
    return { id: app.id, referenceNumber: app.referenceNumber, status: to, correctionFields, historyId };
  });
}

export type BulkOutcome = {
  id: string;
  referenceNumber: string | null;
  outcome: 'changed' | 'not_allowed' | 'not_found';
  message?: { ja: string; en: string };
};

/**
 * The same change for several applications, each checked and committed on its own (one refused
 * application does not hold back the others); the answer reports every one. A correction request
 * names fields of one application's version, so it is not offered in bulk.
 */
export async function bulkChangeStatus(
  ctx: AppContext,
  actor: Pick<StaffActor, 'id' | 'memberships'>,
  ids: readonly string[],
  change: Omit<StatusChange, 'correctionFields'>,
  audit: AuditCtx,
): Promise<BulkOutcome[]> {
  if (change.status === 'correction_requested')
    throw errors.validation([{ field: 'status', message: inboxMessages.text('bulkCorrectionRefused') }]);
  const out: BulkOutcome[] = [];
  for (const id of new Set(ids)) {
    try {
      const r = await changeStatus(ctx, actor, id, change, audit);
      out.push({ id, referenceNumber: r.referenceNumber, outcome: 'changed' });
    } catch (err) {
      if (!(err instanceof AppError) || (err.status !== 404 && err.status !== 409)) throw err;
      // the number is shown only for an application the person may see (a 409 comes after the access check)
      const referenceNumber = err.status === 409 ? ((await findApplication(ctx.db, id))?.referenceNumber ?? null) : null;
      out.push({ id, referenceNumber, outcome: err.status === 404 ? 'not_found' : 'not_allowed', message: err.text });
    }
  }
  return out;
}
