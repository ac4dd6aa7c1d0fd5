/**
 * The reconciliation report (消込) of a period of Japan-time days (one day on the screen): every
 * payment paid in it and every refund that succeeded and was approved in it, with 整理番号, amounts,
 * method, dates, the provider's id and the revenue account (歳入科目) — to check against the provider's
 * statement — and the totals per revenue account. No application is opened: nothing personal is read.
 * A refund is dated by its approval (automatic refunds of duplicate payments: when the duplicate was
 * found); the provider may pay it out a little later.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { jstDayEnd, jstDayStart } from '../../../platform/japan-time.js';
import { assertPaymentAdmin, auditRead, type AuditMeta } from './payment-admin-access.js';
import type { Period } from './payment-admin.schemas.js';

export type Counting = 'counted' | 'duplicate' | 'not_counted';

export type ReportPayment = {
  paymentId: string;
  referenceNumber: string;
  amount: number;
  refundedAmount: number;
  method: string;
  paidAt: Date;
  providerPaymentId: string | null;
  revenueAccountCode: string | null;
  status: string;
  counting: Counting;
};

export type ReportRefund = {
  refundId: string;
  referenceNumber: string;
  amount: number;
  method: string;
  refundedAt: Date;
  automatic: boolean;
  providerRefundId: string | null;
  revenueAccountCode: string | null;
};

export type AccountTotal = {
  revenueAccountCode: string | null;
  payments: number;
  received: number;
  refunds: number;
  refunded: number;
  net: number;
};

export type Reconciliation = {
  from: string;
  to: string;
  payments: ReportPayment[];
  refunds: ReportRefund[];
  totals: AccountTotal[];
  overall: AccountTotal;
};

type PaymentRow = {
  id: string;
  reference_number: string;
  amount: number;
  refunded_amount: number;
  method: string | null;
  paid_at: Date;
  provider_payment_id: string | null;
  revenue_account_code: string | null;
  status: string;
  counted: boolean;
  duplicate: boolean;
};
type RefundRow = {
  id: string;
  reference_number: string;
  amount: number;
  method: string | null;
  decided_at: Date;
  automatic: boolean;
  provider_refund_id: string | null;
  revenue_account_code: string | null;
};

/** The report's rows and totals (no policy check, no audit: the operations that call it do both). */
export async function loadReconciliation(q: Queryable, period: Period): Promise<Reconciliation> {
  const bounds = [jstDayStart(period.from), jstDayEnd(period.to)];
  const payments = (
    await q.query<PaymentRow>(
      `SELECT p.id, p.reference_number, p.amount, p.refunded_amount, p.method, p.paid_at, p.provider_payment_id,
              NULLIF(p.revenue_account_code, '') AS revenue_account_code, p.status, p.counted,
              EXISTS (SELECT 1 FROM app_refunds r WHERE r.payment_id = p.id AND r.automatic) AS duplicate
       FROM app_payments p WHERE p.paid_at IS NOT NULL AND p.paid_at >= $1 AND p.paid_at < $2
       ORDER BY p.paid_at, p.reference_number`,
      bounds,
    )
  ).rows.map(
    (r): ReportPayment => ({
      paymentId: r.id,
      referenceNumber: r.reference_number,
      amount: Number(r.amount),
      refundedAmount: Number(r.refunded_amount),
      method: r.method ?? 'unknown',
      paidAt: new Date(r.paid_at),
      providerPaymentId: r.provider_payment_id,
      revenueAccountCode: r.revenue_account_code,
      status: r.status,
      counting: r.counted ? 'counted' : r.duplicate ? 'duplicate' : 'not_counted',
    }),
  );
  const refunds = (
    await q.query<RefundRow>(
      `SELECT r.id, p.reference_number, r.amount, p.method, r.decided_at, r.automatic, r.provider_refund_id,
              NULLIF(p.revenue_account_code, '') AS revenue_account_code
       FROM app_refunds r JOIN app_payments p ON p.id = r.payment_id
       WHERE r.status = 'succeeded' AND r.decided_at >= $1 AND r.decided_at < $2
       ORDER BY r.decided_at, p.reference_number`,
      bounds,
    )
  ).rows.map(
    (r): ReportRefund => ({
      refundId: r.id,
      referenceNumber: r.reference_number,
      amount: Number(r.amount),
      method: r.method ?? 'unknown',
      refundedAt: new Date(r.decided_at),
      automatic: r.automatic,
      providerRefundId: r.provider_refund_id,
      revenueAccountCode: r.revenue_account_code,
    }),
  );
  const byCode = new Map<string | null, AccountTotal>();
  const totalOf = (code: string | null) => {
    let t = byCode.get(code);
    if (!t) byCode.set(code, (t = { revenueAccountCode: code, payments: 0, received: 0, refunds: 0, refunded: 0, net: 0 }));
    return t;
  };
  for (const p of payments) {
    const t = totalOf(p.revenueAccountCode);
    t.payments++;
    t.received += p.amount;
  }
  for (const r of refunds) {
    const t = totalOf(r.revenueAccountCode);
    t.refunds++;
    t.refunded += r.amount;
  }
  const totals = [...byCode.values()]
    .map((t) => ({ ...t, net: t.received - t.refunded }))
    .sort((a, b) => (a.revenueAccountCode ?? '\uffff').localeCompare(b.revenueAccountCode ?? '\uffff'));
  const overall: AccountTotal = { revenueAccountCode: null, payments: 0, received: 0, refunds: 0, refunded: 0, net: 0 };
  for (const t of totals) {
    overall.payments += t.payments;
    overall.received += t.received;
    overall.refunds += t.refunds;
    overall.refunded += t.refunded;
    overall.net += t.net;
  }
  return { from: period.from, to: period.to, payments, refunds, totals, overall };
}

/** The report on the screen; the view is audited with the period and the counts. */
export async function viewReconciliation(ctx: AppContext, actor: StaffActor, period: Period, meta: AuditMeta): Promise<Reconciliation> {
  assertPaymentAdmin(ctx, actor);
  return ctx.db.transaction(async (tx) => {
    const report = await loadReconciliation(tx, period);
    await auditRead(tx, ctx, actor, meta, {
      action: 'payment_admin.report_viewed',
      detail: { from: period.from, to: period.to, payments: report.payments.length, refunds: report.refunds.length },
    });
    return report;
  });
}
