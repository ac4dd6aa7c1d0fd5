/**
 * Searching the audit log: by person (login id), department, date range (Japan time), record and
 * action, within the departments the viewer may see. Pages for the screen; batches for export.
 */
import type { Queryable } from '../../platform/db.js';

export type AuditFilter = {
  /** Login id of the staff member who acted (actor_label). */
  actor?: string;
  departmentId?: string;
  /** Inclusive days, YYYY-MM-DD, in Japan time (the city's day). */
  from?: string;
  to?: string;
  recordType?: string;
  recordId?: string;
  action?: string;
};

/** 'all' for system administrators; otherwise the departments whose entries may be seen. */
export type AuditScope = 'all' | { departmentIds: string[] };

export type AuditEntry = {
  seq: number;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  departmentId: string | null;
  departmentCode: string | null;
  departmentName: string | null;
  departmentNameEn: string | null;
  action: string;
  outcome: string;
  recordType: string | null;
  recordId: string | null;
  /** What people know the record by, when it still exists: a login id, a reservation number. */
  recordLabel: string | null;
  clientIp: string | null;
  requestId: string | null;
  detail: Record<string, unknown>;
  prevHash: string;
  hash: string;
};

const JST_OFFSET = '+09:00'; // Japan has no daylight saving time

/** Start of a Japanese calendar day as an instant. */
export function startOfJapanDay(day: string): Date {
  return new Date(`${day}T00:00:00${JST_OFFSET}`);
}

function nextDay(day: string): Date {
  return new Date(startOfJapanDay(day).getTime() + 86_400_000);
}

function whereOf(filter: AuditFilter, scope: AuditScope): { sql: string; params: unknown[] } {
  const conds: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (scope !== 'all') conds.push(`a.department_id = ANY(${p(scope.departmentIds)}::uuid[])`);
  if (filter.actor) conds.push(`a.actor_label = ${p(filter.actor)}`);
  if (filter.departmentId) conds.push(`a.department_id = ${p(filter.departmentId)}`);
  if (filter.from) conds.push(`a.occurred_at >= ${p(startOfJapanDay(filter.from))}`);
  if (filter.to) conds.push(`a.occurred_at < ${p(nextDay(filter.to))}`);
  if (filter.recordType) conds.push(`a.record_type = ${p(filter.recordType)}`);
  if (filter.recordId) conds.push(`a.record_id = ${p(filter.recordId)}`);
  if (filter.action) conds.push(`a.action = ${p(filter.action)}`);
  return { sql: conds.length ? `WHERE ${conds.join(' AND ')}` : '', params };
}

type Row = {
  seq: number;
  occurred_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  department_id: string | null;
  department_code: string | null;
  department_name: string | null;
  department_name_en: string | null;
  action: string;
  outcome: string;
  record_type: string | null;
  record_id: string | null;
  record_label: string | null;
  client_ip: string | null;
  request_id: string | null;
  detail: Record<string, unknown>;
  prev_hash: string;
  hash: string;
};

// record_id is text (not every record has a uuid): cast only what is one, so the lookups use the primary keys.
const UUID_OF_RECORD = `(CASE WHEN a.record_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN a.record_id::uuid END)`;

// Readable names for the targets people know by another name than their id (read-only joins; a
// record deleted since keeps its id). The reservation number is shown as written everywhere else.
const SELECT = `SELECT a.seq, a.occurred_at, a.actor_type, a.actor_id, a.actor_label, a.department_id, d.code AS department_code,
  d.name AS department_name, d.name_en AS department_name_en,
  a.action, a.outcome, a.record_type, a.record_id, a.client_ip, a.request_id, a.detail, a.prev_hash, a.hash,
  CASE a.record_type
    WHEN 'staff' THEN (SELECT s.login_id FROM staff s WHERE s.id = ${UUID_OF_RECORD})
    WHEN 'reservation' THEN (SELECT substr(r.reservation_number, 1, 4) || '-' || substr(r.reservation_number, 5) FROM rsv_reservations r WHERE r.id = ${UUID_OF_RECORD})
    WHEN 'department' THEN (SELECT x.name FROM departments x WHERE x.id = ${UUID_OF_RECORD})
  END AS record_label
  FROM audit_log a LEFT JOIN departments d ON d.id = a.department_id`;

const toEntry = (r: Row): AuditEntry => ({
  seq: r.seq,
  occurredAt: r.occurred_at,
  actorType: r.actor_type,
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  departmentId: r.department_id,
  departmentCode: r.department_code,
  departmentName: r.department_name,
  departmentNameEn: r.department_name_en,
  action: r.action,
  outcome: r.outcome,
  recordType: r.record_type,
  recordId: r.record_id,
  recordLabel: r.record_label,
  clientIp: r.client_ip,
  requestId: r.request_id,
  detail: r.detail,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export const AUDIT_PAGE_SIZE = 50;

/** One page, newest first, and whether there is a next page (no count(*) over millions of rows). */
export async function searchAudit(
  db: Queryable,
  filter: AuditFilter,
  scope: AuditScope,
  page: number,
  pageSize = AUDIT_PAGE_SIZE,
): Promise<{ entries: AuditEntry[]; page: number; hasNext: boolean }> {
  const w = whereOf(filter, scope);
  const r = await db.query<Row>(`${SELECT} ${w.sql} ORDER BY a.seq DESC LIMIT ${pageSize + 1} OFFSET ${(page - 1) * pageSize}`, w.params);
  return { entries: r.rows.slice(0, pageSize).map(toEntry), page, hasNext: r.rows.length > pageSize };
}

/** Every matching entry, oldest first, in batches (constant memory for large exports). */
export async function* auditEntriesForExport(
  db: Queryable,
  filter: AuditFilter,
  scope: AuditScope,
  batchSize = 1000,
): AsyncGenerator<AuditEntry[]> {
  const w = whereOf(filter, scope);
  let after = 0;
  for (;;) {
    const params = [...w.params, after];
    const cond = `${w.sql ? `${w.sql} AND` : 'WHERE'} a.seq > $${params.length}`;
    const r = await db.query<Row>(`${SELECT} ${cond} ORDER BY a.seq LIMIT ${batchSize}`, params);
    if (r.rows.length) yield r.rows.map(toEntry);
    if (r.rows.length < batchSize) return;
    after = (r.rows[r.rows.length - 1] as Row).seq;
  }
}
