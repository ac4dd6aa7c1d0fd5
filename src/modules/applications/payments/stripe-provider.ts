/**
 * Stripe Checkout behind the PaymentProvider interface, through the official `stripe` SDK. What goes
 * to Stripe is the CheckoutRequest and nothing else: the 整理番号 as `client_reference_id`, one line
 * item of the amount in JPY named by the fixed description, the return URLs, the expiry and the
 * idempotency key. No customer_email, no metadata, no procedure title.
 *
 * The API origin is configurable (STRIPE_API_BASE_URL → the SDK's protocol/host/port), so tests and
 * the demo speak to the local payment stand-in (src/payment-standin) with the same SDK calls.
 *
 * Errors: anything the SDK throws (network, timeout, 5xx after its retries, 4xx refusals) becomes
 * ProviderUnavailableError with the SDK's error as `cause` (its `type`, `code` and `statusCode` tell a
 * refusal from an outage); a notification that does not verify becomes NotificationRejectedError.
 */
import Stripe from 'stripe';
import {
  NotificationRejectedError,
  type CheckoutRequest,
  type PaymentMethod,
  type PaymentProvider,
  type ProviderEvent,
  type ProviderPayment,
  ProviderUnavailableError,
  type RefundResult,
} from './provider.js';

export type StripeProviderOptions = {
  secretKey: string;
  webhookSecret: string;
  /** An origin such as https://api.stripe.com or http://127.0.0.1:3002 (no path). */
  apiBaseUrl: string;
  /** Clock for the signature's age check (ms since the epoch); defaults to the system clock. */
  now?: () => number;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  /** The SDK's retries of network errors, 409 and 5xx (with the same idempotency key). */
  maxNetworkRetries?: number;
};

/** The notifications madoguchi acts on; others verify but carry no payment. */
const SESSION_EVENTS = new Set([
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
]);

export class StripeProvider implements PaymentProvider {
  readonly name = 'stripe';
  private readonly stripe: Stripe;

  constructor(private readonly options: StripeProviderOptions) {
    const base = new URL(options.apiBaseUrl);
    const protocol = base.protocol === 'http:' ? 'http' : 'https';
    this.stripe = new Stripe(options.secretKey, {
      host: base.hostname,
      port: base.port || (protocol === 'http' ? 80 : 443),
      protocol,
      maxNetworkRetries: options.maxNetworkRetries ?? 2,
      // A citizen waits on createCheckout: 10 s a try (with the retries, about half a minute at worst).
      timeout: options.timeoutMs ?? 10_000,
      // Request timings are Stripe's telemetry, not ours to send; nothing else changes.
      telemetry: false,
    });
  }

  async createCheckout(request: CheckoutRequest): Promise<ProviderPayment> {
    const session = await this.call(() =>
      this.stripe.checkout.sessions.create(
        {
          mode: 'payment',
          client_reference_id: request.referenceNumber,
          line_items: [
            {
              quantity: 1,
              price_data: { currency: 'jpy', unit_amount: request.amount, product_data: { name: request.description } },
            },
          ],
          // A filter over the methods the account has enabled (this API version has no fixed
          // payment_method_types). Apple Pay rides on card, where the device supports it.
          allowed_payment_method_types: ['card', 'paypay'],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          expires_at: Math.floor(request.expiresAt.getTime() / 1000),
          locale: 'ja',
        },
        { idempotencyKey: request.idempotencyKey },
      ),
    );
    return toPayment(session);
  }

  async retrieve(providerPaymentId: string): Promise<ProviderPayment> {
    const session = await this.call(() =>
      this.stripe.checkout.sessions.retrieve(providerPaymentId, { expand: ['payment_intent.latest_charge'] }),
    );
    return toPayment(session);
  }

  async expire(providerPaymentId: string): Promise<ProviderPayment> {
    try {
      await this.stripe.checkout.sessions.expire(providerPaymentId);
    } catch (err) {
      // Only open sessions can be expired: one already paid or expired answers 400, and its final
      // state is what the caller needs, so read it instead of failing.
      if (!(err instanceof Stripe.errors.StripeInvalidRequestError) || err.statusCode !== 400 || err.code === 'resource_missing')
        throw unavailable(err);
    }
    return this.retrieve(providerPaymentId);
  }

