/**
 * The payment part of e-applications, for the other parts (citizen pages and API, inbox, payment
 * administration):
 * - `startPayment(ctx, { referenceNumber, accessToken } | { applicationId })` → `{ url, paymentId }`:
 *   the hosted page of an application in awaiting_payment (reused while open). The citizen pages post
 *   to `POST /applications/:referenceNumber/pay` (fields `token`, `_csrf` = the anonymous form token).
 * - `paymentSummaryOf(db, applicationId)` → `{ status, amount } | null` (null: no fee).
 * - `requestRefund(ctx, actor, { paymentId, amount, reason }, audit)` and
 *   `decideRefund(ctx, actor, { refundId, approve }, audit)`: payment administrators only; the second
 *   person must differ from the first. `audit` is `{ clientIp, requestId }` (auditContextOf(req)).
 * - `applyProviderPayment(ctx, providerName, reported)`: what a notification, the return page and
 *   the reconciliation do with the provider's word (for tools and benchmarks).
 */
export { startPayment } from './start-payment.js';
export { paymentSummaryOf, type PaymentSummaryStatus } from './payment-summary.js';
export { requestRefund } from './request-refund.js';
export { decideRefund } from './decide-refund.js';
export { applyProviderPayment } from './apply-provider-payment.js';
