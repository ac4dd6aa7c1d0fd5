/**
 * The citizen's proof for paying: the application's secret access token (the status link's, the
 * API's Bearer), stored only as its SHA-256 in hex (app_applications.access_token_hash).
 */
import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/** Constant-time comparison of a presented token with the stored SHA-256. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(crypto.createHash('sha256').update(token).digest('hex'));
  const b = Buffer.from(storedHash);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The token of `Authorization: Bearer <token>`, or '' (which matches nothing). */
export function bearerToken(req: FastifyRequest): string {
  const h = req.headers.authorization;
  const m = typeof h === 'string' ? /^Bearer\s+([A-Za-z0-9_-]{16,128})\s*$/i.exec(h) : null;
  return m?.[1] ?? '';
}

/** 整理番号 as people type it (any width, lower case, spaces or hyphens); null when it cannot be one. */
export function normaliseReference(raw: string): string | null {
  const s = raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐−ー]/g, '');
  return /^[2-9A-HJKMNP-Z]{10}$/.test(s) ? s : null;
}
