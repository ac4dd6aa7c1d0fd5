/**
 * Reconciliation: a lost notification or a closed browser never leaves a payment (and so its
 * application) stuck. Every minute a sweep takes the payments not final whose next_check_at has come
 * (a bounded batch, FOR UPDATE SKIP LOCKED, so sweeps on several workers share the work), pushes
 * their next check out as a lease and fans out one check job each. A check re-reads the payment from
 * the provider and applies it like a notification; an open one is looked at again later with a
 * growing interval; one past its expiry (plus grace) is expired at the provider first. A payment whose
 * create never answered is re-issued with the SAME idempotency key and parameters (Stripe cannot be
 * searched by key; a repeated key returns the session it made), unless its time is already over.
 */
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { defineJob, enqueue } from '../../../platform/jobs.js';
import { applyProviderPaymentIn } from './apply-provider-payment.js';
import { CHECK_QUEUE } from './payment-queues.js';
import { findApplication, findPayment, type PaymentRow } from './payments.repository.js';
import { ProviderUnavailableError } from './provider.js';
import { checkoutRequestOf, paymentProvider } from './start-payment.js';

const SWEEP_BATCH = 2000;
/** How long a swept payment is left alone while its check job waits to run. */
const LEASE_MS = 5 * 60_000;
/** A hosted page past its expiry by this much and still open at the provider is expired there. */
const EXPIRY_GRACE_MS = 5 * 60_000;
const MAX_INTERVAL_MS = 30 * 60_000;
const GIVE_UP_AFTER_MS = 24 * 3_600_000;

export const reconcilePaymentsJob = defineJob({
  queue: 'applications.payment-reconcile',
  payload: z.object({}).passthrough(),
  everySeconds: (config) => (config.payments.provider === 'none' ? 0 : 60),
  async handler(ctx, tx) {
    await sweepDuePayments(ctx, tx);
  },
});

/** Enqueues a check for each due payment; returns how many. */
export async function sweepDuePayments(ctx: AppContext, tx: Queryable, limit = SWEEP_BATCH): Promise<number> {
  const now = ctx.clock.now();
  const lease = new Date(now.getTime() + LEASE_MS);
  const due = await tx.query<{ id: string }>(
    `UPDATE app_payments SET next_check_at = $2
     WHERE id IN (SELECT id FROM app_payments WHERE status IN ('creating', 'pending') AND next_check_at <= $1
                  ORDER BY next_check_at LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING id`,
    [now, lease, limit],
  );
  for (const { id } of due.rows) await enqueue(tx, CHECK_QUEUE, { paymentId: id }, { runAt: now, dedupeKey: `${id}:${now.toISOString()}` });
  return due.rows.length;
}

export const checkPaymentJob = defineJob({
  queue: CHECK_QUEUE,
  payload: z.object({ paymentId: z.uuid() }),
  maxAttempts: 3,
  async handler(ctx, tx, { paymentId }) {
    await checkPayment(ctx, tx, paymentId);
  },
});

/** When an open payment is looked at next: later the older it is, never past its expiry plus grace. */
export function nextCheckAt(now: Date, p: Pick<PaymentRow, 'createdAt' | 'expiresAt'>, reconcileAfterMinutes: number): Date {
  const age = now.getTime() - p.createdAt.getTime();
  const interval = Math.min(MAX_INTERVAL_MS, Math.max(reconcileAfterMinutes * 60_000, age / 4));
  const limit = p.expiresAt.getTime() + EXPIRY_GRACE_MS;
  // Past its expiry and still not final (an asynchronous payment still settling): at the interval.
  if (limit <= now.getTime()) return new Date(now.getTime() + interval);
  return new Date(Math.max(now.getTime() + 60_000, Math.min(now.getTime() + interval, limit)));
}

