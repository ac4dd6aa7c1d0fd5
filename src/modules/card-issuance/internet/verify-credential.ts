/**
 * Checks a reservation id and password on the booking site, against brute force. Nothing here
 * refuses a whole client address: people share addresses (carrier-grade NAT, an office, a family),
 * so every refusal is about the id, or the id from that address, or the whole site. Successful
 * log-ins never count against anyone.
 *
 * - per (id, address): after PAIR_LIMIT failures on an id from one address, that address is refused
 *   for that id for the rest of the window (429). Another address with the right password still gets in;
 * - per id: an attempt is CLAIMED before the password is checked, by a conditional upsert that only
 *   succeeds while fewer than LOCK_AFTER attempts are outstanding, the id is not locked and fewer
 *   than FAILURE_CAP failures have been made since the last successful log-in. Each lock is longer
 *   than the one before (LOCK_MINUTES: 30 min, 2 h, 8 h, 24 h); at FAILURE_CAP the id stays locked until
 *   staff unlock it (unlock-login.ts). Concurrent guesses therefore never exceed the limits, and each
 *   counts exactly once. Unknown ids go through the same guard and a dummy verifier, so they answer
 *   the same and take as long as a wrong password (no existence oracle);
 * - site-wide circuit breaker (card_net_login_settings): failures on more than `failed_ids_limit`
 *   distinct ids within `window_seconds` trip it for `trip_minutes` and raise an alert. While it is
 *   tripped every log-in also needs the shipping number printed on the letter, which a guesser of
 *   birthdays does not have; an attempt without it is answered before the password is looked at;
 * - alerts only (never a refusal): one address failing on many ids (spraying), a global burst.
 *
 * Guess budget per id, birthday policy (366 values), an attacker with unlimited addresses:
 *   before: 5 guesses per 30 minutes, for ever: 240 a day → ~66 % of ids found within 24 h, all by ~36.6 h.
 *   now:    5 at once, 5 more after 30 min, 5 after 2 h more, 5 after 8 h more = 20 guesses by hour 10.5,
 *           then FAILURE_CAP stops the id until staff unlock it: at most 20 guesses a day AND in total,
 *           so at most 20 / 366 ≈ 5.5 % of attacked ids, never more however long the attack runs.
 *           (GUESS_BUDGET below computes this; verify-credential.test.ts checks it.)
 * And a guesser spread over many ids trips the breaker, after which the password alone is useless.
 * The `random` password policy (50 bits) makes the same 20 guesses worthless: recommend it.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import { countSecurityHit, hitThrottle, peekThrottle, recordSecurityEvent, windowStartOf } from '../../security/index.js';
import { normaliseNumber, normaliseReservationId } from '../shared/normalise.js';
import { checkVerifier } from '../shared/password.js';
import { verifyDummy } from '../../../platform/passwords.js';

export const LOCK_AFTER = 5;
/** Lock lengths in minutes, one per successive lock; the last repeats (only reachable below FAILURE_CAP). */
export const LOCK_MINUTES = [30, 120, 480, 1440] as const;
/** Failures since the last successful log-in after which only staff can unlock the id. */
export const FAILURE_CAP = 20;
export const PAIR_LIMIT = { limit: 3, windowSeconds: 900 };
export const SPRAY_ALERT = { limit: 10, windowSeconds: 3600 };
export const GLOBAL_FAILURE_ALERT = { limit: 1000, windowSeconds: 60 };

/** The most wrong guesses an attacker with unlimited addresses can make on one id: within `hours`, and overall. */
export function guessBudget(hours: number): number {
  let t = 0;
  let guesses = 0;
  for (let lock = 0; guesses < FAILURE_CAP && t <= hours * 60; lock++) {
    guesses += Math.min(LOCK_AFTER, FAILURE_CAP - guesses);
    t += LOCK_MINUTES[Math.min(lock, LOCK_MINUTES.length - 1)]!;
  }
  return guesses;
}

export type CredentialCheck =
  | { result: 'ok'; reservationId: string }
  | { result: 'wrong' }
  | { result: 'locked'; retryAfterSeconds: number }
  /** Locked until staff unlock it (FAILURE_CAP reached): the holder must call the city. */
  | { result: 'locked_for_staff' }
  | { result: 'throttled'; retryAfterSeconds: number }
  /** The circuit breaker is tripped: the shipping number on the letter is needed as well. */
  | { result: 'shipping_required' };

type Breaker = {
  login_keypad: 'numeric' | 'text';
  failed_ids_limit: number;
  window_seconds: number;
  trip_minutes: number;
  tripped_until: Date | null;
};

