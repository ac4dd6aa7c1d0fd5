/**
 * Reservation numbers and secrets.
 * - Number: 8 random characters from 31 that cannot be confused when read over the phone (no 0/O,
 *   1/I/L); 31^8 ≈ 8.5·10^11 (~40 bits); shown as "ABCD-2345". Not sequential, not derivable.
 * - Access token: 128 random bits for the API, stored only as its SHA-256.
 * - My Page link: an HMAC of the reservation id with the application secret, so every notice can
 *   carry the link without the database storing a usable secret.
 */
import crypto from 'node:crypto';
import { CODE_ALPHABETS, randomCode } from '../../platform/random-code.js';

export function newReservationNumber(): string {
  return randomCode(CODE_ALPHABETS.reservationNumber, 8);
}

/** Accepts "abcd-2345", "ＡＢＣＤ ２３４５"…; null when it cannot be a reservation number. */
export function normaliseReservationNumber(raw: string): string | null {
  const s = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐−ー]/g, '');
  return /^[2-9A-HJKMNP-Z]{8}$/.test(s) ? s : null;
}

export function displayNumber(n: string): string {
  return `${n.slice(0, 4)}-${n.slice(4)}`;
}

export function newAccessToken(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function myPageSignature(appSecret: Buffer, reservationId: string): string {
  return crypto.createHmac('sha256', appSecret).update(`rsv-mypage:${reservationId}`).digest('base64url').slice(0, 27);
}

export function verifyMyPageSignature(appSecret: Buffer, reservationId: string, sig: string): boolean {
  const expected = Buffer.from(myPageSignature(appSecret, reservationId));
  const given = Buffer.from(sig);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
