/**
 * The Stripe objects the stand-in keeps, shaped as Stripe's API returns them (the fields the official
 * SDK's types name for a Checkout Session, PaymentIntent, Charge, Refund and Event; the ones the
 * stand-in has no use for are present with Stripe's empty values). Amounts are in the currency's
 * smallest unit; JPY is zero-decimal, so yen.
 */
import crypto from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Stripe-like ids: a prefix and random letters and digits (`cs_test_a1B2…`, `pi_3Q…`). */
export function newId(prefix: string, length = 24): string {
  const bytes = crypto.randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return `${prefix}_${out}`;
}

export type CheckoutSession = {
  id: string;
  object: 'checkout.session';
  after_expiration: null;
  allow_promotion_codes: null;
  allowed_payment_method_types: string[] | null;
  amount_subtotal: number;
  amount_total: number;
  automatic_tax: { enabled: false; liability: null; status: null };
  billing_address_collection: null;
  cancel_url: string | null;
  client_reference_id: string | null;
  client_secret: null;
  consent: null;
  created: number;
  currency: string;
  customer: null;
  customer_creation: 'if_required';
  customer_details: null;
  customer_email: string | null;
  expires_at: number;
  invoice: null;
  livemode: false;
  locale: string | null;
  metadata: Record<string, string>;
  mode: 'payment';
  payment_intent: string | null;
  payment_link: null;
  payment_method_collection: 'if_required';
  payment_method_options: Record<string, never>;
  payment_method_types: string[];
  payment_status: 'paid' | 'unpaid';
  status: 'open' | 'complete' | 'expired';
  submit_type: null;
  success_url: string | null;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: 'hosted';
  url: string | null;
};

export type LineItem = { id: string; name: string; unitAmount: number; quantity: number; currency: string };

export type PaymentMethodDetails =
  | {
      type: 'card';
      card: {
        brand: string;
        country: 'JP';
        exp_month: number;
        exp_year: number;
        funding: 'credit';
        last4: string;
        network: string;
        wallet: { type: 'apple_pay'; apple_pay: Record<string, never>; dynamic_last4: string } | null;
      };
    }
  | { type: 'paypay'; paypay: Record<string, never> };

export type Charge = {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: null;
  billing_details: { address: null; email: null; name: null; phone: null };
  captured: boolean;
  created: number;
  currency: string;
  description: null;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Record<string, string>;
  outcome: { network_status: 'approved_by_network'; reason: null; risk_level: 'normal'; seller_message: string; type: 'authorized' };
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  payment_method_details: PaymentMethodDetails;
  receipt_email: null;
  refunded: boolean;
  status: 'succeeded' | 'pending' | 'failed';
};

export type PaymentIntent = {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: 0;
  amount_received: number;
  capture_method: 'automatic_async';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: null;
  description: null;
  last_payment_error: null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: null;
  status: 'succeeded' | 'processing' | 'requires_payment_method';
};

export type Refund = {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: null;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
};

export type StripeEvent = {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: string;
};

export function newSession(input: {
  amount: number;
  currency: string;
  clientReferenceId: string | null;
  successUrl: string;
  cancelUrl: string | null;
  expiresAt: number;
  locale: string | null;
  paymentMethodTypes: string[];
  allowedPaymentMethodTypes: string[] | null;
  customerEmail: string | null;
  metadata: Record<string, string>;
  created: number;
  hostedBaseUrl: string;
}): CheckoutSession {
  const id = newId('cs_test', 58);
  return {
    id,
    object: 'checkout.session',
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: input.allowedPaymentMethodTypes,
    amount_subtotal: input.amount,
    amount_total: input.amount,
    automatic_tax: { enabled: false, liability: null, status: null },
    billing_address_collection: null,
    cancel_url: input.cancelUrl,
    client_reference_id: input.clientReferenceId,
    client_secret: null,
    consent: null,
    created: input.created,
    currency: input.currency,
    customer: null,
    customer_creation: 'if_required',
    customer_details: null,
    customer_email: input.customerEmail,
    expires_at: input.expiresAt,
    invoice: null,
    livemode: false,
    locale: input.locale,
    metadata: input.metadata,
    mode: 'payment',
    payment_intent: null,
    payment_link: null,
    payment_method_collection: 'if_required',
    payment_method_options: {},
    payment_method_types: input.paymentMethodTypes,
    payment_status: 'unpaid',
    status: 'open',
    submit_type: null,
    success_url: input.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    url: `${input.hostedBaseUrl}/pay/${id}`,
  };
}

/** The list envelope of Stripe's list endpoints and expanded lists. */
export function list<T>(data: T[], url: string, hasMore = false) {
  return { object: 'list' as const, data, has_more: hasMore, url };
}

export function lineItemObject(item: LineItem) {
  return {
    id: item.id,
    object: 'item',
    amount_discount: 0,
    amount_subtotal: item.unitAmount * item.quantity,
    amount_tax: 0,
    amount_total: item.unitAmount * item.quantity,
    currency: item.currency,
    description: item.name,
    price: {
      id: `price_${item.id.slice(3)}`,
      object: 'price',
      active: false,
      currency: item.currency,
      product: `prod_${item.id.slice(3, 17)}`,
      type: 'one_time',
      unit_amount: item.unitAmount,
    },
    quantity: item.quantity,
  };
}
