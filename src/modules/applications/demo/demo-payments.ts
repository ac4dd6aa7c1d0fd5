/**
 * The demo seed's side of paying: time travel on the demo's shifted clock, and paying as a tester does
 * on the payment stand-in's hosted page (an HTTP form post, the page's own path) followed by the
 * return page's operation, which re-reads the payment from the provider and applies it — the same
 * path a citizen's browser takes.
 */
import type { AppContext } from '../../../platform/context.js';
import { ShiftedClock } from '../../../platform/clock.js';
import { startPayment } from '../payments/index.js';
import { readPaymentReturn } from '../payments/read-payment-return.js';

export type DemoMethod = 'card' | 'apple_pay' | 'paypay';

const DAY_MS = 86_400_000;
const JST_MS = 9 * 3_600_000;

/**
 * Runs `fn` with the clock set to `daysAgo` days before now, at `time` (HH:MM, Japan time); never later
 * than a minute ago. Without a ShiftedClock (a context built elsewhere) it runs at the present time.
 */
export function timeTraveller(ctx: AppContext) {
  const clock = ctx.clock instanceof ShiftedClock ? ctx.clock : undefined;
  return {
    canTravel: clock !== undefined,
    async at<T>(daysAgo: number, time: string, fn: () => Promise<T>): Promise<T> {
      if (!clock) return fn();
      const [h, m] = time.split(':').map(Number) as [number, number];
      const real = Date.now();
      const jstMidnight = Math.floor((real + JST_MS) / DAY_MS) * DAY_MS - JST_MS;
      const target = Math.min(jstMidnight - daysAgo * DAY_MS + (h * 60 + m) * 60_000, real - 60_000);
      clock.offsetMs = target - real;
      try {
        return await fn();
      } finally {
        clock.offsetMs = 0;
      }
    },
  };
}

/**
 * Is the payment stand-in answering? The seed pays only on the stand-in (never on a real provider), so
 * it asks only when PAYMENT_STANDIN is on, at the API base URL madoguchi's Stripe adapter uses.
 */
export async function standinReachable(ctx: AppContext): Promise<boolean> {
  const p = ctx.config.payments;
  if (!p.standin || p.provider !== 'stripe' || !p.stripeSecretKey) return false;
  try {
    const res = await fetch(`${p.stripeApiBaseUrl}/v1/checkout/sessions?limit=1`, {
      headers: { authorization: `Bearer ${p.stripeSecretKey}` },
      signal: AbortSignal.timeout(3_000),
    });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false; // not running (connection refused) or not answering: the seed leaves payments out
  }
}

/** Opens the hosted page of an application waiting for its fee (a session at the provider); returns our payment id. */
export async function openPayment(ctx: AppContext, applicationId: string): Promise<{ url: string; paymentId: string }> {
  return startPayment(ctx, { applicationId });
}

/** Pays on the stand-in's hosted page as a tester would, then runs the return page's re-read. */
export async function payOnStandin(ctx: AppContext, applicationId: string, method: DemoMethod): Promise<string> {
  const { url, paymentId } = await openPayment(ctx, applicationId);
  const form =
    method === 'card'
      ? new URLSearchParams({ action: 'card', number: '4242 4242 4242 4242', exp: '12 / 34', cvc: '123' })
      : new URLSearchParams({ action: method });
  const res = await fetch(url, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    signal: AbortSignal.timeout(10_000),
  });
  await res.arrayBuffer();
  if (res.status !== 303) throw new Error(`demo seed: the stand-in's hosted page did not take the payment (HTTP ${res.status})`);
  const back = await readPaymentReturn(ctx, { paymentId });
  if (back.state !== 'paid') throw new Error(`demo seed: payment ${paymentId} reads as ${back.state} after paying`);
  return paymentId;
}
