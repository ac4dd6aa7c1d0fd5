/**
 * Staff sessions: the cookie holds 32 random bytes (base64url); the database keeps only their
 * SHA-256. Idle expiry (last_seen_at + idle minutes) and absolute expiry (expires_at, set at
 * log-in) are both enforced on every request.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import type { Queryable } from '../../platform/db.js';

export const sessionCookieName = (config: Config) => (config.env === 'production' ? '__Host-madoguchi_staff' : 'madoguchi_staff');

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export type SessionRow = {
  token_hash: string;
  staff_id: string;
  csrf_token: string;
  current_department_id: string | null;
  mfa_passed: boolean;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
};

export async function createSession(
  q: Queryable,
  o: { staffId: string; now: Date; absoluteHours: number; departmentId: string | null; mfaPassed: boolean; ip: string; userAgent: string },
): Promise<{ token: string; csrfToken: string; tokenHash: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  await q.query(
    `INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, current_department_id, mfa_passed, created_at, last_seen_at, expires_at, client_ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9)`,
    [
      tokenHash,
      o.staffId,
      csrfToken,
      o.departmentId,
      o.mfaPassed,
      o.now,
      new Date(o.now.getTime() + o.absoluteHours * 3_600_000),
      o.ip,
      o.userAgent.slice(0, 300),
    ],
  );
  return { token, csrfToken, tokenHash };
}

/** The live session for a cookie value, or undefined when missing or expired (expired rows are removed). */
export async function loadSession(q: Queryable, token: string, now: Date, idleMinutes: number): Promise<SessionRow | undefined> {
  const tokenHash = hashToken(token);
  const row = (await q.query<SessionRow>('SELECT * FROM staff_sessions WHERE token_hash = $1', [tokenHash])).rows[0];
  if (!row) return undefined;
  if (!isSessionLive(row, now, idleMinutes)) {
    await q.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
    return undefined;
  }
  return row;
}

/** Pure: idle and absolute expiry. */
export function isSessionLive(row: Pick<SessionRow, 'last_seen_at' | 'expires_at'>, now: Date, idleMinutes: number): boolean {
  return now.getTime() < row.expires_at.getTime() && now.getTime() < row.last_seen_at.getTime() + idleMinutes * 60_000;
}

export async function touchSession(q: Queryable, tokenHash: string, now: Date): Promise<void> {
  await q.query('UPDATE staff_sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2', [tokenHash, now]);
}

export async function deleteSession(q: Queryable, tokenHash: string): Promise<void> {
  await q.query('DELETE FROM staff_sessions WHERE token_hash = $1', [tokenHash]);
}

/** Ends every session of a person, optionally keeping one (the one that changed the password). */
export async function deleteSessionsOf(q: Queryable, staffId: string, except?: string): Promise<number> {
  const r = await q.query('DELETE FROM staff_sessions WHERE staff_id = $1 AND token_hash <> $2', [staffId, except ?? '']);
  return r.rowCount;
}

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(sessionCookieName(config), token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: config.env === 'production',
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName(config), { path: '/', httpOnly: true, sameSite: 'lax', secure: config.env === 'production' });
}

export function sessionTokenOf(req: FastifyRequest, config: Config): string | undefined {
  const v = req.cookies?.[sessionCookieName(config)];
  return v && /^[A-Za-z0-9_-]{43}$/.test(v) ? v : undefined;
}