/** The site's log-in settings and whether the circuit breaker is tripped now. */
export async function readBreaker(ctx: AppContext): Promise<Breaker & { isTripped: boolean }> {
  const r = await ctx.db.query<Breaker>(
    'SELECT login_keypad, failed_ids_limit, window_seconds, trip_minutes, tripped_until FROM card_net_login_settings',
  );
  const b = r.rows[0] ?? { login_keypad: 'numeric', failed_ids_limit: 100, window_seconds: 600, trip_minutes: 60, tripped_until: null };
  return { ...b, isTripped: Boolean(b.tripped_until && b.tripped_until.getTime() > ctx.clock.now().getTime()) };
}

const digest = (s: string) => crypto.createHash('sha256').update(s).digest();
const sameText = (a: string, b: string) => crypto.timingSafeEqual(digest(a), digest(b));

type CredentialInput = { reservationId: string; password: string; clientIp: string; shippingNo?: string };

/** Checks the credential; every refused attempt (not the breaker's request for the shipping number) feeds the detector card_login_failures. */
export async function verifyCardCredential(ctx: AppContext, input: CredentialInput): Promise<CredentialCheck> {
  const c = await checkCardCredential(ctx, input);
  if (c.result !== 'ok' && c.result !== 'shipping_required')
    await countSecurityHit(ctx.db, 'card_login_failure', input.clientIp, ctx.clock.now());
  return c;
}

async function checkCardCredential(ctx: AppContext, input: CredentialInput): Promise<CredentialCheck> {
  const db = ctx.db;
  const now = ctx.clock.now();
  const ip = input.clientIp;
  const breaker = await readBreaker(ctx);
  const shipping = normaliseNumber(input.shippingNo ?? '');
  if (breaker.isTripped && !shipping) return { result: 'shipping_required' };

  const id = normaliseReservationId(input.reservationId);
  if (!/^[0-9A-Z]{4,32}$/.test(id)) {
    // Not even the shape of a number: no guard row, same work as a wrong password.
    await verifyDummy(input.password);
    return { result: 'wrong' };
  }
  const pairKey = `card-login:pair:${id}:${ip}`;
  if ((await peekThrottle(db, pairKey, PAIR_LIMIT, now)) >= PAIR_LIMIT.limit) {
    const end = windowStartOf(now, PAIR_LIMIT.windowSeconds).getTime() + PAIR_LIMIT.windowSeconds * 1000;
    return { result: 'throttled', retryAfterSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)) };
  }
  const claim = await db.query<{ attempts: number }>(
    `INSERT INTO card_net_login_guard AS g (id_key, attempts, locked_until, updated_at, failures_total) VALUES ($1, 1, NULL, $2, 1)
     ON CONFLICT (id_key) DO UPDATE SET
       attempts = CASE WHEN g.locked_until <= $2 OR g.updated_at < $2::timestamptz - interval '1 day' THEN 1 ELSE g.attempts + 1 END,
       locked_until = CASE WHEN g.locked_until <= $2 THEN NULL ELSE g.locked_until END,
       failures_total = g.failures_total + 1,
       updated_at = $2
     WHERE NOT g.staff_unlock_required AND g.failures_total < $4
       AND (g.locked_until <= $2 OR (g.locked_until IS NULL AND (g.attempts < $3 OR g.updated_at < $2::timestamptz - interval '1 day')))
     RETURNING attempts`,
    [id, now, LOCK_AFTER, FAILURE_CAP],
  );
  if (claim.rowCount === 0) {
    const g = await db.query<{ locked_until: Date | null; staff_unlock_required: boolean }>(
      'SELECT locked_until, staff_unlock_required FROM card_net_login_guard WHERE id_key = $1',
      [id],
    );
    if (g.rows[0]?.staff_unlock_required) return { result: 'locked_for_staff' };
    const until = g.rows[0]?.locked_until;
    return {
      result: 'locked',
      retryAfterSeconds: until ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : LOCK_MINUTES[0] * 60,
    };
  }
  const card = await db.query<{ verifier: string; shipping_no: string }>(
    'SELECT verifier, shipping_no FROM card_net_cards WHERE reservation_id = $1 AND is_active',
    [id],
  );
  const verifier = card.rows[0]?.verifier;
  const passwordOk = verifier ? await checkVerifier(verifier, input.password) : await verifyDummy(input.password);
  // While the breaker is tripped the shipping number must match too (compared in constant time, also for unknown ids).
  const shippingOk = !breaker.isTripped || sameText(shipping, card.rows[0]?.shipping_no ?? `\u0000${shipping}`);
  if (passwordOk && shippingOk && verifier) {
    await db.query(
      'UPDATE card_net_login_guard SET attempts = 0, locked_until = NULL, lock_count = 0, failures_total = 0, updated_at = $2 WHERE id_key = $1',
      [id, now],
    );
    return { result: 'ok', reservationId: id };
  }
  const locked = await db.query<{ lock_count: number; staff_unlock_required: boolean }>(
    `UPDATE card_net_login_guard SET
       locked_until = $2::timestamptz + make_interval(mins => ($5::int[])[least(lock_count + 1, cardinality($5::int[]))]),
       lock_count = lock_count + 1,
       staff_unlock_required = failures_total >= $4,
       updated_at = $2
     WHERE id_key = $1 AND locked_until IS NULL AND NOT staff_unlock_required AND (attempts >= $3 OR failures_total >= $4)
     RETURNING lock_count, staff_unlock_required`,
    [id, now, LOCK_AFTER, FAILURE_CAP, [...LOCK_MINUTES]],
  );
  const lock = locked.rows[0];
  if (lock)
    await recordSecurityEvent(
      db,
      {
        kind: lock.staff_unlock_required ? 'card.login.id_locked_for_staff' : 'card.login.id_locked',
        severity: lock.staff_unlock_required ? 'alert' : 'warning',
        clientIp: ip,
        subject: id,
        detail: { lockNumber: lock.lock_count, afterFailures: LOCK_AFTER, failureCap: FAILURE_CAP },
      },
      now,
    );
  await hitThrottle(db, pairKey, PAIR_LIMIT, now);
  // Spraying (one address failing on many ids): an alert for the operators, never a refusal.
  const firstForId = await hitThrottle(
    db,
    `card-login:spray-seen:${ip}:${id}`,
    { limit: 1, windowSeconds: SPRAY_ALERT.windowSeconds },
    now,
  );
  if (firstForId.count === 1) {
    const spray = await hitThrottle(db, `card-login:spray:${ip}`, SPRAY_ALERT, now);
    if (spray.count === SPRAY_ALERT.limit + 1)
      await recordSecurityEvent(
        db,
        {
          kind: 'card.login.spraying',
          severity: 'alert',
          clientIp: ip,
          detail: { distinctIds: spray.count, windowSeconds: SPRAY_ALERT.windowSeconds },
        },
        now,
      );
  }
  await countForBreaker(ctx, breaker, id, now);
  const global = await hitThrottle(db, 'card-login:failures:global', GLOBAL_FAILURE_ALERT, now);
  if (global.count === GLOBAL_FAILURE_ALERT.limit + 1)
    await recordSecurityEvent(
      db,
      {
        kind: 'card.login.failure_burst',
        severity: 'alert',
        detail: { failures: global.count, windowSeconds: GLOBAL_FAILURE_ALERT.windowSeconds },
      },
      now,
    );
  ctx.log.info({ event: 'card_login_failed', clientIp: ip, lockedNow: Boolean(lock) }, 'card booking log-in failed');
  return { result: 'wrong' };
}

