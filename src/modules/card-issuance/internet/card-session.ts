/**
 * Booking-site sessions: a random token in an HttpOnly cookie, only its SHA-256 stored; 30 minutes.
 * Forms carry a CSRF token, compared in constant time. The log-in form, before any session exists,
 * carries a token derived (HMAC) from a random pre-log-in cookie, so another site cannot log a
 * browser into someone else's card (log-in CSRF).
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { errors } from '../../../http/errors.js';
import { boundToken, sentCsrfToken, tokensMatch } from '../../../http/csrf.js';

export const CARD_COOKIE = 'madoguchi_card';
export const CARD_SESSION_MINUTES = 30;
export const CARD_LOGIN_COOKIE = 'madoguchi_card_login';

const sha = (t: string) => crypto.createHash('sha256').update(t).digest('hex');

export type CardSession = { reservationId: string; csrfToken: string; tokenHash: string };

export async function startCardSession(ctx: AppContext, reply: FastifyReply, reservationId: string): Promise<CardSession> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  await ctx.db.query(
    'INSERT INTO card_net_sessions (token_hash, reservation_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [sha(token), reservationId, csrfToken, now, new Date(now.getTime() + CARD_SESSION_MINUTES * 60_000)],
  );
  reply.setCookie(CARD_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.env === 'production',
    maxAge: CARD_SESSION_MINUTES * 60,
  });
  return { reservationId, csrfToken, tokenHash: sha(token) };
}

export async function readCardSession(ctx: AppContext, req: FastifyRequest): Promise<CardSession | undefined> {
  const token = req.cookies?.[CARD_COOKIE];
  if (!token) return undefined;
  const r = await ctx.db.query<{ reservation_id: string; csrf_token: string }>(
    'SELECT reservation_id, csrf_token FROM card_net_sessions WHERE token_hash = $1 AND expires_at > $2',
    [sha(token), ctx.clock.now()],
  );
  const s = r.rows[0];
  return s ? { reservationId: s.reservation_id, csrfToken: s.csrf_token, tokenHash: sha(token) } : undefined;
}

export async function endCardSession(ctx: AppContext, reply: FastifyReply, session: CardSession | undefined): Promise<void> {
  if (session) await ctx.db.query('DELETE FROM card_net_sessions WHERE token_hash = $1', [session.tokenHash]);
  reply.clearCookie(CARD_COOKIE, { path: '/' });
}

/** Throws 403 unless the form (or X-CSRF-Token header) carries this session's token. */
export function assertCardCsrf(req: FastifyRequest, s: CardSession): void {
  if (!tokensMatch(sentCsrfToken(req), s.csrfToken)) throw errors.csrf();
}

const loginToken = (ctx: AppContext, cookie: string) => boundToken(ctx.secrets.appSecret, 'card-login', cookie);

/** The log-in form's CSRF token; sets the pre-log-in cookie when the browser has none yet. */
export function loginCsrfToken(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): string {
  let cookie = req.cookies?.[CARD_LOGIN_COOKIE];
  if (!cookie || !/^[A-Za-z0-9_-]{32}$/.test(cookie)) {
    cookie = crypto.randomBytes(24).toString('base64url');
    reply.setCookie(CARD_LOGIN_COOKIE, cookie, { path: '/card', httpOnly: true, sameSite: 'strict', secure: ctx.config.env === 'production', maxAge: 12 * 3600 });
  }
  return loginToken(ctx, cookie);
}

/** Does the log-in form carry the token of this browser's pre-log-in cookie? */
export function isLoginCsrfValid(ctx: AppContext, req: FastifyRequest): boolean {
  const cookie = req.cookies?.[CARD_LOGIN_COOKIE];
  if (!cookie) return false;
  return tokensMatch((req.body as Record<string, unknown> | undefined)?._csrf, loginToken(ctx, cookie));
}
