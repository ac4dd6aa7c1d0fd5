/**
 * CSRF, the one comparison and the one derivation for every form that changes something: the staff
 * session token (staff/authenticator.ts), My Page (modules/reservations/citizen/my-session.ts), the
 * anonymous citizen forms (http/form-csrf.ts) and the card booking site (card-issuance/internet/
 * card-session.ts). Tokens are compared in constant time over SHA-256 digests, so neither the content
 * nor the length of the expected token leaks.
 */
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { stringField } from './request-fields.js';

const digest = (t: string) => crypto.createHash('sha256').update(t, 'utf8').digest();

/** Whether `given` (anything the request sent) equals the expected token; empty or non-string never does. */
export function tokensMatch(given: unknown, expected: string): boolean {
  if (typeof given !== 'string' || given.length === 0 || expected.length === 0) return false;
  return crypto.timingSafeEqual(digest(given), digest(expected));
}

/** The token a request sent: the X-CSRF-Token header, else the `_csrf` form field; '' when neither. */
export function sentCsrfToken(req: FastifyRequest): string {
  const header = req.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  return stringField(req.body, '_csrf') ?? '';
}

/**
 * A token bound to a value the browser holds in an HttpOnly cookie (a session token or a random
 * pre-session cookie): HMAC-SHA256 under the application secret, with a label per purpose so a
 * token for one form is never accepted by another.
 */
export function boundToken(secret: string | Buffer, label: string, value: string, length?: number): string {
  const mac = crypto.createHmac('sha256', secret).update(`${label}:${value}`).digest('base64url');
  return length === undefined ? mac : mac.slice(0, length);
}
