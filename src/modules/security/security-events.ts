/**
 * Security events: things administrators must notice that are not staff operations (lockouts,
 * throttled clients, forged webhooks). Never personal data: ids and codes only.
 */
import type { Queryable } from '../../platform/db.js';

export type Severity = 'info' | 'warning' | 'alert';

export type SecurityEventInput = {
  kind: string;
  severity: Severity;
  clientIp?: string | null;
  /** An id (staff id, hashed login id, reservation id), never personal data. */
  subject?: string | null;
  detail?: Record<string, unknown>;
};

export type SecurityEvent = {
  id: number;
  occurredAt: Date;
  kind: string;
  severity: Severity;
  clientIp: string | null;
  subject: string | null;
  detail: Record<string, unknown>;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
};

type Row = {
  id: number;
  occurred_at: Date;
  kind: string;
  severity: Severity;
  client_ip: string | null;
  subject: string | null;
  detail: Record<string, unknown>;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
};

const toEvent = (r: Row): SecurityEvent => ({
  id: Number(r.id),
  occurredAt: r.occurred_at,
  kind: r.kind,
  severity: r.severity,
  clientIp: r.client_ip,
  subject: r.subject,
  detail: r.detail ?? {},
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
});

export async function recordSecurityEvent(q: Queryable, e: SecurityEventInput, now: Date): Promise<number> {
  const r = await q.query<{ id: number }>(
    `INSERT INTO security_events (occurred_at, kind, severity, client_ip, subject, detail)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [now, e.kind, e.severity, e.clientIp ?? null, e.subject ?? null, JSON.stringify(e.detail ?? {})],
  );
  return Number(r.rows[0]?.id);
}

export type EventFilter = {
  /** Only events not yet acknowledged. */
  unacknowledgedOnly?: boolean;
  severities?: Severity[];
  /** Only events whose subject is one of these ids. */
  subjects?: string[];
  limit?: number;
};

export async function listSecurityEvents(q: Queryable, f: EventFilter = {}): Promise<SecurityEvent[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.unacknowledgedOnly) where.push('acknowledged_at IS NULL');
  if (f.severities?.length) {
    params.push(f.severities);
    where.push(`severity = ANY($${params.length}::text[])`);
  }
  if (f.subjects) {
    params.push(f.subjects);
    where.push(`subject = ANY($${params.length}::text[])`);
  }
  params.push(Math.min(f.limit ?? 200, 1000));
  const r = await q.query<Row>(
    `SELECT * FROM security_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY occurred_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  return r.rows.map(toEvent);
}

export async function getSecurityEvent(q: Queryable, id: number): Promise<SecurityEvent | undefined> {
  const r = await q.query<Row>('SELECT * FROM security_events WHERE id = $1', [id]);
  return r.rows[0] ? toEvent(r.rows[0]) : undefined;
}

/** Marks an event acknowledged once; returns false when it was already acknowledged or is unknown. */
export async function acknowledgeSecurityEvent(q: Queryable, id: number, staffId: string, now: Date): Promise<boolean> {
  const r = await q.query(
    'UPDATE security_events SET acknowledged_at = $3, acknowledged_by = $2 WHERE id = $1 AND acknowledged_at IS NULL',
    [id, staffId, now],
  );
  return r.rowCount === 1;
}
