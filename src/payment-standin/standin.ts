/**
 * A local stand-in for Stripe, so online payment can be tried and tested without a Stripe account or
 * the network. It speaks the protocol subset madoguchi's Stripe adapter uses through the official SDK
 * (api.ts: Checkout Sessions create / retrieve / list / expire, PaymentIntents, Charges, refunds,
 * events), serves the hosted payment page a citizen is redirected to (hosted-page.ts: test cards,
 * "Apple Pay", "PayPay", cancel), expires sessions at their `expires_at`, and sends its events as
 * signed webhooks (webhooks.ts) exactly as Stripe signs them.
 *
 * For tests it records every API call it received (`calls()`: method, path, parsed parameters) so a
 * test can show what left madoguchi, and has hooks: webhook delivery modes (drop, hold and release out
 * of order, twice), redelivery and raw posts, `tamper` (the amount or currency a payment reports),
 * `failRequests` (the API answers 5xx: provider down), `pay` (the hosted page's payment, without HTML).
 *
 * Runs on its own port (startPaymentStandin): started by `npm start` in demo mode (src/main.ts) and by
 * tests. It refuses production and live keys: it is a test double, never a payment system.
 */
import Fastify from 'fastify';
import Stripe from 'stripe';
import { registerApi } from './api.js';
import { registerHostedPage } from './hosted-page.js';
import type { FormParams } from './form-params.js';
import { type IdempotentResult, readStandinFile, writeStandinFile } from './persistence.js';
import { StandinState, type PayInput, type PayRefusal } from './standin-state.js';
import type { CheckoutSession, StripeEvent } from './stripe-objects.js';
import { WebhookSender } from './webhooks.js';

export type PaymentStandinOptions = {
  /** The API key the stand-in accepts (`sk_test_…`; a live key is refused). */
  secretKey: string;
  /** The webhook endpoint's signing secret (`whsec_…`). */
  webhookSecret: string;
  /** Where events are POSTed (madoguchi's POST /api/v1/payments/stripe/webhook); settable later. */
  webhookUrl?: string;
  /** Event types sent to the endpoint (default: the ones madoguchi handles). */
  enabledEvents?: string[];
  /** Waits before webhook retries (default: seconds to minutes; tests pass a few milliseconds). */
  retryDelaysMs?: number[];
  /** The stand-in's clock (ms); sessions expire and signatures are dated by it. */
  now?: () => number;
  /** Origin of the hosted page in session URLs (default: the stand-in's own URL). */
  publicUrl?: string;
  /** How often open sessions past expires_at are expired (ms; default 1000; 0: only when read). */
  sweepIntervalMs?: number;
  /** The process's environment name: 'production' is refused. */
  environment?: string;
  /** calls() keeps at most this many of the latest (default 200,000), so a long demo does not grow without end. */
  maxRecordedCalls?: number;
  /**
   * A JSON file the stand-in's state is kept in (persistence.ts): read at start, rewritten atomically
   * after every change, so a restarted demo still knows its sessions. Default: memory only.
   */
  persistFile?: string;
};

export type RecordedCall = { method: string; path: string; query: FormParams; params: FormParams; idempotencyKey: string | null };

export class PaymentStandin {
  readonly state: StandinState;
  readonly webhooks: WebhookSender;
  readonly apiVersion = Stripe.API_VERSION;
  /** Set by failRequests: the next `remaining` API requests answer `status` with an api_error. */
  outage: { status: number; remaining: number } | null = null;
  publicUrl = '';
  /** Results of POSTs kept under their Idempotency-Key (a retry with the same key is answered with it). */
  readonly idempotent = new Map<string, IdempotentResult>();
  private readonly recorded: RecordedCall[] = [];

