/**
 * Booking-site sessions: a random token in an HttpOnly cookie, only its SHA-256 stored; 30 minutes.
 * Forms carry a CSRF token, compared in constant time. The log-in form, before any session exists,
 * is a public page with the anonymous form token (http/form-csrf.ts), so another site cannot log a
 * browser into someone else's card (log-in CSRF).
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { tokensMatch } from '../../../http/csrf.js';
import { registerPageGuard, type PageGuard } from '../../../http/page-route.js';

export const CARD_COOKIE = 'madoguchi_card';
export const CARD_SESSION_MINUTES = 30;

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

declare module '../../../http/page-route.js' {
  interface PageActors {
    /** The booking-site session, or null when there is none (every card-site page then sends the visitor to the log-in). */
    'card-site': CardSession | null;
  }
}

/**
 * The 'card-site' page guard: the actor is the session (or null); its forms carry the session's CSRF
 * token, compared in constant time (http/csrf.ts). A request without a session has nothing a form
 * could change — every card-site page answers it with the log-in page — so only a session's
 * requests need a token (as before: an expired session's "log out" still leads to the log-in).
 */
export function cardSiteGuard(ctx: AppContext): PageGuard<CardSession | null> {
  return {
    authenticate: async (req) => (await readCardSession(ctx, req)) ?? null,
    csrfToken: (_req, _reply, s) => s?.csrfToken ?? '',
    verifyCsrf: (_req, s, sent) => s === null || tokensMatch(sent, s.csrfToken),
  };
}

export function registerCardSiteGuard(app: FastifyInstance, ctx: AppContext): void {
  registerPageGuard(app, 'card-site', cardSiteGuard(ctx));
}
