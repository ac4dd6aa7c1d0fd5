/**
 * 整理番号 and the secrets that open an application.
 * - 整理番号: 10 random characters from the 31 that cannot be confused when read aloud (no 0/O, 1/I/L);
 *   31^10 ≈ 8·10^14 (~50 bits); not sequential, not derivable. The database CHECK holds the same alphabet.
 * - Access token (the status link's secret, the API's Bearer): 128 random bits, stored only as SHA-256.
 * - Resume token (save and resume): 128 random bits, stored only as SHA-256.
 */
import crypto from 'node:crypto';
import { CODE_ALPHABETS, randomCode } from '../../../platform/random-code.js';

export function newReferenceNumber(): string {
  return randomCode(CODE_ALPHABETS.reservationNumber, 10);
}

/** Accepts what people type: any width, lower case, spaces or hyphens; null when it cannot be a 整理番号. */
export function normaliseReferenceNumber(raw: string): string | null {
  const s = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐−ー]/g, '');
  return /^[2-9A-HJKMNP-Z]{10}$/.test(s) ? s : null;
}

/** "ABCDE-23456": easier to read out and copy by hand. */
export function displayReference(n: string): string {
  return `${n.slice(0, 5)}-${n.slice(5)}`;
}

export function newSecretToken(): string {
  return crypto.randomBytes(16).toString('base64url');
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** Constant-time comparison of a presented token with a stored SHA-256. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(storedHash);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