  async refund(payment: { chargeId: string; providerPaymentId: string }, amount: number, idempotencyKey: string): Promise<RefundResult> {
    const refund = await this.call(() => this.stripe.refunds.create({ payment_intent: payment.chargeId, amount }, { idempotencyKey }));
    const status =
      refund.status === 'succeeded' ? 'succeeded' : refund.status === 'failed' || refund.status === 'canceled' ? 'failed' : 'pending';
    return { refundId: refund.id, status };
  }

  parseNotification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent {
    const signature = headers['stripe-signature'];
    if (typeof signature !== 'string' || signature === '') throw new NotificationRejectedError('missing Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody,
        signature,
        this.options.webhookSecret,
        undefined, // Stripe's default tolerance: 300 seconds
        undefined,
        this.options.now?.(),
      );
    } catch (err) {
      throw new NotificationRejectedError(err instanceof Error ? err.message : 'signature verification failed');
    }
    const createdAt = new Date(event.created * 1000);
    let payment: ProviderPayment | null = null;
    if (SESSION_EVENTS.has(event.type)) {
      const session = event.data.object as Stripe.Checkout.Session;
      payment = toPayment(session);
      if (event.type === 'checkout.session.async_payment_failed') payment.status = 'cancelled';
      // The event's session carries no charge; Stripe recorded its completion when the event was created.
      if (payment.status === 'paid' && !payment.paidAt) payment.paidAt = createdAt;
    } else if (event.type === 'charge.refunded') payment = chargePayment(event.data.object as Stripe.Charge);
    return { id: event.id, type: event.type, createdAt, payment };
  }

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw unavailable(err);
    }
  }
}

function unavailable(err: unknown): ProviderUnavailableError {
  if (err instanceof Stripe.errors.StripeError)
    return new ProviderUnavailableError(
      `stripe: ${err.type}${err.statusCode ? ` ${err.statusCode}` : ''}${err.code ? ` ${err.code}` : ''}: ${err.message}`,
      err,
    );
  return new ProviderUnavailableError(`stripe: ${err instanceof Error ? err.message : String(err)}`, err);
}

function idOf(v: string | { id: string } | null | undefined): string | null {
  return v == null ? null : typeof v === 'string' ? v : v.id;
}

function methodOf(charge: Stripe.Charge): PaymentMethod | null {
  const d = charge.payment_method_details;
  if (!d) return null;
  if (d.type === 'card') return d.card?.wallet?.type === 'apple_pay' ? 'apple_pay' : 'card';
  if (d.type === 'paypay') return 'paypay';
  return 'other';
}

/** A Checkout Session as a ProviderPayment; with `payment_intent.latest_charge` expanded, the method and paid time too. */
function toPayment(session: Stripe.Checkout.Session): ProviderPayment {
  const intent = typeof session.payment_intent === 'object' ? session.payment_intent : null;
  const latest = intent && typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
  // A pending or failed charge has no method or paid time to report yet.
  const charge = latest?.status === 'succeeded' ? latest : null;
  let status: ProviderPayment['status'];
  if (session.status === 'complete' && session.payment_status === 'paid') status = 'paid';
  else if (session.status === 'expired') status = 'expired';
  // An asynchronous payment that failed: the session is complete and will never be paid.
  else if (session.status === 'complete' && intent && (intent.status === 'requires_payment_method' || intent.status === 'canceled'))
    status = 'cancelled';
  else status = 'open'; // open, or complete with an asynchronous payment still pending
  return {
    providerPaymentId: session.id,
    url: session.status === 'open' ? session.url : null,
    status,
    referenceNumber: session.client_reference_id,
    amount: session.amount_total ?? 0,
    currency: session.currency ?? '',
    method: charge ? methodOf(charge) : null,
    paidAt: charge && status === 'paid' ? new Date(charge.created * 1000) : null,
    expiresAt: new Date(session.expires_at * 1000),
    chargeId: idOf(session.payment_intent),
    refundedAmount: charge?.amount_refunded ?? 0,
  };
}

/**
 * A refunded charge as a ProviderPayment. A charge does not name its Checkout Session, so
 * `providerPaymentId` is empty: match it by `chargeId` (the PaymentIntent id, as stored from retrieve).
 */
function chargePayment(charge: Stripe.Charge): ProviderPayment {
  return {
    providerPaymentId: '',
    url: null,
    status: 'paid',
    referenceNumber: null,
    amount: charge.amount,
    currency: charge.currency,
    method: methodOf(charge),
    paidAt: new Date(charge.created * 1000),
    expiresAt: null,
    chargeId: idOf(charge.payment_intent),
    refundedAmount: charge.amount_refunded,
  };
}
