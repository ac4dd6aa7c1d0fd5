/**
 * What the return page shows after the provider's hosted page sends the citizen back. Nothing in the
 * query is trusted but the session id (or our payment id), and that only to find one of OUR payments: the payment is
 * re-read from the provider and applied through the same path as a notification, then our own row
 * says what happened. An unknown id is never sent to the provider.
 */
import type { AppContext } from '../../../platform/context.js';
import { applyProviderPayment } from './apply-provider-payment.js';
import { findPayment, findPaymentByProviderId } from './payments.repository.js';
import { ProviderUnavailableError } from './provider.js';
import { paymentProvider } from './start-payment.js';

export type PaymentReturn =
  | { state: 'unknown' }
  | { state: 'paid' | 'pending' | 'cancelled'; referenceNumber: string; amount: number; method: string | null };

/** `sessionId`: the provider's id (success_url); `paymentId`: ours (cancel_url). */
export async function readPaymentReturn(ctx: AppContext, by: { sessionId?: string; paymentId?: string }): Promise<PaymentReturn> {
  const provider = paymentProvider(ctx);
  const ours = by.sessionId
    ? await findPaymentByProviderId(ctx.db, provider.name, by.sessionId)
    : by.paymentId
      ? await findPayment(ctx.db, by.paymentId)
      : undefined;
  if (!ours || ours.provider !== provider.name) return { state: 'unknown' };
  try {
    if (ours.providerPaymentId) await applyProviderPayment(ctx, provider.name, await provider.retrieve(ours.providerPaymentId));
  } catch (err) {
    // The provider is slow or down: say "not confirmed yet"; the reconciliation re-reads it later.
    if (!(err instanceof ProviderUnavailableError)) throw err;
    ctx.log.warn({ event: 'payment_return_unavailable', paymentId: ours.id }, 'payment provider unavailable on return');
  }
  const p = await findPayment(ctx.db, ours.id);
  if (!p) return { state: 'unknown' };
  const state =
    p.status === 'paid' || p.status === 'refunded' || p.status === 'partially_refunded'
      ? 'paid'
      : p.status === 'creating' || p.status === 'pending'
        ? 'pending'
        : 'cancelled';
  return { state, referenceNumber: p.referenceNumber, amount: p.amount, method: p.method };
}
