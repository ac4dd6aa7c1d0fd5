/**
 * A provider's notification (webhook), from its raw body:
 * 1. verified by the provider's parseNotification (signature, timestamp) BEFORE anything else is read
 *    or stored — a forged one leaves only a security event;
 * 2. recorded once by event id (app_payment_events, ON CONFLICT DO NOTHING): a replay changes nothing
 *    and, when its id is already stored, costs no read from the provider;
 * 3. applied by applyProviderPaymentIn in the same transaction as its record, so an event is either
 *    recorded with its effect or not at all (and the provider delivers it again). A "paid" event
 *    without the method is completed by a read from the provider first (outside the transaction).
 */
import type { AppContext } from '../../../platform/context.js';
import { recordSecurityEvent } from '../../security/index.js';
import { applyProviderPaymentIn, type ApplyOutcome } from './apply-provider-payment.js';
import { NotificationRejectedError, type PaymentProvider, type ProviderPayment, ProviderUnavailableError } from './provider.js';

export type NotificationResult = { accepted: false } | { accepted: true; duplicate: boolean; outcome: ApplyOutcome | 'ignored' | null };

export async function receiveNotification(
  ctx: AppContext,
  provider: PaymentProvider,
  rawBody: Buffer,
  headers: Record<string, string | string[] | undefined>,
  clientIp: string | null,
): Promise<NotificationResult> {
  const now = ctx.clock.now();
  let event: ReturnType<PaymentProvider['parseNotification']>;
  try {
    event = provider.parseNotification(rawBody, headers);
  } catch (err) {
    if (!(err instanceof NotificationRejectedError)) throw err;
    await recordSecurityEvent(
      ctx.db,
      {
        kind: 'payment.webhook_signature_failed',
        severity: 'warning',
        clientIp,
        subject: provider.name,
        detail: { reason: err.message.slice(0, 200), bytes: rawBody.length },
      },
      now,
    );
    ctx.log.warn({ event: 'payment_webhook_rejected', provider: provider.name, clientIp }, 'payment notification refused');
    return { accepted: false };
  }
  // A redelivery is answered before the provider is asked anything (the insert below still decides a race).
  const seen = await ctx.db.query('SELECT 1 FROM app_payment_events WHERE provider = $1 AND event_id = $2', [provider.name, event.id]);
  if (seen.rowCount > 0) return { accepted: true, duplicate: true, outcome: null };
  const reported = await withDetails(ctx, provider, event.payment);
  return ctx.db.transaction(async (tx) => {
    const inserted = await tx.query(
      `INSERT INTO app_payment_events (provider, event_id, event_type, provider_payment_id, outcome, received_at)
       VALUES ($1, $2, $3, $4, 'received', $5) ON CONFLICT (provider, event_id) DO NOTHING`,
      [provider.name, event.id, event.type, event.payment?.providerPaymentId ?? null, now],
    );
    if (inserted.rowCount === 0) return { accepted: true, duplicate: true, outcome: null };
    const outcome = reported ? (await applyProviderPaymentIn(ctx, tx, provider.name, reported)).outcome : 'ignored';
    await tx.query('UPDATE app_payment_events SET outcome = $3 WHERE provider = $1 AND event_id = $2', [provider.name, event.id, outcome]);
    ctx.log.info({ event: 'payment_webhook', type: event.type, outcome }, 'payment notification');
    return { accepted: true, duplicate: false, outcome };
  });
}

/**
 * A "paid" notification may not carry the method and the charge (Stripe's event holds the session
 * without them): those are read from the provider, which is also asked whether the payment is paid.
 * Unreachable: the notification's own word is applied (the method stays unknown).
 */
async function withDetails(ctx: AppContext, provider: PaymentProvider, p: ProviderPayment | null): Promise<ProviderPayment | null> {
  if (p?.status !== 'paid' || (p.method && p.chargeId) || !p.providerPaymentId) return p;
  try {
    const fresh = await provider.retrieve(p.providerPaymentId);
    return fresh.status === 'paid' ? fresh : p;
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    ctx.log.warn({ event: 'payment_details_unavailable' }, 'paid notification applied without the method');
    return p;
  }
}
