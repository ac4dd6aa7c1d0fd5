/**
 * One interface for every payment provider. What crosses it is the data-minimisation rule the
 * councils approved: the 整理番号, the amount in yen and a fixed, non-personal description go out;
 * the provider's id, status, method and dates come back. Nothing here can carry a name, an address,
 * an e-mail address or the procedure's title: adapters are handed a `CheckoutRequest` and nothing else.
 *
 * Stripe Checkout is the first adapter (stripe-provider.ts). A Japanese gateway (SBペイメントサービス'
 * link type, GMO/fincode) adds another adapter: its hosted page URL from `createCheckout`, its status
 * query as `retrieve`, its result notification as `parseNotification` (verifying its own signature
 * or token, and returning the payment re-read from the provider when the notification is not signed).
 */

export type PaymentMethod = 'card' | 'apple_pay' | 'paypay' | 'other';

export type CheckoutRequest = {
  /** 整理番号: the only link between the payment and the application. */
  referenceNumber: string;
  /** Yen, a whole number. */
  amount: number;
  /** A fixed text that names no procedure or person (e.g. "○○市 手数料"). */
  description: string;
  /** Where the hosted page sends the citizen after paying / cancelling (our return page). */
  successUrl: string;
  cancelUrl: string;
  expiresAt: Date;
  /** Same key → same session at the provider (retries never create a second one). */
  idempotencyKey: string;
};

/** A payment as the provider reports it now. */
export type ProviderPayment = {
  providerPaymentId: string;
  /** The hosted page, while open. */
  url: string | null;
  status: 'open' | 'paid' | 'expired' | 'cancelled';
  referenceNumber: string | null;
  amount: number;
  currency: string;
  method: PaymentMethod | null;
  paidAt: Date | null;
  expiresAt: Date | null;
  /** The charge refunds go against (Stripe: the PaymentIntent id). */
  chargeId: string | null;
  /** Yen refunded so far. */
  refundedAmount: number;
};

export type ProviderEvent = {
  id: string;
  type: string;
  createdAt: Date;
  /** The payment the event is about, as carried in the event (callers re-check amount and currency). */
  payment: ProviderPayment | null;
};

export type RefundResult = { refundId: string; status: 'succeeded' | 'pending' | 'failed' };

/** The provider could not be reached or refused the call; the application is kept and payment can be retried. */
export class ProviderUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

/** A notification whose signature, timestamp or format does not verify. */
export class NotificationRejectedError extends Error {}

export interface PaymentProvider {
  readonly name: string;
  createCheckout(request: CheckoutRequest): Promise<ProviderPayment>;
  retrieve(providerPaymentId: string): Promise<ProviderPayment>;
  /** Closes an open hosted page (a second tab, an expired application); returns the final state. */
  expire(providerPaymentId: string): Promise<ProviderPayment>;
  refund(payment: { chargeId: string; providerPaymentId: string }, amount: number, idempotencyKey: string): Promise<RefundResult>;
  /** Verifies a notification on its raw body; throws NotificationRejectedError. */
  parseNotification(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): ProviderEvent;
}
