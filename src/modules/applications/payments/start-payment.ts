/**
 * startPayment: the hosted payment page for an application waiting for its fee.
 *
 * - Only for an application in awaiting_payment with a fee; anything else is not_payable (409).
 * - Reuses the application's open payment while its page has at least REUSE_MARGIN left (two tabs,
 *   a reload, a retry all land on the same page), else creates one.
 * - A new payment row ('creating', random idempotency key, its expiry) is committed BEFORE the
 *   provider is called, so a lost answer is never a lost payment: the next attempt, or the
 *   reconciliation, re-issues the create with the same key and the same parameters, which returns
 *   the same session.
 * - The provider gets only the 整理番号, the amount, a fixed description, our return URLs and the
 *   expiry. Provider down: ProviderUnavailableError → payment_unavailable (503); the application
 *   stays awaiting_payment and a retry works.
 */
import crypto from 'node:crypto';
import { AppError, problemTypes } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { paymentMessages } from './payments.messages.js';
import { findApplication, findPayment, type PayableApplication, type PaymentRow } from './payments.repository.js';
import { applyProviderPayment } from './apply-provider-payment.js';
import { providerFor } from './provider-for.js';
import { type CheckoutRequest, type PaymentProvider, type ProviderPayment, ProviderUnavailableError } from './provider.js';
import { tokenMatches } from './application-token.js';

/** A hosted page with less time left than this is not handed out again: a new one is made. */
const REUSE_MARGIN_MS = 10 * 60_000;

export type StartPaymentInput = { referenceNumber: string; accessToken: string } | { applicationId: string };

export const notPayable = () => new AppError('not_payable', 409, problemTypes.not_payable.title);
export const paymentUnavailable = () => new AppError('payment_unavailable', 503, problemTypes.payment_unavailable.title);

/**
 * Our return page. After paying, the provider puts its session id in place of {CHECKOUT_SESSION_ID}
 * (Stripe's template); Stripe does not fill that template into cancel_url, so a cancel comes back
 * with our own payment id instead. Both are unguessable ids that only select a payment to re-read.
 */
export function returnUrls(ctx: AppContext, paymentId: string): { successUrl: string; cancelUrl: string } {
  const base = `${ctx.config.publicBaseUrl}/applications/payment-return`;
  return { successUrl: `${base}?session_id={CHECKOUT_SESSION_ID}`, cancelUrl: `${base}?payment=${paymentId}` };
}

/** Exactly what the provider is told about a payment, rebuilt identically for a re-issued create. */
export function checkoutRequestOf(
  ctx: AppContext,
  p: Pick<PaymentRow, 'id' | 'referenceNumber' | 'amount' | 'expiresAt' | 'idempotencyKey'>,
): CheckoutRequest {
  return {
    referenceNumber: p.referenceNumber,
    amount: p.amount,
    description: paymentMessages.t('ja', 'providerDescription'),
    ...returnUrls(ctx, p.id),
    expiresAt: p.expiresAt,
    idempotencyKey: p.idempotencyKey,
  };
}

export async function startPayment(ctx: AppContext, input: StartPaymentInput): Promise<{ url: string; paymentId: string }> {
  const now = ctx.clock.now();
  const provider = paymentProvider(ctx);
  const step = await ctx.db.transaction(async (tx): Promise<{ url: string; paymentId: string } | { create: string }> => {
    const a = await citizenApplication(tx, input, true);
    if (a.status !== 'awaiting_payment' || !a.feeAmount) throw notPayable();
    const open = await tx.query<{ id: string; status: string; hosted_url: string | null; expires_at: Date }>(
      `SELECT id, status, hosted_url, expires_at FROM app_payments
       WHERE application_id = $1 AND provider = $2 AND amount = $3 AND status IN ('creating', 'pending')
       ORDER BY (status = 'pending') DESC, created_at DESC`,
      [a.id, provider.name, a.feeAmount],
    );
    // Paid on the hosted page and settling at the provider (an asynchronous method): nothing to pay now.
    if (open.rows.some((p) => p.status === 'pending' && !p.hosted_url)) throw notPayable();
    const usable = open.rows.find((p) => p.expires_at.getTime() > now.getTime() + REUSE_MARGIN_MS);
    if (usable?.status === 'pending' && usable.hosted_url) return { url: usable.hosted_url, paymentId: usable.id };
    if (usable?.status === 'creating') return { create: usable.id };
    return { create: await insertPayment(ctx, tx, a, provider.name, now) };
  });
  if ('url' in step) return step;
  const payment = (await findPayment(ctx.db, step.create)) as PaymentRow;
  const session = await createAtProvider(ctx, provider, payment);
  const stored = await storeCreated(ctx, provider, payment.id, session);
  if (!stored) throw notPayable();
  return { url: stored, paymentId: payment.id };
}