async function checkPayment(ctx: AppContext, tx: Queryable, paymentId: string): Promise<void> {
  const now = ctx.clock.now();
  const p = await findPayment(tx, paymentId);
  if (!p || (p.status !== 'creating' && p.status !== 'pending')) return;
  const provider = paymentProvider(ctx);
  try {
    if (p.status === 'creating') {
      await checkUnansweredCreate(ctx, tx, p, now);
      return;
    }
    const id = p.providerPaymentId as string;
    const expired = now.getTime() > p.expiresAt.getTime() + EXPIRY_GRACE_MS;
    const reported = expired ? await provider.expire(id) : await provider.retrieve(id);
    const { outcome } = await applyProviderPaymentIn(ctx, tx, provider.name, reported);
    if (outcome === 'pending' && now.getTime() > p.expiresAt.getTime() + GIVE_UP_AFTER_MS) await giveUp(ctx, tx, p.id, now);
    else if (outcome === 'pending')
      await tx.query(`UPDATE app_payments SET next_check_at = $2 WHERE id = $1 AND status = 'pending'`, [
        p.id,
        nextCheckAt(now, p, ctx.config.payments.reconcileAfterMinutes),
      ]);
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    if (now.getTime() > p.expiresAt.getTime() + GIVE_UP_AFTER_MS) {
      await giveUp(ctx, tx, p.id, now);
      return;
    }
    ctx.log.warn({ event: 'payment_check_unavailable', paymentId }, 'payment provider unavailable; checked again later');
    await tx.query(`UPDATE app_payments SET next_check_at = $2 WHERE id = $1 AND status IN ('creating', 'pending')`, [
      p.id,
      new Date(now.getTime() + 2 * 60_000),
    ]);
  }
}

/**
 * A payment still not final a day after its page closed (the provider cannot answer for it, e.g. a
 * stand-in restarted without its sessions, or an asynchronous payment that never settled) stops being
 * checked: 'failed'. Were it paid after all, a notification still marks it paid (failed → paid is
 * allowed: paid money never vanishes).
 */
async function giveUp(ctx: AppContext, tx: Queryable, paymentId: string, now: Date): Promise<void> {
  ctx.log.warn({ event: 'payment_check_given_up', paymentId }, 'payment not final a day after its expiry; marked failed');
  await tx.query(
    `UPDATE app_payments SET status = 'failed', final_at = $2, hosted_url = NULL, next_check_at = NULL WHERE id = $1 AND status IN ('creating', 'pending')`,
    [paymentId, now],
  );
}

async function checkUnansweredCreate(ctx: AppContext, tx: Queryable, p: PaymentRow, now: Date): Promise<void> {
  const provider = paymentProvider(ctx);
  const application = p.applicationId ? await findApplication(tx, { id: p.applicationId }) : undefined;
  // Nobody ever saw this page's address: when it is no longer wanted or its time is over, it ends here.
  const wanted = application?.status === 'awaiting_payment' && now.getTime() < p.expiresAt.getTime() - 60_000;
  if (!wanted) {
    await tx.query(`UPDATE app_payments SET status = $2, final_at = $3, next_check_at = NULL WHERE id = $1 AND status = 'creating'`, [
      p.id,
      application?.status === 'awaiting_payment' ? 'failed' : 'cancelled',
      now,
    ]);
    return;
  }
  const session = await provider.createCheckout(checkoutRequestOf(ctx, p));
  await tx.query(
    `UPDATE app_payments SET provider_payment_id = $2, hosted_url = $3, status = 'pending' WHERE id = $1 AND status = 'creating'`,
    [p.id, session.providerPaymentId, session.url],
  );
  const { outcome } = await applyProviderPaymentIn(ctx, tx, provider.name, session);
  if (outcome === 'pending')
    await tx.query(`UPDATE app_payments SET next_check_at = $2 WHERE id = $1`, [
      p.id,
      nextCheckAt(now, p, ctx.config.payments.reconcileAfterMinutes),
    ]);
}
