/**
 * SQL of the citizen side of applications (private to this part): procedures as citizens see them,
 * applications by 整理番号, their history, payment state and drafts. Personal values arrive here
 * already encrypted; nothing here decrypts.
 */
import type { Queryable } from '../../../platform/db.js';
import type { ApplicationStatus } from '../application-status.js';
import { procedureDefinitionSchema, type ProcedureDefinition } from '../procedures/definition.js';

export type PublishedProcedure = {
  id: string;
  departmentId: string;
  departmentName: string;
  departmentNameEn: string | null;
  version: number;
  definition: ProcedureDefinition;
};

type ProcedureRow = {
  id: string;
  department_id: string;
  department_name: string;
  department_name_en: string | null;
  version: number;
  definition: unknown;
};

const PROCEDURE_SELECT = `SELECT p.id, p.department_id, d.name AS department_name, d.name_en AS department_name_en,
    v.version, v.definition
  FROM app_procedures p
  JOIN app_procedure_versions v ON v.procedure_id = p.id AND v.version = p.published_version
  JOIN departments d ON d.id = p.department_id`;

function toProcedure(r: ProcedureRow): PublishedProcedure {
  const definition = procedureDefinitionSchema.parse(typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition);
  return {
    id: r.id,
    departmentId: r.department_id,
    departmentName: r.department_name,
    departmentNameEn: r.department_name_en,
    version: Number(r.version),
    definition,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The published, not archived procedure. With `lock` the procedure row is locked (FOR UPDATE of p):
 * submissions of one procedure queue on it, so counting against the capacity and inserting are one step.
 */
export async function findPublishedProcedure(
  q: Queryable,
  procedureId: string,
  options: { lock?: boolean } = {},
): Promise<PublishedProcedure | undefined> {
  if (!UUID.test(procedureId)) return undefined;
  const r = await q.query<ProcedureRow>(
    `${PROCEDURE_SELECT} WHERE p.id = $1 AND p.archived_at IS NULL ${options.lock ? 'FOR UPDATE OF p' : ''}`,
    [procedureId],
  );
  return r.rows[0] ? toProcedure(r.rows[0]) : undefined;
}

/** Every published, not archived procedure (the citizen list filters by open dates itself). */
export async function listPublishedProcedures(q: Queryable): Promise<PublishedProcedure[]> {
  const r = await q.query<ProcedureRow>(`${PROCEDURE_SELECT} WHERE p.archived_at IS NULL ORDER BY d.name, p.created_at`);
  return r.rows.map(toProcedure);
}

/** The version an application was filled in (it keeps it when the procedure changes). */
export async function findProcedureVersion(q: Queryable, procedureId: string, version: number): Promise<ProcedureDefinition | undefined> {
  const r = await q.query<{ definition: unknown }>(
    'SELECT definition FROM app_procedure_versions WHERE procedure_id = $1 AND version = $2',
    [procedureId, version],
  );
  const d = r.rows[0]?.definition;
  return d === undefined ? undefined : procedureDefinitionSchema.parse(typeof d === 'string' ? JSON.parse(d) : d);
}

/** Applications that hold a seat: everything but withdrawn, expired and rejected ones. */
export async function countSeatsTaken(q: Queryable, procedureId: string): Promise<number> {
  const r = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM app_applications
      WHERE procedure_id = $1 AND status NOT IN ('withdrawn', 'expired', 'rejected')`,
    [procedureId],
  );
  return Number(r.rows[0]?.n ?? 0);
}

export type ApplicationRow = {
  id: string;
  referenceNumber: string;
  accessTokenHash: string;
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
  submittedAt: Date;
  updatedAt: Date;
};

type RawApplication = {
  id: string;
  reference_number: string;
  access_token_hash: string;
  procedure_id: string;
  procedure_version: number;
  department_id: string;
  status: ApplicationStatus;
  channel: string;
  lang: string;
  answers_enc: string | null;
  email_enc: string | null;
  line_user_id: string | null;
  correction_fields: string[] | string | null;
  fee_amount: number | null;
  fee_quantity: number | null;
  payable_since: Date | null;
  submitted_at: Date;
  updated_at: Date;
};

/** PGlite and pg both return text[] as an array; a string form is parsed defensively. */
function textArray(v: string[] | string | null): string[] {
  if (Array.isArray(v)) return v;
  if (!v || v === '{}') return [];
  return v
    .replace(/^\{|\}$/g, '')
    .split(',')
    .map((s) => s.replace(/^"|"$/g, ''));
}

function toApplication(r: RawApplication): ApplicationRow {
  return {
    id: r.id,
    referenceNumber: r.reference_number,
    accessTokenHash: r.access_token_hash,
    procedureId: r.procedure_id,
    procedureVersion: Number(r.procedure_version),
    departmentId: r.department_id,
    status: r.status,
    channel: r.channel,
    lang: r.lang === 'en' ? 'en' : 'ja',
    answersEnc: r.answers_enc,
    emailEnc: r.email_enc,
    lineUserId: r.line_user_id,
    correctionFields: textArray(r.correction_fields),
    feeAmount: r.fee_amount === null ? null : Number(r.fee_amount),
    feeQuantity: r.fee_quantity === null ? null : Number(r.fee_quantity),
    payableSince: r.payable_since,
    submittedAt: new Date(r.submitted_at),
    updatedAt: new Date(r.updated_at),
  };
}

const APPLICATION_COLUMNS = `id, reference_number, access_token_hash, procedure_id, procedure_version, department_id, status, channel,
  lang, answers_enc, email_enc, line_user_id, correction_fields, fee_amount, fee_quantity, payable_since, submitted_at, updated_at`;

export async function findApplicationByReference(
  q: Queryable,
  referenceNumber: string,
  options: { lock?: boolean } = {},
): Promise<ApplicationRow | undefined> {
  const r = await q.query<RawApplication>(
    `SELECT ${APPLICATION_COLUMNS} FROM app_applications WHERE reference_number = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [referenceNumber],
  );
  return r.rows[0] ? toApplication(r.rows[0]) : undefined;
}

export async function findApplicationById(q: Queryable, id: string, options: { lock?: boolean } = {}): Promise<ApplicationRow | undefined> {
  const r = await q.query<RawApplication>(
    `SELECT ${APPLICATION_COLUMNS} FROM app_applications WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`,
    [id],
  );
  return r.rows[0] ? toApplication(r.rows[0]) : undefined;
}

export type NewApplication = {
  referenceNumber: string;
  accessTokenHash: string;
  procedureId: string;
  procedureVersion: number;
  departmentId: string;
  status: ApplicationStatus;
  channel: 'web' | 'api' | 'line';
  lang: 'ja' | 'en';
  answersEnc: string;
  emailEnc: string | null;
  lineUserId: string | null;
  feeAmount: number | null;
  feeQuantity: number | null;
  payableSince: Date | null;
  now: Date;
};

/** Inserts the application and its first history row; returns undefined on a 整理番号 collision (the caller draws again). */
export async function insertApplication(tx: Queryable, a: NewApplication): Promise<{ id: string } | undefined> {
  const r = await tx.query<{ id: string }>(
    `WITH a AS (
       INSERT INTO app_applications (reference_number, access_token_hash, procedure_id, procedure_version, department_id, status,
         channel, lang, answers_enc, email_enc, line_user_id, fee_amount, fee_quantity, payable_since, submitted_at, updated_at,
         status_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $15)
       ON CONFLICT (reference_number) DO NOTHING RETURNING id, status),
     h AS (INSERT INTO app_status_history (application_id, status, changed_at, actor_type) SELECT id, status, $15, 'citizen' FROM a)
     SELECT id FROM a`,
    [
      a.referenceNumber,
      a.accessTokenHash,
      a.procedureId,
      a.procedureVersion,
      a.departmentId,
      a.status,
      a.channel,
      a.lang,
      a.answersEnc,
      a.emailEnc,
      a.lineUserId,
      a.feeAmount,
      a.feeQuantity,
      a.payableSince,
      a.now,
    ],
  );
  return r.rows[0];
}

/** Moves an application (already locked by the caller) to a status and writes the history row. */
export async function changeStatus(
  tx: Queryable,
  applicationId: string,
  change: { status: ApplicationStatus; now: Date; answersEnc?: string; clearCorrection?: boolean },
): Promise<void> {
  await tx.query(
    `UPDATE app_applications SET status = $2, updated_at = $3, status_changed_at = $3,
        answers_enc = COALESCE($4, answers_enc),
        correction_fields = CASE WHEN $5 THEN '{}'::text[] ELSE correction_fields END
      WHERE id = $1`,
    [applicationId, change.status, change.now, change.answersEnc ?? null, change.clearCorrection ?? false],
  );
  await tx.query(`INSERT INTO app_status_history (application_id, status, changed_at, actor_type) VALUES ($1, $2, $3, 'citizen')`, [
    applicationId,
    change.status,
    change.now,
  ]);
}

export type HistoryRow = {
  status: ApplicationStatus;
  changedAt: Date;
  commentEnc: string | null;
  correctionFields: string[];
  actorType: string;
};

export async function listHistory(q: Queryable, applicationId: string): Promise<HistoryRow[]> {
  const r = await q.query<{
    status: ApplicationStatus;
    changed_at: Date;
    comment_enc: string | null;
    correction_fields: string[] | string | null;
    actor_type: string;
  }>(
    'SELECT status, changed_at, comment_enc, correction_fields, actor_type FROM app_status_history WHERE application_id = $1 ORDER BY id',
    [applicationId],
  );
  return r.rows.map((h) => ({
    status: h.status,
    changedAt: new Date(h.changed_at),
    commentEnc: h.comment_enc,
    correctionFields: textArray(h.correction_fields),
    actorType: h.actor_type,
  }));
}

/** Names of uploaded files by id, as stored (encrypted), for those belonging to the application. */
export async function listApplicationFiles(
  q: Queryable,
  applicationId: string,
): Promise<{ id: string; fieldKey: string | null; filenameEnc: string; sizeBytes: number }[]> {
  const r = await q.query<{ id: string; field_key: string | null; filename_enc: string; size_bytes: number }>(
    'SELECT id, field_key, filename_enc, size_bytes FROM app_files WHERE application_id = $1 ORDER BY created_at',
    [applicationId],
  );
  return r.rows.map((f) => ({ id: f.id, fieldKey: f.field_key, filenameEnc: f.filename_enc, sizeBytes: Number(f.size_bytes) }));
}
