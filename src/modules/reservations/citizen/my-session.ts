/**
 * The citizen's My Page session, kept in the database so it can be revoked: the cookie holds a
 * random token, the row only its SHA-256, an absolute expiry (two hours) and the revocation time
 * ("マイページを閉じる"). A session opens single bookings it has proven access to — the booking
 * just made, its mailed link, its number + phone — and, when it was opened by a link mailed to an
 * address, every booking with that address. A phone number never opens more than its one booking.
 * Each grant issues a new token (the old one is revoked), so a planted cookie gains nothing.
 *
 * This is the 'my-page' page guard: its actor is the open session or null (a visitor without one
 * sees the log-in forms), and its forms carry an HMAC of the session token, compared in constant
 * time (http/csrf.ts). Forms used before any session exists (booking confirmation, log-in, link
 * request) are 'public' pages with the anonymous form token (http/form-csrf.ts).
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { boundToken, tokensMatch } from '../../../http/csrf.js';
import { registerPageGuard, type PageGuard } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { findOpenSession, hasGrant, openSession, revokeSession, type MySession } from './my-session.repository.js';

export type { MySession };

declare module '../../../http/page-route.js' {
  interface PageActors {
    /** The visitor's open My Page session, or null when there is none (the page shows how to open one). */
    'my-page': MySession | null;
  }
}

const MAX_AGE_S = 2 * 3600;

type SessionCtx = Pick<AppContext, 'config' | 'secrets' | 'db' | 'clock'>;

export const myCookieName = (ctx: Pick<AppContext, 'config'>) => (ctx.config.env === 'production' ? '__Host-madoguchi_my' : 'madoguchi_my');

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

const tokenOf = (ctx: Pick<AppContext, 'config'>, req: FastifyRequest): string | null => {
  const raw = req.cookies?.[myCookieName(ctx)];
  return raw && /^[A-Za-z0-9_-]{40,64}$/.test(raw) ? raw : null;
};

/** The current session (not revoked, not expired), or null. */
export async function readMySession(ctx: SessionCtx, req: FastifyRequest): Promise<MySession | null> {
  const token = tokenOf(ctx, req);
  return token ? findOpenSession(ctx.db, sha256(token), ctx.clock.now()) : null;
}

/** Whether the session may open this booking: granted one by one, or by its proven e-mail address. */
export async function sessionCanOpen(
  ctx: Pick<AppContext, 'db'>,
  s: MySession,
  r: { id: string; emailIndex?: string | null },
): Promise<boolean> {
  if (s.emailIndex && r.emailIndex && tokensMatch(s.emailIndex, r.emailIndex)) return true;
  return hasGrant(ctx.db, s.id, r.id);
}

/**
 * Adds access to one booking, or to an address's bookings, in a new session that keeps what the
 * current one had; the current one is revoked.
 */
export async function grantMySession(
  ctx: SessionCtx,
  req: FastifyRequest,
  reply: FastifyReply,
  add: { reservationId: string } | { emailIndex: string },
): Promise<void> {
  const now = ctx.clock.now();
  const current = await readMySession(ctx, req);
  const token = crypto.randomBytes(32).toString('base64url');
  await openSession(ctx.db, {
    tokenHash: sha256(token),
    now,
    expiresAt: new Date(now.getTime() + MAX_AGE_S * 1000),
    emailIndex: 'emailIndex' in add ? add.emailIndex : (current?.emailIndex ?? null),
    reservationId: 'reservationId' in add ? add.reservationId : undefined,
    previousId: current?.id,
  });
  reply.setCookie(myCookieName(ctx), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.env === 'production',
    maxAge: MAX_AGE_S,
  });
}

/** "マイページを閉じる": the session is revoked in the database (a copied cookie stops working). */
export async function closeMySession(ctx: SessionCtx, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = tokenOf(ctx, req);
  if (token) await revokeSession(ctx.db, sha256(token), ctx.clock.now());
  reply.clearCookie(myCookieName(ctx), { path: '/' });
}

/** The CSRF token of this browser's My Page forms: an HMAC of its session token. */
export function myCsrf(ctx: Pick<AppContext, 'config' | 'secrets'>, req: FastifyRequest): string {
  return boundToken(ctx.secrets.appSecret, 'my-csrf', tokenOf(ctx, req) ?? '', 32);
}

/** The 'my-page' guard: never refuses a visitor (pages decide what a visitor without a session sees). */
export function myPageGuard(ctx: SessionCtx): PageGuard<MySession | null> {
  return {
    authenticate: (req) => readMySession(ctx, req),
    csrfToken: (req) => myCsrf(ctx, req),
    // A form of My Page changes something only for an open session, and only with that session's token.
    verifyCsrf: (req, session, sent) => session !== null && tokenOf(ctx, req) !== null && tokensMatch(sent, myCsrf(ctx, req)),
  };
}

export function registerMyPageGuard(app: FastifyInstance, ctx: SessionCtx): void {
  registerPageGuard(app, 'my-page', myPageGuard(ctx));
}
