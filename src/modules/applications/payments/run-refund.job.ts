/**
 * Runs an approved refund at the provider, with the refund's own idempotency key (a rerun of this
 * job, or a second worker, never refunds twice). Succeeded (or accepted and pending at the provider):
 * the refund is marked succeeded and the payment refunded or partially refunded. Refused by the
 * provider: the refund is marked failed and the payment administrators are alerted. An unreachable
 * provider throws, so the job is retried with backoff.
 */
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { defineJob } from '../../../platform/jobs.js';
import { recordSecurityEvent } from '../../security/index.js';
import { REFUND_QUEUE } from './payment-queues.js';
import { findPayment } from './payments.repository.js';
import { paymentProvider } from './start-payment.js';

export const runRefundJob = defineJob({
  queue: REFUND_QUEUE,
  payload: z.object({ refundId: z.uuid() }),
  async handler(ctx, tx, { refundId }) {
    await runRefund(ctx, tx, refundId);
  },
});

export async function runRefund(ctx: AppContext, tx: Queryable, refundId: string): Promise<'succeeded' | 'failed' | 'not_approved'> {
  const now = ctx.clock.now();
  const r = await tx.query<{ payment_id: string; amount: number; idempotency_key: string; status: string }>(
    'SELECT payment_id, amount, idempotency_key, status FROM app_refunds WHERE id = $1',
    [refundId],
  );
  const refund = r.rows[0];
  if (refund?.status !== 'approved') return 'not_approved';
  // Lock order: application, payment, then the refund.
  const unlocked = await findPayment(tx, refund.payment_id);
  if (!unlocked) return 'not_approved';
  if (unlocked.applicationId) await tx.query('SELECT id FROM app_applications WHERE id = $1 FOR UPDATE', [unlocked.applicationId]);
  const payment = await findPayment(tx, refund.payment_id, { lock: true });
  const locked = await tx.query<{ status: string }>('SELECT status FROM app_refunds WHERE id = $1 FOR UPDATE', [refundId]);
  if (!payment?.providerPaymentId || locked.rows[0]?.status !== 'approved') return 'not_approved';
  const provider = paymentProvider(ctx);
  const chargeId = payment.chargeId ?? (await provider.retrieve(payment.providerPaymentId)).chargeId;
  const amount = Number(refund.amount);
  const result = chargeId
    ? await provider.refund({ chargeId, providerPaymentId: payment.providerPaymentId }, amount, refund.idempotency_key)
    : ({ refundId: '', status: 'failed' } as const);
  if (result.status === 'failed') {
    await tx.query(`UPDATE app_refunds SET status = 'failed', provider_refund_id = NULLIF($2, '') WHERE id = $1`, [
      refundId,
      result.refundId,
    ]);
    await recordSecurityEvent(
      tx,
      {
        kind: 'payment.refund_failed',
        severity: 'alert',
        subject: payment.id,
        detail: { refundId, referenceNumber: payment.referenceNumber, amount },
      },
      now,
    );
    return 'failed';
  }
  await tx.query(`UPDATE app_refunds SET status = 'succeeded', provider_refund_id = $2 WHERE id = $1`, [refundId, result.refundId]);
  await tx.query(
    `UPDATE app_payments SET refunded_amount = refunded_amount + $2,
       status = CASE WHEN refunded_amount + $2 >= amount THEN 'refunded' ELSE 'partially_refunded' END,
       provider_payment_intent = COALESCE(provider_payment_intent, $3)
     WHERE id = $1`,
    [payment.id, amount, chargeId],
  );
  ctx.log.info({ event: 'payment_refunded', paymentId: payment.id, refundId }, 'refund done');
  return 'succeeded';
}
