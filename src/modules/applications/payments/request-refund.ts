/**
 * A payment administrator asks for a refund (full or partial) of a paid payment; another payment
 * administrator decides it (decide-refund.ts). The amount may not exceed what is left of the payment
 * after earlier refunds and refunds still asked or approved. Audited in the same transaction; the
 * reason is kept in app_refunds only (it is free text: never in the audit detail).
 */
import crypto from 'node:crypto';
import { AppError, errors, problemTypes } from '../../../http/errors.js';
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { isPaymentAdmin } from '../applications.policy.js';
import { findApplication, findPayment, type PaymentRow } from './payments.repository.js';

export type RefundInput = { paymentId: string; amount: number; reason: string };
/** Where the request came from, for the audit record (auditContextOf(req) gives it). */
export type RefundAuditContext = Pick<AuditEvent, 'clientIp' | 'requestId'>;

export const refundNotPossible = () => new AppError('refund_not_possible', 409, problemTypes.refund_not_possible.title);

export function assertPaymentAdmin(ctx: AppContext, actor: StaffActor): void {
  if (!isPaymentAdmin(actor, ctx.config)) throw errors.forbidden();
}

export const auditActorOf = (actor: StaffActor): AuditEvent['actor'] => ({
  type: 'staff',
  id: actor.id,
  label: actor.loginId,
  departmentId: actor.currentDepartmentId,
});

/** Yen of the payment not yet refunded nor promised to a refund asked or approved. */
export async function refundableAmount(tx: Queryable, p: PaymentRow): Promise<number> {
  const r = await tx.query<{ open: number }>(
    `SELECT COALESCE(sum(amount), 0)::int AS open FROM app_refunds WHERE payment_id = $1 AND status IN ('requested', 'approved')`,
    [p.id],
  );
  return p.amount - p.refundedAmount - Number(r.rows[0]?.open ?? 0);
}

export async function requestRefund(
  ctx: AppContext,
  actor: StaffActor,
  input: RefundInput,
  audit: RefundAuditContext = {},
): Promise<{ refundId: string }> {
  assertPaymentAdmin(ctx, actor);
  const reason = input.reason.trim();
  if (!Number.isInteger(input.amount) || input.amount <= 0 || reason.length < 1 || reason.length > 500) throw refundNotPossible();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const unlocked = await findPayment(tx, input.paymentId);
    if (!unlocked) throw errors.notFound();
    if (unlocked.applicationId) await findApplication(tx, { id: unlocked.applicationId }, { lock: true });
    const p = (await findPayment(tx, input.paymentId, { lock: true })) as PaymentRow;
    if (p.status !== 'paid' && p.status !== 'partially_refunded') throw refundNotPossible();
    if (input.amount > (await refundableAmount(tx, p))) throw refundNotPossible();
    const r = await tx.query<{ id: string }>(
      `INSERT INTO app_refunds (payment_id, amount, reason, status, automatic, requested_by, requested_at, idempotency_key)
       VALUES ($1, $2, $3, 'requested', false, $4, $5, $6) RETURNING id`,
      [p.id, input.amount, reason, actor.id, now, `refund-${crypto.randomUUID()}`],
    );
    const refundId = r.rows[0]?.id as string;
    await recordAudit(
      tx,
      {
        actor: auditActorOf(actor),
        action: 'payment.refund_requested',
        recordType: 'app_refund',
        recordId: refundId,
        clientIp: audit.clientIp,
        requestId: audit.requestId,
        detail: { paymentId: p.id, referenceNumber: p.referenceNumber, amount: input.amount },
      },
      now,
    );
    return { refundId };
  });
}
