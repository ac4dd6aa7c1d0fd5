/**
 * The second payment administrator approves or rejects a refund someone else asked for (the table's
 * CHECK forbids the same person; refused here first with refund_same_person). An approval is run at
 * the provider at once and, should that fail to reach it, by the refund job (same idempotency key).
 */
import { AppError, errors, problemTypes } from '../../../http/errors.js';
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { enqueue } from '../../../platform/jobs.js';
import { recordAudit } from '../../audit/index.js';
import { REFUND_QUEUE } from './payment-queues.js';
import { findApplication, findPayment, type PaymentRow } from './payments.repository.js';
import { assertPaymentAdmin, auditActorOf, type RefundAuditContext, refundableAmount, refundNotPossible } from './request-refund.js';
import { runRefund } from './run-refund.job.js';
import { ProviderUnavailableError } from './provider.js';

export type RefundDecision = { refundId: string; approve: boolean };

export async function decideRefund(
  ctx: AppContext,
  actor: StaffActor,
  input: RefundDecision,
  audit: RefundAuditContext = {},
): Promise<{ status: 'rejected' | 'approved' | 'succeeded' | 'failed' }> {
  assertPaymentAdmin(ctx, actor);
  const now = ctx.clock.now();
  const decided = await ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ payment_id: string; amount: number; requested_by: string | null; status: string }>(
      'SELECT payment_id, amount, requested_by, status FROM app_refunds WHERE id = $1',
      [input.refundId],
    );
    const refund = r.rows[0];
    if (!refund) throw errors.notFound();
    const unlocked = await findPayment(tx, refund.payment_id);
    if (unlocked?.applicationId) await findApplication(tx, { id: unlocked.applicationId }, { lock: true });
    const p = (await findPayment(tx, refund.payment_id, { lock: true })) as PaymentRow;
    const locked = await tx.query<{ status: string }>('SELECT status FROM app_refunds WHERE id = $1 FOR UPDATE', [input.refundId]);
    if (locked.rows[0]?.status !== 'requested') throw refundNotPossible();
    if (refund.requested_by === actor.id) throw new AppError('refund_same_person', 409, problemTypes.refund_same_person.title);
    // The amount it holds is already counted in refundableAmount; it must still fit what is left.
    if (input.approve && (await refundableAmount(tx, p)) < 0) throw refundNotPossible();
    await tx.query(`UPDATE app_refunds SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1`, [
      input.refundId,
      input.approve ? 'approved' : 'rejected',
      actor.id,
      now,
    ]);
    await recordAudit(
      tx,
      {
        actor: auditActorOf(actor),
        action: input.approve ? 'payment.refund_approved' : 'payment.refund_rejected',
        recordType: 'app_refund',
        recordId: input.refundId,
        clientIp: audit.clientIp,
        requestId: audit.requestId,
        detail: { paymentId: p.id, referenceNumber: p.referenceNumber, amount: Number(refund.amount) },
      },
      now,
    );
    if (input.approve) await enqueue(tx, REFUND_QUEUE, { refundId: input.refundId }, { runAt: now, dedupeKey: input.refundId });
    return input.approve ? 'approved' : 'rejected';
  });
  if (decided === 'rejected') return { status: 'rejected' };
  try {
    const ran = await ctx.db.transaction((tx) => runRefund(ctx, tx, input.refundId));
    return { status: ran === 'not_approved' ? 'approved' : ran };
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    ctx.log.warn({ event: 'refund_deferred', refundId: input.refundId }, 'provider unavailable; the refund job retries');
    return { status: 'approved' };
  }
}
