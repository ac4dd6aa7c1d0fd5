/**
 * The payment of an application as the citizen and the inbox see it: its status and amount, or null
 * when the application has no fee.
 * - 'paid' | 'refunded' | 'partially_refunded': the payment that counts;
 * - 'pending': waiting for the fee (no page opened yet, a page open, or one closed unpaid — the
 *   citizen can pay again);
 * - 'expired': the application expired unpaid;
 * - 'not_due': a fee paid after acceptance (事後決済) that staff have not asked for yet;
 * - 'cancelled': the application was withdrawn or rejected before it was paid.
 */
import type { Queryable } from '../../../platform/db.js';

export type PaymentSummaryStatus = 'pending' | 'paid' | 'expired' | 'refunded' | 'partially_refunded' | 'not_due' | 'cancelled';
export type PaymentSummary = { status: PaymentSummaryStatus; amount: number };

export async function paymentSummaryOf(q: Queryable, applicationId: string): Promise<PaymentSummary | null> {
  const r = await q.query<{ status: string; fee_amount: number | null; paid_status: string | null; paid_amount: number | null }>(
    `SELECT a.status, a.fee_amount, p.status AS paid_status, p.amount AS paid_amount
     FROM app_applications a LEFT JOIN app_payments p ON p.application_id = a.id AND p.counted
     WHERE a.id = $1`,
    [applicationId],
  );
  const row = r.rows[0];
  if (!row || row.fee_amount === null) return null;
  if (row.paid_status) return { status: row.paid_status as PaymentSummaryStatus, amount: Number(row.paid_amount) };
  return { status: summaryOfUnpaid(row.status), amount: Number(row.fee_amount) };
}

function summaryOfUnpaid(applicationStatus: string): PaymentSummaryStatus {
  if (applicationStatus === 'awaiting_payment') return 'pending';
  if (applicationStatus === 'expired') return 'expired';
  if (applicationStatus === 'withdrawn' || applicationStatus === 'rejected') return 'cancelled';
  return 'not_due';
}
