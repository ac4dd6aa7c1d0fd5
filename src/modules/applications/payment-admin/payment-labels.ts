/** Names people read for payment methods, payment and refund statuses and counting (pure). */
import type { Lang } from '../../../platform/i18n.js';
import { paymentAdminMessages } from './payment-admin.messages.js';
import type { Counting } from './read-reconciliation.js';

const METHODS = ['card', 'apple_pay', 'paypay', 'other', 'unknown'] as const;
const STATUSES = ['creating', 'pending', 'paid', 'expired', 'cancelled', 'failed', 'refunded', 'partially_refunded'] as const;
const REFUND_STATUSES = ['requested', 'approved', 'succeeded', 'failed', 'rejected'] as const;

const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

export function methodLabel(method: string, lang: Lang): string {
  return isOneOf(METHODS, method) ? paymentAdminMessages.t(lang, `method.${method}`) : method;
}

export function paymentStatusLabel(status: string, lang: Lang): string {
  return isOneOf(STATUSES, status) ? paymentAdminMessages.t(lang, `status.${status}`) : status;
}

export function refundStatusLabel(status: string, lang: Lang): string {
  return isOneOf(REFUND_STATUSES, status) ? paymentAdminMessages.t(lang, `refund.${status}`) : status;
}

export function countingLabel(c: Counting, lang: Lang): string {
  const key = c === 'counted' ? 'counted' : c === 'duplicate' ? 'duplicate' : 'notCounted';
  return paymentAdminMessages.t(lang, key);
}

/** Yen as people read it: 1,200円 / ¥1,200. */
export function yen(amount: number, lang: Lang): string {
  return paymentAdminMessages.t(lang, 'yen', { amount: amount.toLocaleString('en-US') });
}
