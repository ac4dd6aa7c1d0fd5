/**
 * SQL of the payment part, private to it. A payment row holds only what the provider also sees
 * (整理番号, amount, currency) and the provider's ids; nothing here reads an answer or an address.
 *
 * Lock order, everywhere: the application row first, then its payment rows. Operations that start
 * from a payment read it without a lock, lock its application, then lock the payment — so a webhook,
 * the reconciliation and the unpaid-expiry job never wait on each other in a cycle.
 */
import type { Queryable } from '../../../platform/db.js';

export type PaymentStatus = 'creating' | 'pending' | 'paid' | 'expired' | 'cancelled' | 'failed' | 'refunded' | 'partially_refunded';

export type PaymentRow = {
  id: string;
  applicationId: string | null;
  referenceNumber: string;
  provider: string;
  providerPaymentId: string | null;
  chargeId: string | null;
  idempotencyKey: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  counted: boolean;
  method: string | null;
  hostedUrl: string | null;
  refundedAmount: number;
  createdAt: Date;
  expiresAt: Date;
  paidAt: Date | null;
};

const COLUMNS = `id, application_id, reference_number, provider, provider_payment_id, provider_payment_intent, idempotency_key,
  amount, currency, status, counted, method, hosted_url, refunded_amount, created_at, expires_at, paid_at`;

type Row = {
  id: string;
  application_id: string | null;
  reference_number: string;
  provider: string;
  provider_payment_id: string | null;
  provider_payment_intent: string | null;
  idempotency_key: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  counted: boolean;
  method: string | null;
  hosted_url: string | null;
  refunded_amount: number;
  created_at: Date;
  expires_at: Date;
  paid_at: Date | null;
};

const toPayment = (r: Row): PaymentRow => ({
  id: r.id,
  applicationId: r.application_id,
  referenceNumber: r.reference_number,
  provider: r.provider,
  providerPaymentId: r.provider_payment_id,
  chargeId: r.provider_payment_intent,
  idempotencyKey: r.idempotency_key,
  amount: Number(r.amount),
  currency: r.currency,
  status: r.status,
  counted: r.counted,
  method: r.method,
  hostedUrl: r.hosted_url,
  refundedAmount: Number(r.refunded_amount),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  paidAt: r.paid_at,
});

export async function findPayment(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<PaymentRow | undefined> {
  const r = await q.query<Row>(`SELECT ${COLUMNS} FROM app_payments WHERE id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  return r.rows[0] ? toPayment(r.rows[0]) : undefined;
}

export async function findPaymentByProviderId(q: Queryable, provider: string, providerPaymentId: string): Promise<PaymentRow | undefined> {
  const r = await q.query<Row>(`SELECT ${COLUMNS} FROM app_payments WHERE provider = $1 AND provider_payment_id = $2`, [
    provider,
    providerPaymentId,
  ]);
  return r.rows[0] ? toPayment(r.rows[0]) : undefined;
}

/**
 * A payment whose create call reached the provider but whose answer we never stored (a crash, a
 * timeout): the provider's session names its 整理番号 and amount, and the row is still 'creating'.
 */
export async function findUnansweredCreate(
  q: Queryable,
  provider: string,
  referenceNumber: string,
  amount: number,
): Promise<PaymentRow | undefined> {
  const r = await q.query<Row>(
    `SELECT ${COLUMNS} FROM app_payments
     WHERE provider = $1 AND provider_payment_id IS NULL AND status = 'creating' AND reference_number = $2 AND amount = $3
     ORDER BY created_at DESC LIMIT 1`,
    [provider, referenceNumber, amount],
  );
  return r.rows[0] ? toPayment(r.rows[0]) : undefined;
}

/** The application's open payments (the hosted pages a citizen may still be on), oldest first. */
export async function openPaymentsOf(q: Queryable, applicationId: string): Promise<PaymentRow[]> {
  const r = await q.query<Row>(
    `SELECT ${COLUMNS} FROM app_payments WHERE application_id = $1 AND status IN ('creating', 'pending') ORDER BY created_at, id`,
    [applicationId],
  );
  return r.rows.map(toPayment);
}

export type PayableApplication = {
  id: string;
  referenceNumber: string;
  accessTokenHash: string;
  status: string;
  feeAmount: number | null;
  departmentId: string;
  revenueAccountCode: string | null;
  retentionDays: number | null;
};

type ApplicationRow = {
  id: string;
  reference_number: string;
  access_token_hash: string;
  status: string;
  fee_amount: number | null;
  department_id: string;
  revenue_account_code: string | null;
  retention_days: number | null;
};

const toApplication = (r: ApplicationRow): PayableApplication => ({
  id: r.id,
  referenceNumber: r.reference_number,
  accessTokenHash: r.access_token_hash,
  status: r.status,
  feeAmount: r.fee_amount === null ? null : Number(r.fee_amount),
  departmentId: r.department_id,
  revenueAccountCode: r.revenue_account_code,
  retentionDays: r.retention_days === null ? null : Number(r.retention_days),
});

const APPLICATION_COLUMNS = `a.id, a.reference_number, a.access_token_hash, a.status, a.fee_amount, a.department_id,
  v.definition->>'revenueAccountCode' AS revenue_account_code, (v.definition->>'retentionDays')::int AS retention_days`;

/** The application with the facts payments need (fee, status, revenue account); locked with `lock`. */
export async function findApplication(
  q: Queryable,
  where: { id: string } | { referenceNumber: string },
  options: { lock?: boolean } = {},
): Promise<PayableApplication | undefined> {
  const byId = 'id' in where;
  const r = await q.query<ApplicationRow>(
    `SELECT ${APPLICATION_COLUMNS} FROM app_applications a
     JOIN app_procedure_versions v ON v.procedure_id = a.procedure_id AND v.version = a.procedure_version
     WHERE ${byId ? 'a.id = $1' : 'a.reference_number = $1'}${options.lock ? ' FOR UPDATE OF a' : ''}`,
    [byId ? where.id : where.referenceNumber],
  );
  return r.rows[0] ? toApplication(r.rows[0]) : undefined;
}

/**
 * Moves an application to a status set by the payment or the system (paid, expired) with its history
 * row, and returns the history id (for the notice's dedupe key). Closing statuses start the
 * procedure's retention; paid clears it again (an expired application whose payment arrives late).
 */
export async function setApplicationStatus(
  q: Queryable,
  a: Pick<PayableApplication, 'id' | 'retentionDays'>,
  status: 'paid' | 'expired',
  actorType: 'payment' | 'system',
  now: Date,
): Promise<number> {
  const retainUntil = status === 'expired' && a.retentionDays ? new Date(now.getTime() + a.retentionDays * 86_400_000) : null;
  await q.query(
    `UPDATE app_applications SET status = $2, status_changed_at = $3, updated_at = $3, retain_until = $4, correction_fields = '{}'
     WHERE id = $1`,
    [a.id, status, now, retainUntil],
  );
  const h = await q.query<{ id: number }>(
    `INSERT INTO app_status_history (application_id, status, changed_at, actor_type) VALUES ($1, $2, $3, $4) RETURNING id`,
    [a.id, status, now, actorType],
  );
  return Number(h.rows[0]?.id);
}
