/**
 * What the payment stand-in knows and does, without HTTP: Checkout Sessions, the PaymentIntent and
 * Charge a payment creates, refunds and the events each change emits — with Stripe's rules (only an
 * open session can be paid or expired; a refund never exceeds what is left; a session past its
 * `expires_at` is expired and says so once). api.ts speaks Stripe's HTTP protocol over it; the hosted
 * page pays through it; webhooks.ts delivers its events.
 */
import {
  newId,
  newSession,
  type Charge,
  type CheckoutSession,
  type LineItem,
  type PaymentIntent,
  type PaymentMethodDetails,
  type Refund,
  type StripeEvent,
} from './stripe-objects.js';

/** An answer in Stripe's error format (`{ error: { type, message, code?, param? } }`) with its HTTP status. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: { type: string; message: string; code?: string; param?: string; decline_code?: string },
  ) {
    super(error.message);
  }
}

export const invalidRequest = (message: string, param?: string, code?: string) =>
  new StripeApiError(400, { type: 'invalid_request_error', message, ...(code ? { code } : {}), ...(param ? { param } : {}) });

const noSuch = (kind: string, id: string, param: string, status = 404) =>
  new StripeApiError(status, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${kind}: '${id}'` });

/** How the tester pays on the hosted page. */
export type PayInput =
  | { method: 'card'; number: string; expMonth: number; expYear: number; cvc: string }
  | { method: 'apple_pay' }
  | { method: 'paypay' };

/** Why a payment attempt was refused (the hosted page says so in Japanese; the session stays open). */
export type PayRefusal =
  | 'card_declined'
  | 'insufficient_funds'
  | 'incorrect_number'
  | 'invalid_expiry'
  | 'invalid_cvc'
  | 'not_open'
  | 'method_not_allowed';

// Stripe's documented test cards (https://docs.stripe.com/testing): the ones the hosted page knows.
const TEST_CARDS: Record<string, { brand: string; refuse?: PayRefusal }> = {
  '4242424242424242': { brand: 'visa' },
  '5555555555554444': { brand: 'mastercard' },
  '3566002020360505': { brand: 'jcb' },
  '4000000000000002': { brand: 'visa', refuse: 'card_declined' },
  '4000000000009995': { brand: 'visa', refuse: 'insufficient_funds' },
};

export function isLuhnValid(number: string): boolean {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return number.length >= 12 && sum % 10 === 0;
}

export type CreateSessionInput = {
  lineItems: Omit<LineItem, 'id'>[];
  currency: string;
  clientReferenceId: string | null;
  successUrl: string;
  cancelUrl: string | null;
  expiresAt: number | null;
  locale: string | null;
  paymentMethodTypes: string[];
  allowedPaymentMethodTypes: string[] | null;
  customerEmail: string | null;
  metadata: Record<string, string>;
};

export type EventSink = (event: StripeEvent) => void;

/** Everything the stand-in knows, as JSON (persistence.ts writes it to a file and reads it back). */
export type StandinSnapshot = {
  sessions: CheckoutSession[];
  lineItems: [string, LineItem[]][];
  paymentIntents: PaymentIntent[];
  charges: Charge[];
  refunds: Refund[];
  events: StripeEvent[];
};

export class StandinState {
  readonly sessions = new Map<string, CheckoutSession>();
  readonly lineItems = new Map<string, LineItem[]>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly events: StripeEvent[] = [];
  /** Called after every change (the stand-in's optional persistence writes its file then). */
  onChange: () => void = () => undefined;

  constructor(
    private readonly nowMs: () => number,
    private readonly hostedBaseUrl: () => string,
    private readonly apiVersion: string,
    private readonly sink: EventSink,
  ) {}

  snapshot(): StandinSnapshot {
    return {
      sessions: [...this.sessions.values()],
      lineItems: [...this.lineItems.entries()],
      paymentIntents: [...this.paymentIntents.values()],
      charges: [...this.charges.values()],
      refunds: [...this.refunds.values()],
      events: this.events,
    };
  }