/** Counts distinct failing ids per window; over the limit, trips (or keeps tripped) the breaker; the first trip raises an alert. */
async function countForBreaker(ctx: AppContext, b: Breaker, id: string, now: Date): Promise<void> {
  const window = { limit: 1, windowSeconds: b.window_seconds };
  if ((await hitThrottle(ctx.db, `card-login:failed-id:${id}`, window, now)).count !== 1) return;
  const ids = await hitThrottle(ctx.db, 'card-login:failed-ids', { limit: b.failed_ids_limit, windowSeconds: b.window_seconds }, now);
  if (ids.allowed) return;
  const tripped = await ctx.db.query(
    `UPDATE card_net_login_settings SET tripped_at = $1, tripped_until = $1::timestamptz + make_interval(mins => trip_minutes)
     WHERE id AND (tripped_until IS NULL OR tripped_until <= $1)`,
    [now],
  );
  if (tripped.rowCount > 0) {
    await recordSecurityEvent(
      ctx.db,
      {
        kind: 'card.login.breaker_tripped',
        severity: 'alert',
        detail: { failedIds: ids.count, windowSeconds: b.window_seconds, tripMinutes: b.trip_minutes },
      },
      now,
    );
    ctx.log.warn({ event: 'card_login_breaker_tripped', failedIds: ids.count }, 'card booking log-in: circuit breaker tripped');
  } else {
    await ctx.db.query(
      `UPDATE card_net_login_settings SET tripped_until = greatest(tripped_until, $1::timestamptz + make_interval(mins => trip_minutes)) WHERE id`,
      [now],
    );
  }
}
