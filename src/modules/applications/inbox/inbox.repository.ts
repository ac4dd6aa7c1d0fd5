/**
 * The inbox's reads of application rows, private to inbox/: one application (optionally locked),
 * its procedure version, its payment as the inbox shows it, and the decryption of its personal
 * columns. Encryption contexts are '<table>.<column>', shared with the submission code that writes them.
 */
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import type { ApplicationStatus } from '../application-status.js';
import { procedureDefinitionSchema, type ProcedureDefinition } from '../procedures/definition.js';

export const CONTEXTS = {
  answers: 'app_applications.answers_enc',
  email: 'app_applications.email_enc',
  comment: 'app_status_history.comment_enc',
  note: 'app_notes.body_enc',
} as const;

export type ApplicationRow = {
  id: string;
  referenceNumber: string;
  procedureId: string;
  procedureVersion: number;
  departmentId: string;
  status: ApplicationStatus;
  channel: string;
  lang: 'ja' | 'en';
  answersEnc: string | null;
  emailEnc: string | null;
  lineUserId: string | null;
  correctionFields: string[];
  feeAmount: number | null;
  feeQuantity: number | null;
  payableSince: Date | null;
  assignedStaffId: string | null;
  submittedAt: Date;
  statusChangedAt: Date;
  retainUntil: Date | null;
};

const SELECT = `SELECT a.id::text AS "id", a.reference_number AS "referenceNumber", a.procedure_id::text AS "procedureId",
  a.procedure_version AS "procedureVersion", a.department_id::text AS "departmentId", a.status, a.channel, a.lang,
  a.answers_enc AS "answersEnc", a.email_enc AS "emailEnc", a.line_user_id AS "lineUserId",
  a.correction_fields AS "correctionFields", a.fee_amount AS "feeAmount", a.fee_quantity AS "feeQuantity",
  a.payable_since AS "payableSince", a.assigned_staff_id::text AS "assignedStaffId", a.submitted_at AS "submittedAt",
  a.status_changed_at AS "statusChangedAt", a.retain_until AS "retainUntil"
FROM app_applications a`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findApplication(tx: Queryable, id: string, options: { lock?: boolean } = {}): Promise<ApplicationRow | undefined> {
  if (!UUID.test(id)) return undefined;
  const r = await tx.query<ApplicationRow>(`${SELECT} WHERE a.id = $1${options.lock ? ' FOR UPDATE' : ''}`, [id]);
  const row = r.rows[0];
  return row ? { ...row, correctionFields: row.correctionFields ?? [] } : undefined;
}

/** A procedure version's definition (an application keeps the version it was filled in). */
export async function loadDefinition(tx: Queryable, procedureId: string, version: number): Promise<ProcedureDefinition> {
  const r = await tx.query<{ definition: unknown }>(
    'SELECT definition FROM app_procedure_versions WHERE procedure_id = $1 AND version = $2',
    [procedureId, version],
  );
  if (!r.rows[0]) throw new Error(`procedure version ${procedureId} v${version} is missing`);
  const raw = r.rows[0].definition;
  return procedureDefinitionSchema.parse(typeof raw === 'string' ? JSON.parse(raw) : raw);
}

/** The roles the procedure lets read its sensitive answers (app_procedures.sensitive_readers, migration 0055). */
export async function sensitiveReadersOf(tx: Queryable, procedureId: string): Promise<string[]> {
  const r = await tx.query<{ readers: string[] }>('SELECT sensitive_readers AS readers FROM app_procedures WHERE id = $1', [procedureId]);
  return r.rows[0]?.readers ?? [];
}

/**
 * Was a read of the sensitive answers recorded with this form token? The audit log is the ledger of those
 * reads, so a reveal form posted again (a reload) is recognised without a table of its own.
 */
export async function sensitiveReadRecorded(tx: Queryable, recordType: string, recordId: string, once: string): Promise<boolean> {
  const r = await tx.query(
    `SELECT 1 FROM audit_log WHERE action = 'privacy.sensitive_read' AND record_type = $1 AND record_id = $2 AND detail->>'once' = $3 LIMIT 1`,
    [recordType, recordId, once],
  );
  return r.rows.length > 0;
}

/** Definitions by "procedureId:version", loaded once each (lists and exports span many applications). */
export function definitionCache(tx: Queryable): (procedureId: string, version: number) => Promise<ProcedureDefinition> {
  const cache = new Map<string, Promise<ProcedureDefinition>>();
  return (procedureId, version) => {
    const key = `${procedureId}:${version}`;
    let p = cache.get(key);
    if (!p) cache.set(key, (p = loadDefinition(tx, procedureId, version)));
    return p;
  };
}

export type PaymentSummary = { status: string; amount: number; refundedAmount: number; method: string | null; paidAt: Date | null };

/**
 * The payment the inbox shows: the one that counts, else the latest attempt. "Paid" for the status
 * rules means a counted payment that is paid (or partly refunded).
 */
export async function paymentOf(tx: Queryable, applicationId: string): Promise<PaymentSummary | null> {
  const r = await tx.query<PaymentSummary>(
    `SELECT status, amount, refunded_amount AS "refundedAmount", method, paid_at AS "paidAt" FROM app_payments
     WHERE application_id = $1 ORDER BY counted DESC, created_at DESC LIMIT 1`,
    [applicationId],
  );
  return r.rows[0] ?? null;
}

export const isPaid = (p: PaymentSummary | null): boolean => !!p && (p.status === 'paid' || p.status === 'partially_refunded');

/** The SQL condition "has a counted, paid payment" over the alias `a` (lists' paid/unpaid filter). */
export const PAID_SQL = `EXISTS (SELECT 1 FROM app_payments p WHERE p.application_id = a.id AND p.counted AND p.status IN ('paid', 'partially_refunded'))`;

/**
 * The payment status of an application over the alias `a`, as the payments part's paymentSummaryOf
 * says it (pending | paid | expired | refunded | partially_refunded | not_due | cancelled; NULL without
 * a fee), computed in the list's own query.
 */
export const PAYMENT_STATUS_SQL = `CASE
  WHEN a.fee_amount IS NULL THEN NULL
  WHEN EXISTS (SELECT 1 FROM app_payments p WHERE p.application_id = a.id AND p.counted)
    THEN (SELECT p.status FROM app_payments p WHERE p.application_id = a.id AND p.counted LIMIT 1)
  WHEN a.status = 'awaiting_payment' THEN 'pending'
  WHEN a.status = 'expired' THEN 'expired'
  WHEN a.status IN ('withdrawn', 'rejected') THEN 'cancelled'
  ELSE 'not_due' END`;

export function answersOf(ctx: AppContext, row: Pick<ApplicationRow, 'answersEnc'>): Record<string, unknown> | null {
  if (!row.answersEnc) return null;
  return JSON.parse(ctx.crypto.decrypt(row.answersEnc, CONTEXTS.answers)) as Record<string, unknown>;
}

export function emailOf(ctx: AppContext, row: Pick<ApplicationRow, 'emailEnc'>): string | null {
  return row.emailEnc ? ctx.crypto.decrypt(row.emailEnc, CONTEXTS.email) : null;
}

/** The fee timing that the status rules ask about: none when the application carries no fee. */
export function feeTimingOf(def: ProcedureDefinition, row: Pick<ApplicationRow, 'feeAmount'>): 'on_submission' | 'after_acceptance' | null {
  return row.feeAmount === null ? null : (def.fee?.timing ?? null);
}