  /** Replaces what the stand-in knows with a snapshot (a restart of the demo); emits nothing. */
  restore(s: StandinSnapshot): void {
    const fill = <T extends { id: string }>(map: Map<string, T>, items: T[]) => {
      map.clear();
      for (const i of items) map.set(i.id, i);
    };
    fill(this.sessions, s.sessions);
    fill(this.paymentIntents, s.paymentIntents);
    fill(this.charges, s.charges);
    fill(this.refunds, s.refunds);
    this.lineItems.clear();
    for (const [id, items] of s.lineItems) this.lineItems.set(id, items);
    this.events.splice(0, this.events.length, ...s.events);
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  createSession(input: CreateSessionInput): CheckoutSession {
    const created = this.nowSeconds();
    const amount = input.lineItems.reduce((s, i) => s + i.unitAmount * i.quantity, 0);
    const session = newSession({
      amount,
      currency: input.currency,
      clientReferenceId: input.clientReferenceId,
      successUrl: input.successUrl,
      cancelUrl: input.cancelUrl,
      // Stripe's default: 24 hours after creation.
      expiresAt: input.expiresAt ?? created + 24 * 3600,
      locale: input.locale,
      paymentMethodTypes: input.paymentMethodTypes,
      allowedPaymentMethodTypes: input.allowedPaymentMethodTypes,
      customerEmail: input.customerEmail,
      metadata: input.metadata,
      created,
      hostedBaseUrl: this.hostedBaseUrl(),
    });
    this.sessions.set(session.id, session);
    this.lineItems.set(
      session.id,
      input.lineItems.map((i) => ({ ...i, id: newId('li', 24) })),
    );
    this.onChange();
    return session;
  }

  /** A session as it is now: one past its expires_at is expired first (and `checkout.session.expired` emitted). */
  session(id: string): CheckoutSession {
    const s = this.sessions.get(id);
    if (!s) throw noSuch('checkout.session', id, 'session');
    if (s.status === 'open' && this.nowSeconds() >= s.expires_at) this.close(s, null);
    return s;
  }

  /** Expires every open session past its expires_at (the stand-in's timer calls this). */
  expireDue(): void {
    const now = this.nowSeconds();
    for (const s of this.sessions.values()) if (s.status === 'open' && now >= s.expires_at) this.close(s, null);
  }

  expireSession(id: string, request: StripeEvent['request']): CheckoutSession {
    const s = this.session(id);
    if (s.status !== 'open')
      throw invalidRequest(
        `Only Checkout Sessions with a status in ["open"] can be expired. This Checkout Session has a status of "${s.status}".`,
      );
    this.close(s, request);
    return s;
  }

  private close(s: CheckoutSession, request: StripeEvent['request'] | null) {
    s.status = 'expired';
    s.url = null;
    this.emit('checkout.session.expired', s, request);
  }

  /**
   * The tester pays on the hosted page: on success the session is complete and `checkout.session.completed`
   * is emitted. `pending` (a test hook): the payment is asynchronous, as Stripe's delayed methods are —
   * complete but unpaid until `settle` decides it.
   */
  pay(id: string, input: PayInput, pending = false): { ok: true; session: CheckoutSession } | { ok: false; refusal: PayRefusal } {
    const s = this.session(id);
    if (s.status !== 'open') return { ok: false, refusal: 'not_open' };
    const type = input.method === 'paypay' ? 'paypay' : 'card';
    if (!s.payment_method_types.includes(type)) return { ok: false, refusal: 'method_not_allowed' };
    let details: PaymentMethodDetails;
    if (input.method === 'card') {
      const number = input.number.replace(/[\s-]/g, '');
      if (!/^\d{12,19}$/.test(number) || !isLuhnValid(number)) return { ok: false, refusal: 'incorrect_number' };
      const now = new Date(this.nowMs());
      const year = input.expYear < 100 ? 2000 + input.expYear : input.expYear;
      if (!(input.expMonth >= 1 && input.expMonth <= 12) || year * 12 + input.expMonth < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1)
        return { ok: false, refusal: 'invalid_expiry' };
      if (!/^\d{3,4}$/.test(input.cvc)) return { ok: false, refusal: 'invalid_cvc' };
      const known = TEST_CARDS[number];
      if (!known) return { ok: false, refusal: 'card_declined' }; // a real card number: test mode declines it
      if (known.refuse) return { ok: false, refusal: known.refuse };
      details = {
        type: 'card',
        card: {
          brand: known.brand,
          country: 'JP',
          exp_month: input.expMonth,
          exp_year: year,
          funding: 'credit',
          last4: number.slice(-4),
          network: known.brand,
          wallet: null,
        },
      };
    } else if (input.method === 'apple_pay') {
      // Apple Pay rides on card: a card payment whose wallet is apple_pay.
      details = {
        type: 'card',
        card: {
          brand: 'visa',
          country: 'JP',
          exp_month: 12,
          exp_year: new Date(this.nowMs()).getUTCFullYear() + 3,
          funding: 'credit',
          last4: '4242',
          network: 'visa',
          wallet: { type: 'apple_pay', apple_pay: {}, dynamic_last4: '1234' },
        },
      };
    } else details = { type: 'paypay', paypay: {} };

    const created = this.nowSeconds();
    const piId = newId('pi', 24);
    const chargeId = newId('ch', 24);
    const pmId = newId('pm', 24);
    const pi: PaymentIntent = {
      id: piId,
      object: 'payment_intent',
      amount: s.amount_total,
      amount_capturable: 0,
      amount_received: pending ? 0 : s.amount_total,
      capture_method: 'automatic_async',
      client_secret: `${piId}_secret_${newId('x', 16).slice(2)}`,
      confirmation_method: 'automatic',
      created,
      currency: s.currency,
      customer: null,
      description: null,
      last_payment_error: null,
      latest_charge: chargeId,
      livemode: false,
      metadata: {},
      payment_method: pmId,
      payment_method_types: s.payment_method_types,
      receipt_email: null,
      status: pending ? 'processing' : 'succeeded',
    };
    const charge: Charge = {
      id: chargeId,
      object: 'charge',
      amount: s.amount_total,
      amount_captured: pending ? 0 : s.amount_total,
      amount_refunded: 0,
      balance_transaction: null,
      billing_details: { address: null, email: null, name: null, phone: null },
      captured: !pending,
      created,
      currency: s.currency,
      description: null,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: {},
      outcome: {
        network_status: 'approved_by_network',
        reason: null,
        risk_level: 'normal',
        seller_message: 'Payment complete.',
        type: 'authorized',
      },
      paid: !pending,
      payment_intent: piId,
      payment_method: pmId,
      payment_method_details: details,
      receipt_email: null,
      refunded: false,
      status: pending ? 'pending' : 'succeeded',
    };
    this.paymentIntents.set(piId, pi);
    this.charges.set(chargeId, charge);
    s.status = 'complete';
    s.payment_status = pending ? 'unpaid' : 'paid';
    s.payment_intent = piId;
    s.url = null;
    this.emit('checkout.session.completed', s, null);
    return { ok: true, session: s };
  }

  /** Decides a pending (asynchronous) payment: `checkout.session.async_payment_succeeded` or `…_failed`. */
  settle(id: string, outcome: 'succeeded' | 'failed'): CheckoutSession {
    const s = this.session(id);
    const pi = s.payment_intent ? this.paymentIntents.get(s.payment_intent) : undefined;
    const charge = pi?.latest_charge ? this.charges.get(pi.latest_charge) : undefined;
    if (!pi || !charge || pi.status !== 'processing') throw new Error(`payment stand-in: session ${id} has no pending payment`);
    if (outcome === 'succeeded') {
      pi.status = 'succeeded';
      pi.amount_received = pi.amount;
      Object.assign(charge, { status: 'succeeded', paid: true, captured: true, amount_captured: charge.amount });
      s.payment_status = 'paid';
    } else {
      pi.status = 'requires_payment_method';
      Object.assign(charge, {
        status: 'failed',
        failure_code: 'payment_method_provider_decline',
        failure_message: 'The payment was declined.',
      });
    }
    this.emit(`checkout.session.async_payment_${outcome}`, s, null);
    return s;
  }

  paymentIntent(id: string, param = 'intent', status = 404): PaymentIntent {
    const pi = this.paymentIntents.get(id);
    if (!pi) throw noSuch('payment_intent', id, param, status);
    return pi;
  }

  charge(id: string, param = 'charge', status = 404): Charge {
    const c = this.charges.get(id);
    if (!c) throw noSuch('charge', id, param, status);
    return c;
  }

  refund(input: { paymentIntent?: string; charge?: string; amount?: number; reason?: string }, request: StripeEvent['request']): Refund {
    let charge: Charge;
    if (input.paymentIntent) {
      const pi = this.paymentIntent(input.paymentIntent, 'payment_intent', 400);
      if (!pi.latest_charge) throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`);
      charge = this.charge(pi.latest_charge);
      if (charge.status !== 'succeeded') throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`);
    } else if (input.charge) {
      charge = this.charge(input.charge, 'charge', 400);
      if (charge.status !== 'succeeded') throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`);
    } else throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.');
    const left = charge.amount - charge.amount_refunded;
    if (left <= 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
    const amount = input.amount ?? left;
    if (amount > left)
      throw invalidRequest(
        `Refund amount (${yen(amount)}) is greater than unrefunded amount on charge (${yen(left)})`,
        'amount',
        'amount_too_large',
      );
    const refund: Refund = {
      id: newId('re', 24),
      object: 'refund',
      amount,
      balance_transaction: null,
      charge: charge.id,
      created: this.nowSeconds(),
      currency: charge.currency,
      metadata: {},
      payment_intent: charge.payment_intent,
      reason: input.reason ?? null,
      status: 'succeeded',
    };
    this.refunds.set(refund.id, refund);
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded >= charge.amount;
    this.emit('refund.created', refund, request);
    this.emit('charge.refunded', charge, request);
    return refund;
  }

  /**
   * Test hook: changes what the provider reports for a session (its amount and/or currency, and those
   * of its PaymentIntent and Charge), as a tampered or mismatched payment would look.
   */
  tamper(sessionId: string, change: { amount?: number; currency?: string }): void {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`payment stand-in: no session ${sessionId}`);
    const apply = (o: { currency: string }, amountKeys: string[]) => {
      if (change.currency) o.currency = change.currency;
      if (change.amount !== undefined) for (const k of amountKeys) (o as Record<string, unknown>)[k] = change.amount;
    };
    apply(s, ['amount_total', 'amount_subtotal']);
    const pi = s.payment_intent ? this.paymentIntents.get(s.payment_intent) : undefined;
    if (pi) apply(pi, ['amount', 'amount_received']);
    const charge = pi?.latest_charge ? this.charges.get(pi.latest_charge) : undefined;
    if (charge) apply(charge, ['amount', 'amount_captured']);
    this.onChange();
  }

  private emit(type: string, object: unknown, request: StripeEvent['request'] | null): void {
    const event: StripeEvent = {
      id: newId('evt', 24),
      object: 'event',
      api_version: this.apiVersion,
      created: this.nowSeconds(),
      // A snapshot: the object as it was when the event happened.
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: request ?? { id: null, idempotency_key: null },
      type,
    };
    this.events.push(event);
    // Every other change (expiry, payment, settlement, refund) emits an event: persisted before it is sent.
    this.onChange();
    this.sink(event);
  }
}

/** Stripe writes yen amounts in its error messages as ¥1,000. */
function yen(n: number): string {
  return `¥${n.toLocaleString('en-US')}`;
}
