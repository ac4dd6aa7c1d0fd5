/** Booking-site sessions: a random token in an HttpOnly cookie, only its SHA-256 stored; 30 minutes. */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.js';

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
