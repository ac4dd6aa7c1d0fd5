/**
 * The one code path that turns what the provider reports about a payment into our state: used by the
 * webhook, the return page, the reconciliation and the closing of other sessions. It trusts only what
 * it is given as the provider's word (a verified notification or a fresh read), and checks that word
 * against what was asked.
 *
 * Rules (invariants the SQL keeps):
 * - A final state never goes back: paid / refunded never become pending, expired or cancelled; an
 *   expired event after a completed one is ignored (conditional updates on the current status).
 * - Paid money never vanishes: a payment reported paid after we marked it expired, cancelled or
 *   failed is marked paid; a paid payment of an expired application still counts and moves it to
 *   paid (the status rules allow expired → paid), so the citizen's money and application meet again.
 * - Amount, currency and 整理番号 must equal what was asked; otherwise nothing is marked paid, the
 *   payment becomes 'failed' and a security alert is raised.
 * - At most one payment counts per application (unique partial index app_payments_one_counted). A
 *   second paid payment (two tabs) is refunded automatically; so is one for a withdrawn or rejected
 *   application. A paid payment whose application was erased raises "paid but no application".
 * External effects (refunds, closing other hosted pages, the citizen's notice) are jobs enqueued in
 * the same transaction, so this function makes no network call and can run inside a job.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { enqueue } from '../../../platform/jobs.js';
import { recordAudit } from '../../audit/index.js';
import { type ApplicationStatus, canTransition } from '../application-status.js';
import { recordSecurityEvent } from '../../security/index.js';
import {
  findApplication,
  findPayment,
  findPaymentByProviderId,
  findUnansweredCreate,
  type PayableApplication,
  type PaymentRow,
  setApplicationStatus,
} from './payments.repository.js';
import { CLOSE_SESSIONS_QUEUE, enqueueStatusNotice, REFUND_QUEUE } from './payment-queues.js';
import type { ProviderPayment } from './provider.js';

/** What applying did; stored as app_payment_events.outcome for notifications. */
export type ApplyOutcome =
  | 'applied' // the payment changed state (paid and counted, expired, cancelled)
  | 'pending' // still open at the provider
  | 'ignored_final' // already final: a replay or an out-of-order event
  | 'mismatch' // amount, currency or 整理番号 differ from what was asked: not paid, alert
  | 'unknown_payment' // no payment of ours has this id
  | 'duplicate_refunded' // paid, but another payment already counts (or the application is closed): refunded automatically
  | 'no_application'; // paid, but the application is gone: alert

export type ApplyResult = { outcome: ApplyOutcome; paymentId: string | null };

const PAID_STATES = new Set(['paid', 'refunded', 'partially_refunded']);
/** Applications whose fee is no longer wanted: a payment for them is returned. */
const REFUND_WHEN = new Set(['withdrawn', 'rejected']);

/** In its own transaction. */
export async function applyProviderPayment(ctx: AppContext, providerName: string, reported: ProviderPayment): Promise<ApplyResult> {
  return ctx.db.transaction((tx) => applyProviderPaymentIn(ctx, tx, providerName, reported));
}

/** In the caller's transaction (a job's, or the webhook's together with its event record). */
export async function applyProviderPaymentIn(
  ctx: AppContext,
  tx: Queryable,
  providerName: string,
  reported: ProviderPayment,
): Promise<ApplyResult> {
  const now = ctx.clock.now();
  // A charge-level report (a refund made at the provider) names no session: refunds are tracked by
  // our own refund rows, so it changes nothing here.
  if (!reported.providerPaymentId) return { outcome: 'ignored_final', paymentId: null };
  let found = await findPaymentByProviderId(tx, providerName, reported.providerPaymentId);
  if (!found && reported.referenceNumber) found = await findUnansweredCreate(tx, providerName, reported.referenceNumber, reported.amount);
  if (!found) {
    if (reported.status === 'paid') await alertPaidWithoutApplication(tx, reported, null, now);
    return { outcome: 'unknown_payment', paymentId: null };
  }
  // Lock order: application, then payment.
  const application = found.applicationId ? await findApplication(tx, { id: found.applicationId }, { lock: true }) : undefined;
  const payment = (await findPayment(tx, found.id, { lock: true })) as PaymentRow;
  const result = (outcome: ApplyOutcome): ApplyResult => ({ outcome, paymentId: payment.id });

  if (
    reported.amount !== payment.amount ||
    reported.currency.toLowerCase() !== payment.currency ||
    (reported.referenceNumber !== null && reported.referenceNumber !== payment.referenceNumber)
  ) {
    await recordSecurityEvent(
      tx,
      {
        kind: 'payment.amount_mismatch',
        severity: 'alert',
        subject: payment.id,
        detail: {
          referenceNumber: payment.referenceNumber,
          providerPaymentId: reported.providerPaymentId,
          expected: { amount: payment.amount, currency: payment.currency },
          reported: {
            amount: reported.amount,
            currency: reported.currency,
            referenceNumber: reported.referenceNumber,
            status: reported.status,
          },
        },
      },
      now,
    );
    // Not paid; an open payment stops here (the reconciliation would otherwise alert every minute).
    await tx.query(
      `UPDATE app_payments SET status = 'failed', final_at = $2, hosted_url = NULL, next_check_at = NULL, last_checked_at = $2
       WHERE id = $1 AND status IN ('creating', 'pending')`,
      [payment.id, now],
    );
    return result('mismatch');
  }

  await tx.query(`UPDATE app_payments SET last_checked_at = $2, provider_payment_id = COALESCE(provider_payment_id, $3) WHERE id = $1`, [
    payment.id,
    now,
    reported.providerPaymentId,
  ]);

  switch (reported.status) {
    case 'open': {
      await tx.query(
        // No URL: the page is done with and the payment settles later (an asynchronous method): not handed out again.
        `UPDATE app_payments SET status = 'pending', hosted_url = $2 WHERE id = $1 AND status IN ('creating', 'pending')`,
        [payment.id, reported.url],
      );
      return result(PAID_STATES.has(payment.status) ? 'ignored_final' : 'pending');
    }
    case 'expired':
    case 'cancelled': {
      const r = await tx.query(
        `UPDATE app_payments SET status = $2, final_at = $3, hosted_url = NULL, next_check_at = NULL
         WHERE id = $1 AND status IN ('creating', 'pending')`,
        [payment.id, reported.status, now],
      );
      return result(r.rowCount === 1 ? 'applied' : 'ignored_final');
    }
    case 'paid':
      return result(await applyPaid(ctx, tx, payment, application, reported, now));
  }
}

