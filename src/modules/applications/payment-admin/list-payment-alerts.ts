/**
 * What the payment administrators must look into: money received for no application, notifications
 * whose amount or currency differed from what was asked (never marked paid), applications waiting for
 * payment longer than PAYMENT_WAITING_ALERT_HOURS, refunds the provider refused, and notifications
 * that matched no payment. Read from the payments, the provider's notifications and the security
 * events the payment operations raise — only 整理番号, amounts, dates and provider ids, never a detail
 * object as a whole (nothing personal can slip through). Audited.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { assertPaymentAdmin, auditRead, type AuditMeta } from './payment-admin-access.js';

/** How far back alerts reach (the security events stay in their own screen for longer). */
export const ALERT_DAYS = 90;
const LIMIT = 200;

export type PaidWithoutApplication = { at: Date; referenceNumber: string | null; amount: number | null; providerPaymentId: string | null };
export type AmountMismatch = {
  at: Date;
  referenceNumber: string | null;
  expected: number | null;
  reported: number | null;
  reportedCurrency: string | null;
  providerPaymentId: string | null;
};
export type WaitingPayment = { referenceNumber: string; amount: number | null; since: Date };
export type FailedRefund = { at: Date; referenceNumber: string | null; amount: number | null };
export type UnmatchedNotification = { at: Date; eventType: string; providerPaymentId: string | null; outcome: string };

export type PaymentAlerts = {
  waitingHours: number;
  paidWithoutApplication: PaidWithoutApplication[];
  amountMismatch: AmountMismatch[];
  waiting: WaitingPayment[];
  failedRefunds: FailedRefund[];
  unmatchedNotifications: UnmatchedNotification[];
};

const num = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

type EventRow = { occurred_at: Date; detail: Record<string, unknown> };
async function events(q: Queryable, kind: string, since: Date): Promise<EventRow[]> {
  return (
    await q.query<EventRow>(
      'SELECT occurred_at, detail FROM security_events WHERE kind = $1 AND occurred_at >= $2 ORDER BY occurred_at DESC LIMIT $3',
      [kind, since, LIMIT],
    )
  ).rows;
}

export async function listPaymentAlerts(ctx: AppContext, actor: StaffActor, meta: AuditMeta): Promise<PaymentAlerts> {
  assertPaymentAdmin(ctx, actor);
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - ALERT_DAYS * 86_400_000);
  const waitingHours = ctx.config.payments.waitingAlertHours;
  return ctx.db.transaction(async (tx) => {
    const orphanPayments = (
      await tx.query<{ paid_at: Date; reference_number: string; amount: number; provider_payment_id: string | null }>(
        `SELECT paid_at, reference_number, amount, provider_payment_id FROM app_payments
         WHERE paid_at IS NOT NULL AND application_id IS NULL AND paid_at >= $1 ORDER BY paid_at DESC LIMIT $2`,
        [since, LIMIT],
      )
    ).rows.map((r) => ({
      at: new Date(r.paid_at),
      referenceNumber: r.reference_number,
      amount: Number(r.amount),
      providerPaymentId: r.provider_payment_id,
    }));
    const orphanEvents = (await events(tx, 'payment.paid_without_application', since)).map((e) => ({
      at: new Date(e.occurred_at),
      referenceNumber: str(e.detail.referenceNumber),
      amount: num(e.detail.amount),
      providerPaymentId: str(e.detail.providerPaymentId),
    }));
    const seen = new Set(orphanPayments.map((p) => p.providerPaymentId).filter(Boolean));
    const paidWithoutApplication = [
      ...orphanPayments,
      ...orphanEvents.filter((e) => !e.providerPaymentId || !seen.has(e.providerPaymentId)),
    ];
    const amountMismatch = (await events(tx, 'payment.amount_mismatch', since)).map((e) => {
      const expected = (e.detail.expected ?? {}) as Record<string, unknown>;
      const reported = (e.detail.reported ?? {}) as Record<string, unknown>;
      return {
        at: new Date(e.occurred_at),
        referenceNumber: str(e.detail.referenceNumber),
        expected: num(expected.amount),
        reported: num(reported.amount),
        reportedCurrency: str(reported.currency),
        providerPaymentId: str(e.detail.providerPaymentId),
      };
    });
    const waiting = (
      await tx.query<{ reference_number: string; fee_amount: number | null; payable_since: Date }>(
        `SELECT reference_number, fee_amount, payable_since FROM app_applications
         WHERE status = 'awaiting_payment' AND payable_since < $1 ORDER BY payable_since LIMIT $2`,
        [new Date(now.getTime() - waitingHours * 3_600_000), LIMIT],
      )
    ).rows.map((r) => ({
      referenceNumber: r.reference_number,
      amount: r.fee_amount === null ? null : Number(r.fee_amount),
      since: new Date(r.payable_since),
    }));
    const failedRefunds = (await events(tx, 'payment.refund_failed', since)).map((e) => ({
      at: new Date(e.occurred_at),
      referenceNumber: str(e.detail.referenceNumber),
      amount: num(e.detail.amount),
    }));
    const unmatchedNotifications = (
      await tx.query<{ received_at: Date; event_type: string; provider_payment_id: string | null; outcome: string }>(
        `SELECT received_at, event_type, provider_payment_id, outcome FROM app_payment_events
         WHERE outcome IN ('unknown_payment', 'mismatch') AND received_at >= $1 ORDER BY received_at DESC LIMIT $2`,
        [since, LIMIT],
      )
    ).rows.map((r) => ({
      at: new Date(r.received_at),
      eventType: r.event_type,
      providerPaymentId: r.provider_payment_id,
      outcome: r.outcome,
    }));
    await auditRead(tx, ctx, actor, meta, {
      action: 'payment_admin.alerts_viewed',
      detail: {
        paidWithoutApplication: paidWithoutApplication.length,
        amountMismatch: amountMismatch.length,
        waiting: waiting.length,
        failedRefunds: failedRefunds.length,
      },
    });
    return { waitingHours, paidWithoutApplication, amountMismatch, waiting, failedRefunds, unmatchedNotifications };
  });
}