/** The configured provider; none configured → payment_unavailable. */
export function paymentProvider(ctx: AppContext): PaymentProvider {
  const provider = providerFor(ctx);
  if (!provider) throw paymentUnavailable();
  return provider;
}

async function citizenApplication(
  tx: Parameters<typeof findApplication>[0],
  input: StartPaymentInput,
  lock: boolean,
): Promise<PayableApplication> {
  if ('applicationId' in input) {
    const a = await findApplication(tx, { id: input.applicationId }, { lock });
    if (!a) throw new AppError('not_found', 404, problemTypes.not_found.title);
    return a;
  }
  const a = await findApplication(tx, { referenceNumber: input.referenceNumber }, { lock });
  // A wrong number and a wrong token look the same.
  if (!a || !tokenMatches(input.accessToken, a.accessTokenHash)) throw new AppError('not_found', 404, problemTypes.not_found.title);
  return a;
}

async function insertPayment(
  ctx: AppContext,
  tx: Parameters<typeof findApplication>[0],
  a: PayableApplication,
  providerName: string,
  now: Date,
): Promise<string> {
  const expiresAt = new Date(now.getTime() + ctx.config.payments.sessionMinutes * 60_000);
  const r = await tx.query<{ id: string }>(
    `INSERT INTO app_payments (application_id, reference_number, provider, idempotency_key, amount, status, revenue_account_code,
       created_at, expires_at, next_check_at)
     VALUES ($1, $2, $3, $4, $5, 'creating', $6, $7, $8, $9) RETURNING id`,
    [
      a.id,
      a.referenceNumber,
      providerName,
      `checkout-${crypto.randomUUID()}`,
      a.feeAmount,
      a.revenueAccountCode,
      now,
      expiresAt,
      new Date(now.getTime() + ctx.config.payments.reconcileAfterMinutes * 60_000),
    ],
  );
  return r.rows[0]?.id as string;
}

/** Calls createCheckout; an unreachable provider becomes payment_unavailable (the row stays 'creating' for a retry). */
export async function createAtProvider(ctx: AppContext, provider: PaymentProvider, payment: PaymentRow): Promise<ProviderPayment> {
  try {
    return await provider.createCheckout(checkoutRequestOf(ctx, payment));
  } catch (err) {
    if (err instanceof ProviderUnavailableError) {
      ctx.log.warn({ event: 'payment_provider_unavailable', paymentId: payment.id, err: err.message }, 'payment provider unavailable');
      throw paymentUnavailable();
    }
    throw err;
  }
}

/**
 * Stores the provider's answer to a create (or a re-issued create); returns the hosted page while it
 * is open, or null when the session is already final (then applied like any report).
 */
export async function storeCreated(
  ctx: AppContext,
  provider: PaymentProvider,
  paymentId: string,
  session: ProviderPayment,
): Promise<string | null> {
  await ctx.db.query(
    `UPDATE app_payments SET provider_payment_id = $2, hosted_url = $3, status = 'pending'
     WHERE id = $1 AND status = 'creating'`,
    [paymentId, session.providerPaymentId, session.url],
  );
  const applied = await applyProviderPayment(ctx, provider.name, session);
  if (session.status !== 'open' || applied.outcome !== 'pending' || !session.url) return null;
  return session.url;
}
