/**
 * What the refund screens read: the refunds (waiting for a second person first, then the latest),
 * the payments of one 整理番号, and one payment with what is left to refund. Staff are named by their
 * login id; no application is opened. Each read is audited.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { assertPaymentAdmin, auditRead, type AuditMeta } from './payment-admin-access.js';

export type RefundItem = {
  id: string;
  referenceNumber: string;
  amount: number;
  status: string;
  automatic: boolean;
  reason: string;
  requestedAt: Date;
  requestedById: string | null;
  requestedBy: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
};

export type PaymentItem = {
  id: string;
  referenceNumber: string;
  amount: number;
  refundedAmount: number;
  /** Yen not yet refunded nor held by a refund waiting or approved. */
  refundable: number;
  status: string;
  method: string;
  createdAt: Date;
  paidAt: Date | null;
};

type RefundRow = {
  id: string;
  reference_number: string;
  amount: number;
  status: string;
  automatic: boolean;
  reason: string;
  requested_at: Date;
  requested_by: string | null;
  requested_login: string | null;
  decided_login: string | null;
  decided_at: Date | null;
};

const REFUND_SELECT = `SELECT r.id, p.reference_number, r.amount, r.status, r.automatic, r.reason, r.requested_at, r.requested_by,
    rq.login_id AS requested_login, dc.login_id AS decided_login, r.decided_at
  FROM app_refunds r JOIN app_payments p ON p.id = r.payment_id
  LEFT JOIN staff rq ON rq.id = r.requested_by LEFT JOIN staff dc ON dc.id = r.decided_by`;

const refundItem = (r: RefundRow): RefundItem => ({
  id: r.id,
  referenceNumber: r.reference_number,
  amount: Number(r.amount),
  status: r.status,
  automatic: r.automatic,
  reason: r.reason,
  requestedAt: new Date(r.requested_at),
  requestedById: r.requested_by,
  requestedBy: r.requested_login,
  decidedBy: r.decided_login,
  decidedAt: r.decided_at ? new Date(r.decided_at) : null,
});

export async function listRefunds(
  ctx: AppContext,
  actor: StaffActor,
  meta: AuditMeta,
): Promise<{ waiting: RefundItem[]; history: RefundItem[] }> {
  assertPaymentAdmin(ctx, actor);
  return ctx.db.transaction(async (tx) => {
    const waiting = (await tx.query<RefundRow>(`${REFUND_SELECT} WHERE r.status = 'requested' ORDER BY r.requested_at`)).rows.map(
      refundItem,
    );
    const history = (
      await tx.query<RefundRow>(`${REFUND_SELECT} WHERE r.status <> 'requested' ORDER BY r.requested_at DESC LIMIT 100`)
    ).rows.map(refundItem);
    await auditRead(tx, ctx, actor, meta, {
      action: 'payment_admin.refunds_viewed',
      detail: { waiting: waiting.length, shown: history.length },
    });
    return { waiting, history };
  });
}

type PaymentRow = {
  id: string;
  reference_number: string;
  amount: number;
  refunded_amount: number;
  held: number;
  status: string;
  method: string | null;
  created_at: Date;
  paid_at: Date | null;
};

async function payments(q: Queryable, where: string, value: string): Promise<PaymentItem[]> {
  const r = await q.query<PaymentRow>(
    `SELECT p.id, p.reference_number, p.amount, p.refunded_amount, p.status, p.method, p.created_at, p.paid_at,
       (SELECT COALESCE(sum(r.amount), 0) FROM app_refunds r WHERE r.payment_id = p.id AND r.status IN ('requested', 'approved')) AS held
     FROM app_payments p WHERE ${where} = $1 ORDER BY p.created_at`,
    [value],
  );
  return r.rows.map((p) => {
    const refundable = ['paid', 'partially_refunded'].includes(p.status)
      ? Number(p.amount) - Number(p.refunded_amount) - Number(p.held)
      : 0;
    return {
      id: p.id,
      referenceNumber: p.reference_number,
      amount: Number(p.amount),
      refundedAmount: Number(p.refunded_amount),
      refundable: Math.max(0, refundable),
      status: p.status,
      method: p.method ?? 'unknown',
      createdAt: new Date(p.created_at),
      paidAt: p.paid_at ? new Date(p.paid_at) : null,
    };
  });
}

/** Every payment attempt of one 整理番号 (several: retries, two tabs). */
export async function findPaymentsByReference(
  ctx: AppContext,
  actor: StaffActor,
  referenceNumber: string,
  meta: AuditMeta,
): Promise<PaymentItem[]> {
  assertPaymentAdmin(ctx, actor);
  return ctx.db.transaction(async (tx) => {
    const found = await payments(tx, 'p.reference_number', referenceNumber);
    await auditRead(tx, ctx, actor, meta, { action: 'payment_admin.payments_searched', detail: { referenceNumber, found: found.length } });
    return found;
  });
}

/** One payment for the refund form; 404 when there is none. */
export async function paymentForRefund(ctx: AppContext, actor: StaffActor, paymentId: string): Promise<PaymentItem> {
  assertPaymentAdmin(ctx, actor);
  const [p] = await payments(ctx.db, 'p.id', paymentId);
  if (!p) throw errors.notFound();
  return p;
}
