/**
 * Finding a booking as a citizen: the number alone is never enough. A second fact is required —
 * the access token (API), the signed My Page link, or the phone number — and failures are
 * throttled per client address and per number (across processes, in the database). Every failure
 * looks the same, so a caller cannot tell a wrong number from a wrong second fact.
 */
import crypto from 'node:crypto';
import { errors } from '../../http/errors.js';
import { reservationMessages } from './messages.js';
import type { AppContext } from '../../platform/context.js';
import { countSecurityHit, hitThrottle, peekThrottle, recordSecurityEvent } from '../security/index.js';
import { hashToken, normaliseReservationNumber, verifyMyPageSignature } from './reservation-number.js';
import { findReservationByNumber, phoneIndexOf, type ReservationRow } from './reservations.repository.js';
import { normalisePhone } from './validate-input.js';

export const LOOKUP_LIMITS = {
  perClient: { limit: 30, windowSeconds: 600 },
  perNumber: { limit: 10, windowSeconds: 3600 },
};

export type SecondFact = { token: string } | { phone: string } | { signature: string; reservationId: string };

export async function findForCitizen(ctx: AppContext, rawNumber: string, fact: SecondFact, clientIp: string): Promise<ReservationRow> {
  const now = ctx.clock.now();
  const number = normaliseReservationNumber(rawNumber) ?? '';
  const ipKey = `rsv-lookup:ip:${clientIp}`;
  const numKey = `rsv-lookup:number:${number || 'invalid'}`;
  const [ipCount, numCount] = await Promise.all([
    peekThrottle(ctx.db, ipKey, LOOKUP_LIMITS.perClient, now),
    peekThrottle(ctx.db, numKey, LOOKUP_LIMITS.perNumber, now),
  ]);
  if (ipCount >= LOOKUP_LIMITS.perClient.limit || numCount >= LOOKUP_LIMITS.perNumber.limit) {
    const r = await hitThrottle(
      ctx.db,
      ipCount >= LOOKUP_LIMITS.perClient.limit ? ipKey : numKey,
      ipCount >= LOOKUP_LIMITS.perClient.limit ? LOOKUP_LIMITS.perClient : LOOKUP_LIMITS.perNumber,
      now,
    );
    await countSecurityHit(ctx.db, 'reference_lookup_miss', clientIp, now);
    throw errors.tooManyRequests(r.retryAfterSeconds);
  }
  const r = number ? await findReservationByNumber(ctx.db, number) : undefined;
  if (r && matches(ctx, r, fact)) return r;
  // every miss (and every refused attempt above) feeds the detector reference_enumeration
  const [ip, num] = await Promise.all([
    hitThrottle(ctx.db, ipKey, LOOKUP_LIMITS.perClient, now),
    hitThrottle(ctx.db, numKey, LOOKUP_LIMITS.perNumber, now),
    countSecurityHit(ctx.db, 'reference_lookup_miss', clientIp, now),
  ]);
  if (!ip.allowed || !num.allowed)
    await recordSecurityEvent(
      ctx.db,
      {
        kind: 'reservation.lookup_throttled',
        severity: 'warning',
        clientIp,
        subject: r?.id,
        detail: { byClient: !ip.allowed, byNumber: !num.allowed },
      },
      now,
    );
  throw errors.notFound(reservationMessages.text('lookupFailed'));
}

function matches(ctx: AppContext, r: ReservationRow, fact: SecondFact): boolean {
  if (r.anonymisedAt) return false;
  if ('token' in fact) return safeEqual(hashToken(fact.token), r.accessTokenHash);
  if ('phone' in fact) {
    const p = normalisePhone(fact.phone);
    return Boolean(p && r.phoneIndex && safeEqual(phoneIndexOf(ctx, p), r.phoneIndex));
  }
  return fact.reservationId === r.id && verifyMyPageSignature(ctx.secrets.appSecret, r.id, fact.signature);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}
