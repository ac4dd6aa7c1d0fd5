/**
 * SQL of procedures and their versions (private to procedures/). A version with `published_at` NULL is
 * the draft (at most one, always the newest); a published version never changes again, and
 * `app_procedures.published_version` names the one citizens fill in now.
 */
import type { Queryable } from '../../../platform/db.js';
import type { ProcedureDefinition } from './definition.js';

export type ProcedureRow = {
  id: string;
  departmentId: string;
  publishedVersion: number | null;
  archivedAt: Date | null;
  createdAt: Date;
  /** Roles of the department that may read sensitive answers, with a reason (migration 0055; not versioned: it applies at once). */
  sensitiveReaders: string[];
};

export type VersionRow = {
  procedureId: string;
  version: number;
  definition: ProcedureDefinition;
  publishedAt: Date | null;
  createdAt: Date;
};

const PROCEDURE = `p.id::text AS id, p.department_id::text AS "departmentId", p.published_version AS "publishedVersion",
  p.archived_at AS "archivedAt", p.created_at AS "createdAt", p.sensitive_readers AS "sensitiveReaders"`;
const VERSION = `v.procedure_id::text AS "procedureId", v.version, v.definition, v.published_at AS "publishedAt", v.created_at AS "createdAt"`;

/** jsonb arrives parsed from pg and PGlite alike; a string (a driver configured otherwise) is parsed here. */
function withDefinition<T extends { definition: unknown }>(row: T): T & { definition: ProcedureDefinition } {
  const d = row.definition;
  return { ...row, definition: (typeof d === 'string' ? JSON.parse(d) : d) as ProcedureDefinition };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs: a malformed one finds nothing instead of making PostgreSQL refuse the cast. */
const isUuid = (id: string) => UUID.test(id);

export async function insertProcedure(tx: Queryable, o: { departmentId: string; createdBy: string | null; now: Date }): Promise<string> {
  const r = await tx.query<{ id: string }>(
    'INSERT INTO app_procedures (department_id, created_at, created_by) VALUES ($1, $2, $3) RETURNING id::text AS id',
    [o.departmentId, o.now, o.createdBy],
  );
  return (r.rows[0] as { id: string }).id;
}

export async function insertVersion(
  tx: Queryable,
  o: { procedureId: string; version: number; definition: ProcedureDefinition; createdBy: string | null; now: Date },
): Promise<void> {
  await tx.query(
    'INSERT INTO app_procedure_versions (procedure_id, version, definition, created_at, created_by) VALUES ($1, $2, $3::jsonb, $4, $5)',
    [o.procedureId, o.version, JSON.stringify(o.definition), o.now, o.createdBy],
  );
}

export async function updateDraftDefinition(
  tx: Queryable,
  procedureId: string,
  version: number,
  definition: ProcedureDefinition,
): Promise<void> {
  await tx.query(
    'UPDATE app_procedure_versions SET definition = $3::jsonb WHERE procedure_id = $1 AND version = $2 AND published_at IS NULL',
    [procedureId, version, JSON.stringify(definition)],
  );
}

export async function findProcedure(db: Queryable, id: string, options: { lock?: boolean } = {}): Promise<ProcedureRow | undefined> {
  if (!isUuid(id)) return undefined;
  const r = await db.query<ProcedureRow>(`SELECT ${PROCEDURE} FROM app_procedures p WHERE p.id = $1${options.lock ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return r.rows[0];
}

export async function findVersion(db: Queryable, procedureId: string, version: number): Promise<VersionRow | undefined> {
  if (!isUuid(procedureId)) return undefined;
  const r = await db.query<VersionRow>(`SELECT ${VERSION} FROM app_procedure_versions v WHERE v.procedure_id = $1 AND v.version = $2`, [
    procedureId,
    version,
  ]);
  return r.rows[0] && withDefinition(r.rows[0]);
}

/** The newest version: the draft when there is one, else the published one. */
export async function findNewestVersion(db: Queryable, procedureId: string): Promise<VersionRow | undefined> {
  const r = await db.query<VersionRow>(
    `SELECT ${VERSION} FROM app_procedure_versions v WHERE v.procedure_id = $1 ORDER BY v.version DESC LIMIT 1`,
    [procedureId],
  );
  return r.rows[0] && withDefinition(r.rows[0]);
}

export type VersionSummary = { version: number; publishedAt: Date | null; createdAt: Date; title: string };

export async function listVersions(db: Queryable, procedureId: string): Promise<VersionSummary[]> {
  const r = await db.query<VersionSummary>(
    `SELECT version, published_at AS "publishedAt", created_at AS "createdAt", definition->'title'->>'ja' AS title
       FROM app_procedure_versions WHERE procedure_id = $1 ORDER BY version DESC`,
    [procedureId],
  );
  return r.rows;
}

export async function markPublished(tx: Queryable, procedureId: string, version: number, now: Date): Promise<void> {
  await tx.query('UPDATE app_procedure_versions SET published_at = $3 WHERE procedure_id = $1 AND version = $2 AND published_at IS NULL', [
    procedureId,
    version,
    now,
  ]);
  await tx.query('UPDATE app_procedures SET published_version = $2 WHERE id = $1', [procedureId, version]);
}

export async function updateSensitiveReaders(tx: Queryable, procedureId: string, readers: readonly string[]): Promise<void> {
  await tx.query('UPDATE app_procedures SET sensitive_readers = $2::text[] WHERE id = $1', [procedureId, readers]);
}

export async function markArchived(tx: Queryable, procedureId: string, now: Date): Promise<void> {
  await tx.query('UPDATE app_procedures SET archived_at = $2 WHERE id = $1 AND archived_at IS NULL', [procedureId, now]);
}

export type ProcedureSummary = ProcedureRow & {
  departmentName: string;
  departmentNameEn: string | null;
  /** The newest version: the draft when there is one. */
  newestVersion: number;
  hasDraft: boolean;
  title: { ja: string; en?: string };
  opensAt: string | null;
  closesAt: string | null;
};

/** The procedures of these departments with their newest version's title and dates, newest first. */
export async function listProcedureSummaries(db: Queryable, departmentIds: readonly string[]): Promise<ProcedureSummary[]> {
  if (departmentIds.length === 0) return [];
  const r = await db.query<ProcedureSummary>(
    `SELECT ${PROCEDURE}, d.name AS "departmentName", d.name_en AS "departmentNameEn",
            v.version AS "newestVersion", v.published_at IS NULL AS "hasDraft", v.definition->'title' AS title,
            v.definition->>'opensAt' AS "opensAt", v.definition->>'closesAt' AS "closesAt"
       FROM app_procedures p
       JOIN departments d ON d.id = p.department_id
       JOIN LATERAL (SELECT * FROM app_procedure_versions x WHERE x.procedure_id = p.id ORDER BY x.version DESC LIMIT 1) v ON true
      WHERE p.department_id::text = ANY($1::text[])
      ORDER BY p.archived_at IS NOT NULL, p.created_at DESC`,
    [departmentIds],
  );
  return r.rows.map((row) => ({ ...row, title: typeof row.title === 'string' ? JSON.parse(row.title) : row.title }));
}

export type PublishedProcedure = { id: string; departmentId: string; version: number; definition: ProcedureDefinition };

const OPEN = `p.archived_at IS NULL
  AND (v.definition->>'opensAt' IS NULL OR (v.definition->>'opensAt')::timestamptz <= $1)
  AND (v.definition->>'closesAt' IS NULL OR (v.definition->>'closesAt')::timestamptz > $1)`;

/** Published procedures taking applications at `now` (not archived, within their dates), oldest first. */
export async function listOpenPublished(db: Queryable, now: Date, departmentId?: string): Promise<PublishedProcedure[]> {
  const r = await db.query<PublishedProcedure>(
    `SELECT p.id::text AS id, p.department_id::text AS "departmentId", v.version, v.definition
       FROM app_procedures p JOIN app_procedure_versions v ON v.procedure_id = p.id AND v.version = p.published_version
      WHERE ${OPEN}${departmentId ? ' AND p.department_id = $2' : ''}
      ORDER BY p.created_at, p.id`,
    departmentId ? [now, departmentId] : [now],
  );
  return r.rows.map(withDefinition);
}
