/**
 * Delivers the stand-in's events as Stripe does: a POST of the event JSON to the endpoint URL, signed
 * with the endpoint's secret in `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`
 * (so the SDK's `webhooks.constructEvent` verifies it), retried with backoff while the endpoint does
 * not answer 2xx. Only the event types the endpoint is subscribed to are sent.
 *
 * Test hooks (the `mode`): 'deliver' (as Stripe), 'drop' (a lost notification), 'hold' (kept until
 * `releaseHeld`, e.g. in reverse order: out of order), 'twice' (every event sent twice: a duplicate).
 * `redeliver` sends a delivered event again; `sendRaw` posts any body with any signature (forged or
 * replayed notifications); `idle()` waits until nothing is in flight, so tests need no sleeps.
 */
import crypto from 'node:crypto';
import type { StripeEvent } from './stripe-objects.js';

/** The event types the stand-in's endpoint is subscribed to by default: those madoguchi handles. */
export const DEFAULT_ENABLED_EVENTS = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'checkout.session.expired',
  'charge.refunded',
];

export type DeliveryMode = 'deliver' | 'drop' | 'hold' | 'twice';

export type Delivery = {
  eventId: string;
  type: string;
  attempt: number;
  /** The endpoint's HTTP status, 'error' when it could not be reached, 'dropped' when the test hook dropped it. */
  result: number | 'error' | 'dropped';
};

export type WebhookOptions = {
  secret: string;
  url: string | undefined;
  enabledEvents?: string[];
  /** Waits before each retry after a non-2xx answer (Stripe: hours to days; tests: milliseconds). */
  retryDelaysMs?: number[];
  now: () => number;
};

/** Stripe's signature header for a body at a time (seconds). */
export function signatureHeader(secret: string, body: string, timestamp: number): string {
  const v1 = crypto.createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

export class WebhookSender {
  url: string | undefined;
  mode: DeliveryMode = 'deliver';
  readonly enabledEvents: Set<string>;
  readonly deliveries: Delivery[] = [];
  private readonly held: StripeEvent[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly timers = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  constructor(private readonly options: WebhookOptions) {
    this.url = options.url;
    this.enabledEvents = new Set(options.enabledEvents ?? DEFAULT_ENABLED_EVENTS);
  }

  /** Called for every event the stand-in emits. */
  accept(event: StripeEvent): void {
    if (!this.enabledEvents.has(event.type) || !this.url) return;
    switch (this.mode) {
      case 'drop':
        this.deliveries.push({ eventId: event.id, type: event.type, attempt: 0, result: 'dropped' });
        return;
      case 'hold':
        this.held.push(event);
        return;
      case 'twice':
        this.track(this.deliverWithRetries(event).then(() => this.deliverWithRetries(event)));
        return;
      default:
        this.track(this.deliverWithRetries(event));
    }
  }

  /** Sends the held events, oldest first or in reverse (out of order); returns them. */
  releaseHeld(order: 'oldest-first' | 'reverse' = 'oldest-first'): StripeEvent[] {
    const events = this.held.splice(0);
    if (order === 'reverse') events.reverse();
    // One after the other: "out of order" means the receiver sees them in this order.
    this.track(events.reduce<Promise<void>>((p, e) => p.then(() => this.deliverWithRetries(e)), Promise.resolve()));
    return events;
  }

  /** Events held by mode 'hold' and not yet released. */
  heldEvents(): readonly StripeEvent[] {
    return this.held;
  }

  /** Sends an event again (a Stripe redelivery: same event id, new signature time); returns the HTTP status. */
  async redeliver(event: StripeEvent): Promise<number | 'error'> {
    return this.post(event);
  }

  /** Posts any body with the given signature header (null: none), for forged or replayed notifications. */
  async sendRaw(body: string, signature: string | null): Promise<number | 'error'> {
    if (!this.url) throw new Error('payment stand-in: no webhook URL set');
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8', 'user-agent': USER_AGENT };
    if (signature !== null) headers['stripe-signature'] = signature;
    try {
      const res = await fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(30_000) });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 'error'; // the endpoint could not be reached: recorded, retried by the caller
    }
  }

  /** Resolves once no delivery (including scheduled retries) is pending. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  close(): void {
    this.closed = true;
    // Pending retries end now (their waits resolve, the loop sees `closed`), so idle() returns.
    for (const [t, resolve] of this.timers) {
      clearTimeout(t);
      resolve();
    }
    this.timers.clear();
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  private async post(event: StripeEvent, attempt = 1): Promise<number | 'error'> {
    // Stripe sends the event pretty-printed; the signature covers exactly these bytes.
    const body = JSON.stringify(event, null, 2);
    const t = Math.floor(this.options.now() / 1000);
    const result = await this.sendRaw(body, signatureHeader(this.options.secret, body, t));
    this.deliveries.push({ eventId: event.id, type: event.type, attempt, result });
    return result;
  }

  private async deliverWithRetries(event: StripeEvent): Promise<void> {
    const delays = this.options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    for (let attempt = 1; !this.closed; attempt++) {
      const result = await this.post(event, attempt);
      if (typeof result === 'number' && result >= 200 && result < 300) return;
      const delay = delays[attempt - 1];
      if (delay === undefined || this.closed) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          resolve();
        }, delay);
        timer.unref();
        this.timers.set(timer, resolve);
      });
    }
  }
}

const USER_AGENT = 'Stripe/1.0 (+https://stripe.com/docs/webhooks)';
// A compressed version of Stripe's schedule (which spans three days): a demo notices within minutes.
const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000];
