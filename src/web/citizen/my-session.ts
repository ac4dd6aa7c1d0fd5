/**
 * The citizen's My Page session, kept in the database so it can be revoked: the cookie holds a
 * random token, the row only its SHA-256, an absolute expiry (two hours) and the revocation time
 * ("マイページを閉じる"). A session opens single bookings it has proven access to — the booking
 * just made, its mailed link, its number + phone — and, when it was opened by a link mailed to an
 * address, every booking with that address. A phone number never opens more than its one booking.
 * Each grant issues a new token (the old one is revoked), so a planted cookie gains nothing.
 *
 * CSRF: My Page forms carry an HMAC of the session token; forms used before any session exists
 * (booking confirmation, log-in, link request) carry an HMAC of a separate random cookie.
 * Comparisons are timing-safe.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../http/errors.js';
import { boundToken, tokensMatch } from '../../http/csrf.js';

const MAX_AGE_S = 2 * 3600;
const MAX_GRANTS = 50;

export const myCookieName = (ctx: AppContext) => (ctx.config.env === 'production' ? '__Host-madoguchi_my' : 'madoguchi_my');
const formCookieName = (ctx: AppContext) => (ctx.config.env === 'production' ? '__Host-madoguchi_form' : 'madoguchi_form');

export type MySession = { id: string; emailIndex: string | null; expiresAt: Date };

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const hmac = (ctx: AppContext, label: string, value: string) => boundToken(ctx.secrets.appSecret, label, value, 32);

const cookieOptions = (ctx: AppContext, maxAge: number) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: ctx.config.env === 'production',
  maxAge,
});

const tokenOf = (ctx: AppContext, req: FastifyRequest): string | null => {
  const raw = req.cookies?.[myCookieName(ctx)];
  return raw && /^[A-Za-z0-9_-]{40,64}$/.test(raw) ? raw : null;
};

/** The current session (not revoked, not expired), or null. */
export async function readMySession(ctx: AppContext, req: FastifyRequest): Promise<MySession | null> {
  const token = tokenOf(ctx, req);
  if (!token) return null;
  const r = await ctx.db.query<MySession>(
    `SELECT id, email_index AS "emailIndex", expires_at AS "expiresAt" FROM rsv_my_sessions
     WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2`,
    [sha256(token), ctx.clock.now()],
  );
  return r.rows[0] ?? null;
}

/** Whether the session may open this booking: granted one by one, or by its proven e-mail address. */
export async function sessionCanOpen(ctx: AppContext, s: MySession, r: { id: string; emailIndex?: string | null }): Promise<boolean> {
  if (s.emailIndex && r.emailIndex && tokensMatch(s.emailIndex, r.emailIndex)) return true;
  const g = await ctx.db.query('SELECT 1 FROM rsv_my_session_grants WHERE session_id = $1 AND reservation_id = $2', [s.id, r.id]);
  return g.rows.length > 0;
}

/**
 * Adds access to one booking, or to an address's bookings, in a new session that keeps what the
 * current one had; the current one is revoked.
 */
export async function grantMySession(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  add: { reservationId: string } | { emailIndex: string },
): Promise<void> {
  const now = ctx.clock.now();
  const cur = await readMySession(ctx, req);
  const token = crypto.randomBytes(32).toString('base64url');
  await ctx.db.transaction(async (tx) => {
    await tx.query('DELETE FROM rsv_my_sessions WHERE expires_at < $1', [new Date(now.getTime() - 86_400_000)]);
    const emailIndex = 'emailIndex' in add ? add.emailIndex : (cur?.emailIndex ?? null);
    const ins = await tx.query<{ id: string }>(
      'INSERT INTO rsv_my_sessions (token_hash, email_index, created_at, expires_at) VALUES ($1, $2, $3, $4) RETURNING id',
      [sha256(token), emailIndex, now, new Date(now.getTime() + MAX_AGE_S * 1000)],
    );
    const id = ins.rows[0]!.id;
    if ('reservationId' in add)
      await tx.query('INSERT INTO rsv_my_session_grants (session_id, reservation_id) VALUES ($1, $2)', [id, add.reservationId]);
    if (cur) {
      await tx.query(
        `INSERT INTO rsv_my_session_grants (session_id, reservation_id)
         SELECT $1, reservation_id FROM rsv_my_session_grants WHERE session_id = $2 LIMIT $3 ON CONFLICT DO NOTHING`,
        [id, cur.id, MAX_GRANTS],
      );
      await tx.query('UPDATE rsv_my_sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [cur.id, now]);
    }
  });
  reply.setCookie(myCookieName(ctx), token, cookieOptions(ctx, MAX_AGE_S));
}

/** "マイページを閉じる": the session is revoked in the database (a copied cookie stops working). */
export async function closeMySession(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = tokenOf(ctx, req);
  if (token) await ctx.db.query('UPDATE rsv_my_sessions SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL', [sha256(token), ctx.clock.now()]);
  reply.clearCookie(myCookieName(ctx), { path: '/' });
}

export function myCsrf(ctx: AppContext, req: FastifyRequest): string {
  return hmac(ctx, 'my-csrf', tokenOf(ctx, req) ?? '');
}

export async function assertMyCsrf(ctx: AppContext, req: FastifyRequest): Promise<void> {
  const given = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (!tokenOf(ctx, req) || !tokensMatch(given, myCsrf(ctx, req)) || !(await readMySession(ctx, req))) throw errors.csrf();
}

/**
 * CSRF token for a form that may be sent before any My Page session exists. Sets the random
 * cookie it is bound to when the browser has none yet.
 */
export function formCsrf(ctx: AppContext, req: FastifyRequest, reply: FastifyReply): string {
  let value = req.cookies?.[formCookieName(ctx)];
  if (!value || !/^[A-Za-z0-9_-]{32,64}$/.test(value)) {
    value = crypto.randomBytes(24).toString('base64url');
    // the cookie's lifetime: a form left open for a day still works
    reply.setCookie(formCookieName(ctx), value, cookieOptions(ctx, 24 * 3600));
    // later readers in this request (a page with two forms) see the same value
    (req.cookies as Record<string, string>)[formCookieName(ctx)] = value;
  }
  return hmac(ctx, 'form-csrf', value);
}

export function assertFormCsrf(ctx: AppContext, req: FastifyRequest): void {
  const value = req.cookies?.[formCookieName(ctx)];
  const given = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (!value || !tokensMatch(given, hmac(ctx, 'form-csrf', value))) throw errors.csrf();
}
