/**
 * Appends an audit record inside the caller's transaction (the change and its record commit
 * together). Appends are serialised by locking the one-row chain head FOR UPDATE, so concurrent
 * transactions never fork the chain. Never put personal data in `detail`: ids and codes only.
 *
 * Cost: one locked row read, one insert, one update — nothing else. The trade-off is
 * serialisation: from recordAudit until COMMIT, every other transaction that wants to append
 * waits on the head row. Audited transactions therefore commit one after another, so callers
 * should record the audit entry as LATE as possible in their transaction (after their own row
 * locks and slow work) and keep audited transactions short. The alternative designs — a sequence
 * plus a hash computed later by a background chainer, or per-department chains — remove the wait
 * but open a window in which an entry is committed yet not chained, or make "the first bad
 * entry" ambiguous; a city's staff operations (tens per second at peak) do not need them.
 */
import type { FastifyRequest } from 'fastify';
import type { Queryable } from '../../platform/db.js';
import { rowHash, type AuditRow } from './audit-chain.js';

export type AuditActor = {
  type: 'staff' | 'citizen' | 'system' | 'line' | 'facility';
  id?: string | null;
  label?: string | null;
  /**
   * The department the staff member is working in (their session's current department). An
   * event that names no department of its own (a list, an export, a search) is filed under it,
   * so that department's administrator sees it.
   */
  departmentId?: string | null;
};

export type AuditEvent = {
  actor: AuditActor;
  action: string;
  outcome?: 'success' | 'failure' | 'denied';
  departmentId?: string | null;
  recordType?: string | null;
  recordId?: string | null;
  clientIp?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
};

export async function recordAudit(tx: Queryable, event: AuditEvent, now: Date = new Date()): Promise<number> {
  const head = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head WHERE id FOR UPDATE');
  const prev = head.rows[0];
  if (!prev) throw new Error('audit_chain_head is missing: the database was not migrated');
  const row: AuditRow = {
    seq: prev.seq + 1,
    occurredAt: new Date(Math.floor(now.getTime())),
    actorType: event.actor.type,
    actorId: event.actor.id ?? null,
    actorLabel: event.actor.label ?? null,
    departmentId: event.departmentId ?? event.actor.departmentId ?? null,
    action: event.action,
    outcome: event.outcome ?? 'success',
    recordType: event.recordType ?? null,
    recordId: event.recordId ?? null,
    clientIp: event.clientIp ?? null,
    requestId: event.requestId ?? null,
    detail: event.detail ?? {},
  };
  const hash = rowHash(prev.hash, row);
  await tx.query(
    `INSERT INTO audit_log (seq, occurred_at, actor_type, actor_id, actor_label, department_id, action, outcome,
       record_type, record_id, client_ip, request_id, detail, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
    [
      row.seq,
      row.occurredAt,
      row.actorType,
      row.actorId,
      row.actorLabel,
      row.departmentId,
      row.action,
      row.outcome,
      row.recordType,
      row.recordId,
      row.clientIp,
      row.requestId,
      JSON.stringify(row.detail),
      prev.hash,
      hash,
    ],
  );
  await tx.query('UPDATE audit_chain_head SET seq = $1, hash = $2 WHERE id', [row.seq, hash]);
  return row.seq;
}

/** Actor, client address and request id of a staff request, for recordAudit. */
export function auditContextOf(req: FastifyRequest): Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'> {
  const s = req.staff;
  return {
    actor: s ? { type: 'staff', id: s.id, label: s.loginId, departmentId: s.currentDepartmentId } : { type: 'citizen' },
    clientIp: req.ip,
    requestId: req.id,
  };
}
