/**
 * The rows behind the citizen's My Page session (rsv_my_sessions, rsv_my_session_grants) and the
 * bookings a session may list. Private to the reservations module; my-session.ts and my-bookings.ts
 * are its only callers.
 */
import type { Queryable, Db } from '../../../platform/db.js';
import { RESERVATION_SELECT, type ReservationRow } from '../reservations.repository.js';

export type MySession = { id: string; emailIndex: string | null; expiresAt: Date };

/** A session grants at most this many single bookings (carried from one token to the next). */
const MAX_GRANTS = 50;
/** Sessions expired for longer than this are deleted when a new one opens. */
const KEEP_EXPIRED_MS = 86_400_000;

/** The session with this token hash that is neither revoked nor expired at `now`. */
export async function findOpenSession(q: Queryable, tokenHash: string, now: Date): Promise<MySession | null> {
  const r = await q.query<MySession>(
    `SELECT id, email_index AS "emailIndex", expires_at AS "expiresAt" FROM rsv_my_sessions
     WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
    [tokenHash, now],
  );
  return r.rows[0] ?? null;
}

export async function hasGrant(q: Queryable, sessionId: string, reservationId: string): Promise<boolean> {
  const g = await q.query('SELECT 1 FROM rsv_my_session_grants WHERE session_id = $1 AND reservation_id = $2', [sessionId, reservationId]);
  return g.rows.length > 0;
}

/**
 * Opens a session for `tokenHash` that keeps what `previous` could open and adds one booking or an
 * address; `previous` is revoked in the same transaction (each grant is a new token).
 */
export async function openSession(
  db: Db,
  o: { tokenHash: string; now: Date; expiresAt: Date; emailIndex: string | null; reservationId?: string; previousId?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM rsv_my_sessions WHERE expires_at < $1', [new Date(o.now.getTime() - KEEP_EXPIRED_MS)]);
    const ins = await tx.query<{ id: string }>(
      'INSERT INTO rsv_my_sessions (token_hash, email_index, created_at, expires_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [o.tokenHash, o.emailIndex, o.now, o.expiresAt],
    );
    const id = ins.rows[0]!.id;
    if (o.reservationId)
      await tx.query('INSERT INTO rsv_my_session_grants (session_id, reservation_id) VALUES ($1, $2)', [id, o.reservationId]);
    if (o.previousId) {
      await tx.query(
        `INSERT INTO rsv_my_session_grants (session_id, reservation_id)
         SELECT $1, reservation_id FROM rsv_my_session_grants WHERE session_id = $2 LIMIT $3 ON CONFLICT DO NOTHING`,
        [id, o.previousId, MAX_GRANTS],
      );
      await tx.query('UPDATE rsv_my_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [o.previousId, o.now]);
    }
  });
}

export async function revokeSession(q: Queryable, tokenHash: string, now: Date): Promise<void> {
  await q.query('UPDATE rsv_my_sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [tokenHash, now]);
}

/** The bookings a session lists: its single grants and, when opened by a mailed link, its address's bookings. */
export async function listSessionBookings(q: Queryable, s: MySession, endedAfter: Date): Promise<ReservationRow[]> {
  const r = await q.query<ReservationRow>(
    `${RESERVATION_SELECT} WHERE r.anonymised_at IS NULL AND r.ends_at > $3
       AND (r.id IN (SELECT reservation_id FROM rsv_my_session_grants WHERE session_id = $1)
            OR ($2::text IS NOT NULL AND r.email_index = $2))
     ORDER BY r.starts_at LIMIT 50`,
    [s.id, s.emailIndex, endedAfter],
  );
  return r.rows;
}
