/**
 * Checks a reservation id and password on the booking site, against brute force:
 *
 * - per client address: at most CLIENT_LIMIT attempts per 10 minutes (hitThrottle), then 429;
 * - spraying: a client failing on more than SPRAY_LIMIT different ids in an hour raises an alert and
 *   is refused for the rest of that hour;
 * - per id: an attempt is CLAIMED before the password is checked, by a conditional upsert that only
 *   succeeds while fewer than LOCK_AFTER attempts are outstanding and the id is not locked; the fifth
 *   failure locks the id for LOCK_MINUTES (423). Concurrent guesses therefore never exceed the limit,
 *   and each counts exactly once. Unknown ids go through the same guard and a dummy verifier, so they
 *   answer the same and take as long as a wrong password (no existence oracle);
 * - globally: a burst of failures raises an alert (without refusing real users).
 */
import type { AppContext } from '../../../platform/context.js';
import { hitThrottle, peekThrottle, recordSecurityEvent } from '../../security/index.js';
import { normaliseReservationId } from '../shared/normalise.js';
import { checkVerifier, dummyVerifier } from '../shared/password.js';

export const LOCK_AFTER = 5;
export const LOCK_MINUTES = 30;
export const CLIENT_LIMIT = { limit: 30, windowSeconds: 600 };
export const SPRAY_LIMIT = { limit: 10, windowSeconds: 3600 };
export const GLOBAL_FAILURE_ALERT = { limit: 1000, windowSeconds: 60 };

export type CredentialCheck =
  | { result: 'ok'; reservationId: string }
  | { result: 'wrong' }
  | { result: 'locked'; retryAfterSeconds: number }
  | { result: 'throttled'; retryAfterSeconds: number };

export async function verifyCardCredential(
  ctx: AppContext,
  input: { reservationId: string; password: string; clientIp: string },
): Promise<CredentialCheck> {
  const db = ctx.db;
  const now = ctx.clock.now();
  const ip = input.clientIp;
  const client = await hitThrottle(db, `card-login:ip:${ip}`, CLIENT_LIMIT, now);
  if (!client.allowed) {
    if (client.count === CLIENT_LIMIT.limit + 1)
      await recordSecurityEvent(db, { kind: 'card.login.client_throttled', severity: 'warning', clientIp: ip, detail: { attempts: client.count } }, now);
    return { result: 'throttled', retryAfterSeconds: client.retryAfterSeconds };
  }
  if ((await peekThrottle(db, `card-login:spray:${ip}`, SPRAY_LIMIT, now)) > SPRAY_LIMIT.limit)
    return { result: 'throttled', retryAfterSeconds: SPRAY_LIMIT.windowSeconds - Math.floor((now.getTime() / 1000) % SPRAY_LIMIT.windowSeconds) };

  const id = normaliseReservationId(input.reservationId);
  if (!/^[0-9A-Z]{4,32}$/.test(id)) {
    // Not even the shape of a number: no guard row, same work as a wrong password.
    await checkVerifier(await dummyVerifier(), input.password);
    return { result: 'wrong' };
  }
  const claim = await db.query<{ attempts: number }>(
    `INSERT INTO card_net_login_guard AS g (id_key, attempts, locked_until, updated_at) VALUES ($1, 1, NULL, $2)
     ON CONFLICT (id_key) DO UPDATE SET
       attempts = CASE WHEN g.locked_until <= $2 OR g.updated_at < $2::timestamptz - interval '1 day' THEN 1 ELSE g.attempts + 1 END,
       locked_until = CASE WHEN g.locked_until <= $2 THEN NULL ELSE g.locked_until END,
       updated_at = $2
     WHERE g.locked_until <= $2 OR (g.locked_until IS NULL AND (g.attempts < $3 OR g.updated_at < $2::timestamptz - interval '1 day'))
     RETURNING attempts`,
    [id, now, LOCK_AFTER],
  );
  if (claim.rowCount === 0) {
    const g = await db.query<{ locked_until: Date | null }>('SELECT locked_until FROM card_net_login_guard WHERE id_key = $1', [id]);
    const until = g.rows[0]?.locked_until;
    return { result: 'locked', retryAfterSeconds: until ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : LOCK_MINUTES * 60 };
  }
  const card = await db.query<{ verifier: string }>('SELECT verifier FROM card_net_cards WHERE reservation_id = $1 AND is_active', [id]);
  const verifier = card.rows[0]?.verifier;
  const matches = await checkVerifier(verifier ?? (await dummyVerifier()), input.password);
  if (matches && verifier) {
    await db.query('UPDATE card_net_login_guard SET attempts = 0, locked_until = NULL, updated_at = $2 WHERE id_key = $1', [id, now]);
    return { result: 'ok', reservationId: id };
  }
  const locked = await db.query(
    `UPDATE card_net_login_guard SET locked_until = $2::timestamptz + make_interval(mins => $4), updated_at = $2
     WHERE id_key = $1 AND attempts >= $3 AND locked_until IS NULL`,
    [id, now, LOCK_AFTER, LOCK_MINUTES],
  );
  if (locked.rowCount > 0)
    await recordSecurityEvent(db, { kind: 'card.login.id_locked', severity: 'warning', clientIp: ip, subject: id, detail: { afterFailures: LOCK_AFTER } }, now);
  // Spraying: count distinct ids this client failed on.
  const firstForId = await hitThrottle(db, `card-login:spray-seen:${ip}:${id}`, { limit: 1, windowSeconds: SPRAY_LIMIT.windowSeconds }, now);
  if (firstForId.count === 1) {
    const spray = await hitThrottle(db, `card-login:spray:${ip}`, SPRAY_LIMIT, now);
    if (spray.count === SPRAY_LIMIT.limit + 1)
      await recordSecurityEvent(
        db,
        { kind: 'card.login.spraying', severity: 'alert', clientIp: ip, detail: { distinctIds: spray.count, windowSeconds: SPRAY_LIMIT.windowSeconds } },
        now,
      );
  }
  const global = await hitThrottle(db, 'card-login:failures:global', GLOBAL_FAILURE_ALERT, now);
  if (global.count === GLOBAL_FAILURE_ALERT.limit + 1)
    await recordSecurityEvent(db, { kind: 'card.login.failure_burst', severity: 'alert', detail: { failures: global.count, windowSeconds: GLOBAL_FAILURE_ALERT.windowSeconds } }, now);
  ctx.log.info({ event: 'card_login_failed', clientIp: ip, lockedNow: locked.rowCount > 0 }, 'card booking log-in failed');
  return { result: 'wrong' };
}
