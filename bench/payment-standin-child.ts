/**
 * The payment stand-in in its own process for bench/applications.ts, so that its handling time is its
 * own CPU time (process.cpuUsage) and never mixed with madoguchi's. Driven over IPC:
 * - `{ op: 'sessions', refs, amount, expiredEvery, expanded }` creates one Checkout Session per 整理番号
 *   directly in the stand-in's state (no HTTP), pays it as the hosted page would (test card), or, for
 *   every `expiredEvery`-th, lets it expire; answers with the session ids and the
 *   `checkout.session.completed` events the stand-in emitted (as Stripe sends them; with `expanded`,
 *   also a copy whose session carries its PaymentIntent and Charge);
 * - `{ op: 'cpu' }` answers with process.cpuUsage() (microseconds) and the event loop's utilisation.
 * Prints nothing; answers `{ ready, url }` once listening.
 */
import { performance } from 'node:perf_hooks';
import { startPaymentStandin } from '../src/payment-standin/standin.js';

type Request = { op: 'sessions'; refs: string[]; amount: number; expiredEvery: number; expanded: boolean } | { op: 'cpu' } | { op: 'stop' };

const send = (m: unknown) => process.send?.(m);
const s = await startPaymentStandin({
  secretKey: process.env.BENCH_STRIPE_SECRET_KEY as string,
  webhookSecret: process.env.BENCH_STRIPE_WEBHOOK_SECRET as string,
  environment: 'test',
  // 100,000 sessions: the once-a-second sweep over all of them would be stand-in time that no
  // request asked for; sessions past expires_at are expired when read instead (as documented).
  sweepIntervalMs: 0,
  maxRecordedCalls: 1000,
});
const state = s.standin.state;

process.on('message', (m: Request) => {
  if (m.op === 'cpu') return send({ cpu: process.cpuUsage(), elu: performance.eventLoopUtilization() });
  if (m.op === 'stop') return void s.close().then(() => process.exit(0));
  const now = state.nowSeconds();
  const ids: string[] = [];
  const events: unknown[] = [];
  const expandedEvents: unknown[] = [];
  m.refs.forEach((ref, i) => {
    const expire = m.expiredEvery > 0 && i % m.expiredEvery === 0;
    const session = state.createSession({
      lineItems: [{ name: 'Fee', unitAmount: m.amount, quantity: 1, currency: 'jpy' }],
      currency: 'jpy',
      clientReferenceId: ref,
      successUrl: 'http://127.0.0.1/return?session_id={CHECKOUT_SESSION_ID}',
      cancelUrl: 'http://127.0.0.1/return',
      expiresAt: expire ? now - 1 : now + 3600,
      locale: 'ja',
      paymentMethodTypes: ['card', 'paypay'],
      allowedPaymentMethodTypes: ['card', 'paypay'],
      customerEmail: null,
      metadata: {},
    });
    ids.push(session.id);
    if (expire) {
      state.session(session.id); // past expires_at: expired on this read, as the stand-in does
      return;
    }
    const paid = s.standin.pay(session.id);
    if (!paid.ok) throw new Error(`stand-in refused the test card: ${JSON.stringify(paid.refusal)}`);
  });
  const wanted = new Set(ids);
  for (const e of state.events) {
    const object = e.data.object as { id: string; payment_intent?: string | null };
    if (e.type !== 'checkout.session.completed' || !wanted.has(object.id)) continue;
    events.push(e);
    if (m.expanded) {
      const intent = state.paymentIntents.get(object.payment_intent as string);
      const charge = intent ? state.charges.get(intent.latest_charge as string) : undefined;
      expandedEvents.push({ ...e, data: { ...e.data, object: { ...object, payment_intent: { ...intent, latest_charge: charge } } } });
    }
  }
  // The events list is the stand-in's memory of what it sent; the benchmark has taken its copy.
  state.events.splice(0, state.events.length);
  send({ ids, events, expandedEvents });
});
// The benchmark ended (or failed): nothing is left running.
process.on('disconnect', () => process.exit(0));
send({ ready: true, url: s.url });
