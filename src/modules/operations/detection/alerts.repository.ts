/** Reading alert rows (private to the detection part). */
import type { DetectorName } from '../../../config.js';
import type { Queryable } from '../../../platform/db.js';
import type { KeyKind } from './detectors.js';

export type AlertStatus = 'open' | 'acknowledged' | 'closed';

export type Alert = {
  id: number;
  detector: DetectorName;
  key: string;
  keyKind: KeyKind;
  status: AlertStatus;
  count: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  openedAt: Date;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
  closeNote: string | null;
  notifiedAt: Date | null;
};

type Row = {
  id: string | number;
  detector: DetectorName;
  key: string;
  key_kind: KeyKind;
  status: AlertStatus;
  count: number;
  first_seen_at: Date;
  last_seen_at: Date;
  opened_at: Date;
  acknowledged_at: Date | null;
  closed_at: Date | null;
  close_note: string | null;
  notified_at: Date | null;
};

export const ALERT_COLUMNS =
  'id, detector, key, key_kind, status, count, first_seen_at, last_seen_at, opened_at, acknowledged_at, closed_at, close_note, notified_at';

export const toAlert = (r: Row): Alert => ({
  id: Number(r.id),
  detector: r.detector,
  key: r.key,
  keyKind: r.key_kind,
  status: r.status,
  count: Number(r.count),
  firstSeenAt: r.first_seen_at,
  lastSeenAt: r.last_seen_at,
  openedAt: r.opened_at,
  acknowledgedAt: r.acknowledged_at,
  closedAt: r.closed_at,
  closeNote: r.close_note,
  notifiedAt: r.notified_at,
});

export async function alertsByIds(q: Queryable, ids: number[]): Promise<Alert[]> {
  if (!ids.length) return [];
  const r = await q.query<Row>(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids]);
  return r.rows.map(toAlert);
}

/**
 * Alerts in a scope: every alert, or (a department administrator) those about a staff member of one of
 * these departments. `where` narrows further (a status condition).
 */
export async function alertsInScope(
  q: Queryable,
  scope: 'all' | { memberOfDepartmentIds: string[] },
  o: { where: string; orderBy: string; limit: number; offset?: number; id?: number },
): Promise<Alert[]> {
  const params: unknown[] = [o.limit, o.offset ?? 0];
  const where = [o.where];
  if (scope !== 'all') {
    params.push(scope.memberOfDepartmentIds);
    where.push(
      `key_kind = 'staff' AND key IN (SELECT staff_id::text FROM staff_memberships WHERE department_id = ANY($${params.length}::uuid[]))`,
    );
  }
  if (o.id !== undefined) {
    params.push(o.id);
    where.push(`id = $${params.length}`);
  }
  const r = await q.query<Row>(
    `SELECT ${ALERT_COLUMNS} FROM alerts WHERE ${where.join(' AND ')} ORDER BY ${o.orderBy} LIMIT $1 OFFSET $2`,
    params,
  );
  return r.rows.map(toAlert);
}

/** One alert, if it is in the scope (see alertsInScope). */
export async function alertInScope(
  q: Queryable,
  scope: 'all' | { memberOfDepartmentIds: string[] },
  id: number,
): Promise<Alert | undefined> {
  if (scope !== 'all' && scope.memberOfDepartmentIds.length === 0) return undefined;
  return (await alertsInScope(q, scope, { where: 'true', orderBy: 'id', limit: 1, id }))[0];
}
