/**
 * The payment provider of a context, built once from its configuration (config.payments): Stripe
 * Checkout when PAYMENT_PROVIDER=stripe and its keys are set, otherwise none (null: procedures with
 * a fee cannot take payments). Per context, not per process (contextLocal): two apps in one test
 * process keep their own provider, and a test swaps in another with `setProviderFor`.
 */
import { contextLocal, type AppContext } from '../../../platform/context.js';
import type { PaymentProvider } from './provider.js';
import { StripeProvider } from './stripe-provider.js';

const providers = contextLocal<PaymentProvider | null>((ctx) => {
  const p = ctx.config.payments;
  if (p.provider !== 'stripe' || !p.stripeSecretKey || !p.stripeWebhookSecret) return null;
  return new StripeProvider({
    secretKey: p.stripeSecretKey,
    webhookSecret: p.stripeWebhookSecret,
    apiBaseUrl: p.stripeApiBaseUrl,
    now: () => ctx.clock.now().getTime(),
  });
});

/** The context's payment provider, or null when none is configured. */
export function providerFor(ctx: AppContext): PaymentProvider | null {
  return providers.get(ctx);
}

/** Replaces the context's provider (tests: a provider with other options, or null); returns the previous one. */
export function setProviderFor(ctx: AppContext, provider: PaymentProvider | null): PaymentProvider | null {
  return providers.set(ctx, provider);
}