async function applyPaid(
  ctx: AppContext,
  tx: Queryable,
  payment: PaymentRow,
  application: PayableApplication | undefined,
  reported: ProviderPayment,
  now: Date,
): Promise<ApplyOutcome> {
  if (PAID_STATES.has(payment.status)) {
    // A replay: only fill in what an earlier, thinner report may have lacked.
    await tx.query(
      `UPDATE app_payments SET method = COALESCE(method, $2), provider_payment_intent = COALESCE(provider_payment_intent, $3) WHERE id = $1`,
      [payment.id, reported.method, reported.chargeId],
    );
    return 'ignored_final';
  }
  // From creating, pending, or a state we set too early (expired, cancelled, failed): money was taken.
  await tx.query(
    `UPDATE app_payments SET status = 'paid', method = $2, paid_at = $3, final_at = $4, provider_payment_intent = COALESCE($5, provider_payment_intent),
       hosted_url = NULL, next_check_at = NULL
     WHERE id = $1`,
    [payment.id, reported.method, reported.paidAt ?? now, now, reported.chargeId],
  );
  if (!application) {
    await alertPaidWithoutApplication(tx, reported, payment.id, now);
    return 'no_application';
  }
  if (REFUND_WHEN.has(application.status)) {
    await refundAutomatically(tx, payment, 'application_closed', now);
    return 'duplicate_refunded';
  }
  // The partial unique index is the invariant; the application's row lock (held) makes the loser see
  // the winner here instead of failing on the index.
  await tx.query('SAVEPOINT count_payment');
  let counted = false;
  try {
    const r = await tx.query(
      `UPDATE app_payments SET counted = true WHERE id = $1
       AND NOT EXISTS (SELECT 1 FROM app_payments WHERE application_id = $2 AND counted)`,
      [payment.id, application.id],
    );
    counted = r.rowCount === 1;
    await tx.query('RELEASE SAVEPOINT count_payment');
  } catch (err) {
    if ((err as { code?: string }).code !== '23505') throw err;
    await tx.query('ROLLBACK TO SAVEPOINT count_payment');
  }
  if (!counted) {
    await refundAutomatically(tx, payment, 'duplicate_payment', now);
    return 'duplicate_refunded';
  }
  if (canTransition(application.status as ApplicationStatus, 'paid', 'payment')) {
    const historyId = await setApplicationStatus(tx, application, 'paid', 'payment', now);
    await enqueueStatusNotice(tx, application.id, 'paid', historyId, now);
  }
  // Other tabs' hosted pages: closed at the provider by a job (a network call has no place here).
  await enqueue(tx, CLOSE_SESSIONS_QUEUE, { applicationId: application.id }, { runAt: now, dedupeKey: `paid:${payment.id}` });
  ctx.log.info({ event: 'payment_paid', paymentId: payment.id, applicationId: application.id }, 'payment counted');
  return 'applied';
}

/** A refund the system decides alone (no second person: nothing is owed for this payment), run by a job. */
async function refundAutomatically(
  tx: Queryable,
  payment: PaymentRow,
  reason: 'duplicate_payment' | 'application_closed',
  now: Date,
): Promise<void> {
  const r = await tx.query<{ id: string }>(
    `INSERT INTO app_refunds (payment_id, amount, reason, status, automatic, requested_at, decided_at, idempotency_key)
     VALUES ($1, $2, $3, 'approved', true, $4, $4, $5) RETURNING id`,
    [payment.id, payment.amount - payment.refundedAmount, reason, now, `refund-${crypto.randomUUID()}`],
  );
  const refundId = r.rows[0]?.id as string;
  await recordAudit(
    tx,
    {
      actor: { type: 'system' },
      action: 'payment.refund_automatic',
      recordType: 'app_refund',
      recordId: refundId,
      detail: { paymentId: payment.id, referenceNumber: payment.referenceNumber, amount: payment.amount, reason },
    },
    now,
  );
  await enqueue(tx, REFUND_QUEUE, { refundId }, { runAt: now, dedupeKey: refundId });
}

async function alertPaidWithoutApplication(tx: Queryable, reported: ProviderPayment, paymentId: string | null, now: Date): Promise<void> {
  await recordSecurityEvent(
    tx,
    {
      kind: 'payment.paid_without_application',
      severity: 'alert',
      subject: paymentId ?? reported.providerPaymentId,
      detail: {
        providerPaymentId: reported.providerPaymentId,
        referenceNumber: reported.referenceNumber,
        amount: reported.amount,
        currency: reported.currency,
      },
    },
    now,
  );
}
