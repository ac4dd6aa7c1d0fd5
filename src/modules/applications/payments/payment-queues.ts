/**
 * Job queues of the payment part. The status notice is the applications module's (its handler sends
 * the citizen an e-mail, or a LINE message when linked): payments only enqueue it, with
 * `{ applicationId, status, historyId }`, in the transaction that changed the status.
 */
import type { Queryable } from '../../../platform/db.js';
import { enqueue } from '../../../platform/jobs.js';

export const STATUS_NOTICE_QUEUE = 'applications.status-notice';
/** Runs an approved refund at the provider (manual after approval, or automatic for a duplicate payment). */
export const REFUND_QUEUE = 'applications.payment-refund';
/** Closes the still-open hosted pages of an application (it was paid in another tab, or it expired). */
export const CLOSE_SESSIONS_QUEUE = 'applications.payment-close-sessions';
/** Re-reads one payment from the provider (fanned out by the reconciliation sweep). */
export const CHECK_QUEUE = 'applications.payment-check';

export async function enqueueStatusNotice(
  tx: Queryable,
  applicationId: string,
  status: 'paid' | 'expired',
  historyId: number,
  now: Date,
): Promise<void> {
  // The same payload and dedupe key as the inbox's own status changes (inbox/status-notice.ts).
  await enqueue(tx, STATUS_NOTICE_QUEUE, { applicationId, status, historyId }, { runAt: now, dedupeKey: `history:${historyId}` });
}