  constructor(readonly options: PaymentStandinOptions) {
    if (options.environment === 'production') throw new Error('payment stand-in: refused in production');
    if (!options.secretKey.startsWith('sk_test_')) throw new Error('payment stand-in: takes a test key (sk_test_…) only');
    if (options.publicUrl) this.publicUrl = options.publicUrl.replace(/\/$/, '');
    const now = () => this.now();
    this.webhooks = new WebhookSender({
      secret: options.webhookSecret,
      url: options.webhookUrl,
      enabledEvents: options.enabledEvents,
      retryDelaysMs: options.retryDelaysMs,
      now,
    });
    this.state = new StandinState(
      now,
      () => this.publicUrl,
      this.apiVersion,
      (e) => this.webhooks.accept(e),
    );
    const file = options.persistFile;
    if (file) {
      const saved = readStandinFile(file);
      if (saved) {
        this.state.restore(saved);
        for (const [key, result] of saved.idempotent) this.idempotent.set(key, result);
      }
      this.state.onChange = () => writeStandinFile(file, { ...this.state.snapshot(), idempotent: [...this.idempotent.entries()] });
    }
  }

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Every API call received, oldest first (what left the caller: method, path, parsed parameters). */
  calls(): readonly RecordedCall[] {
    return this.recorded;
  }

  recordCall(call: RecordedCall): void {
    this.recorded.push(call);
    const max = this.options.maxRecordedCalls ?? 200_000;
    // Dropped a tenth at a time: one splice per many calls, not one per call.
    if (this.recorded.length > max) this.recorded.splice(0, this.recorded.length - Math.floor(max * 0.9));
  }

  /**
   * Pays an open session as the hosted page does (test card number, "Apple Pay" or "PayPay"). With
   * `pending`, the payment is asynchronous (complete, unpaid) until `settle`.
   */
  pay(
    sessionId: string,
    input: PayInput = { method: 'card', number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' },
    options: { pending?: boolean } = {},
  ): { ok: true; session: CheckoutSession } | { ok: false; refusal: PayRefusal } {
    return this.state.pay(sessionId, input, options.pending ?? false);
  }

  /** Decides a pending payment (checkout.session.async_payment_succeeded / _failed). */
  settle(sessionId: string, outcome: 'succeeded' | 'failed'): CheckoutSession {
    return this.state.settle(sessionId, outcome);
  }

  /** Makes a session (and its PaymentIntent and Charge) report another amount or currency from now on. */
  tamper(sessionId: string, change: { amount?: number; currency?: string }): void {
    this.state.tamper(sessionId, change);
  }

  /** The next `count` API requests answer HTTP `status` (Stripe's api_error): the provider is down. */
  failRequests(count = Number.POSITIVE_INFINITY, status = 503): void {
    this.outage = { status, remaining: count };
  }

  /** Ends failRequests. */
  restore(): void {
    this.outage = null;
  }

  /** Every event emitted, oldest first. */
  events(): readonly StripeEvent[] {
    return this.state.events;
  }

  /** Sends an emitted event to the endpoint again (same id, fresh signature); returns the HTTP status. */
  async redeliver(eventId: string): Promise<number | 'error'> {
    const event = this.state.events.find((e) => e.id === eventId);
    if (!event) throw new Error(`payment stand-in: no event ${eventId}`);
    return this.webhooks.redeliver(event);
  }

  /** Resolves when no webhook delivery or retry is pending. */
  idle(): Promise<void> {
    return this.webhooks.idle();
  }
}

/** Runs the stand-in on its own port; returns it with its base URL and a close function. */
export async function startPaymentStandin(
  options: PaymentStandinOptions & { port?: number; host?: string },
): Promise<{ standin: PaymentStandin; url: string; close(): Promise<void> }> {
  const standin = new PaymentStandin(options);
  const app = Fastify({ logger: false });
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self' http: https:; frame-ancestors 'none'",
    );
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    return payload;
  });
  registerApi(app, standin);
  registerHostedPage(app, standin);
  await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : options.port}`;
  if (!standin.publicUrl) standin.publicUrl = url;
  const interval = options.sweepIntervalMs ?? 1000;
  const sweep = interval > 0 ? setInterval(() => standin.state.expireDue(), interval) : undefined;
  sweep?.unref();
  return {
    standin,
    url,
    close: async () => {
      if (sweep) clearInterval(sweep);
      standin.webhooks.close();
      await app.close();
    },
  };
}
