/**
 * Facility-portal sessions: a random token in an HttpOnly cookie (only its SHA-256 stored), opened only
 * after the e-mailed one-time password (portal-auth/), 30 minutes idle and 8 hours at most. The session
 * names the user and their facility; every facility route scopes by `facilityId` from here and from
 * nowhere else (never an id in the URL or body), so a facility user sees only their facility.
 * Forms and API writes carry the session's CSRF token, compared in constant time.
 */
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sentCsrfToken, tokensMatch } from '../../../http/csrf.js';
import { AppError, errors } from '../../../http/errors.js';
import { registerPageGuard, type PageGuard } from '../../../http/page-route.js';
import { wantsHtml } from '../../../http/server.js';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import type { AuditEvent } from '../../audit/index.js';

export const FACILITY_COOKIE = 'madoguchi_facility';
export const FACILITY_SESSION_IDLE_MINUTES = 30;
export const FACILITY_SESSION_ABSOLUTE_HOURS = 8;
export const FACILITY_LOGIN_PATH = '/facility/login';

const sha = (t: string) => crypto.createHash('sha256').update(t).digest('hex');

export type FacilityActor = {
  userId: string;
  facilityId: string;
  loginId: string;
  csrfToken: string;
  tokenHash: string;
};

/** Opens a session for a user who passed the password and the one-time password (portal-auth only). */
export async function startFacilitySession(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  reply: FastifyReply,
  user: { id: string; facilityId: string; loginId: string },
  q: Queryable = ctx.db,
): Promise<FacilityActor> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  await q.query(
    `INSERT INTO fc_sessions (token_hash, user_id, facility_id, csrf_token, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7)`,
    [
      sha(token),
      user.id,
      user.facilityId,
      csrfToken,
      now,
      new Date(now.getTime() + FACILITY_SESSION_IDLE_MINUTES * 60_000),
      new Date(now.getTime() + FACILITY_SESSION_ABSOLUTE_HOURS * 3_600_000),
    ],
  );
  reply.setCookie(FACILITY_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: ctx.config.env === 'production',
  });
  return { userId: user.id, facilityId: user.facilityId, loginId: user.loginId, csrfToken, tokenHash: sha(token) };
}

/**
 * The session of this request, if it is open and its user and facility are still active. The idle expiry
 * slides only when the clock has moved on since the last request (a refused request at the same instant
 * changes nothing).
 */
export async function readFacilitySession(ctx: Pick<AppContext, 'db' | 'clock'>, req: FastifyRequest): Promise<FacilityActor | undefined> {
  const token = req.cookies?.[FACILITY_COOKIE];
  if (!token) return undefined;
  const now = ctx.clock.now();
  const tokenHash = sha(token);
  const r = await ctx.db.query<{ user_id: string; facility_id: string; login_id: string; csrf_token: string; last_seen_at: Date }>(
    `SELECT s.user_id, s.facility_id, u.login_id, s.csrf_token, s.last_seen_at
       FROM fc_sessions s JOIN fc_users u ON u.id = s.user_id AND u.facility_id = s.facility_id
       JOIN fc_facilities f ON f.id = u.facility_id
      WHERE s.token_hash = $1 AND u.status = 'active' AND f.active AND s.idle_expires_at > $2 AND s.absolute_expires_at > $2`,
    [tokenHash, now],
  );
  const s = r.rows[0];
  if (!s) return undefined;
  if (new Date(s.last_seen_at).getTime() < now.getTime())
    await ctx.db.query(
      `UPDATE fc_sessions SET last_seen_at = $2, idle_expires_at = LEAST(absolute_expires_at, $3)
        WHERE token_hash = $1 AND last_seen_at < $2`,
      [tokenHash, now, new Date(now.getTime() + FACILITY_SESSION_IDLE_MINUTES * 60_000)],
    );
  return { userId: s.user_id, facilityId: s.facility_id, loginId: s.login_id, csrfToken: s.csrf_token, tokenHash };
}

/** Ends the session in the database (a copied cookie stops working) and clears the cookie. */
export async function endFacilitySession(
  ctx: Pick<AppContext, 'db'>,
  reply: FastifyReply,
  actor: Pick<FacilityActor, 'tokenHash'> | undefined,
): Promise<void> {
  if (actor) await ctx.db.query('DELETE FROM fc_sessions WHERE token_hash = $1', [actor.tokenHash]);
  reply.clearCookie(FACILITY_COOKIE, { path: '/' });
}

/**
 * For JSON routes of the facility API (`auth: 'public'`, `security: ['facilitySession']`): the session or
 * 401; on a state-changing method the `X-CSRF-Token` header must match (403 otherwise). Call it first.
 */
export async function requireFacilityApi(ctx: Pick<AppContext, 'db' | 'clock'>, req: FastifyRequest): Promise<FacilityActor> {
  const actor = await readFacilitySession(ctx, req);
  if (!actor) throw errors.unauthenticated();
  if (req.method !== 'GET' && req.method !== 'HEAD' && !tokensMatch(sentCsrfToken(req), actor.csrfToken)) throw errors.csrf();
  return actor;
}

/** Actor, address and request id of a facility user's request, for recordAudit. */
export function facilityAuditContext(
  req: FastifyRequest,
  actor: Pick<FacilityActor, 'userId' | 'loginId'>,
): Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'> {
  return { actor: { type: 'facility', id: actor.userId, label: actor.loginId }, clientIp: req.ip, requestId: req.id };
}

declare module '../../../http/page-route.js' {
  interface PageActors {
    /** A facility user's portal session; pages of this guard are never shown without one. */
    facility: FacilityActor;
  }
}

/** The 'facility' page guard: no session → the log-in page (303 for a browser's GET, 401 otherwise). */
export function facilityGuard(ctx: Pick<AppContext, 'db' | 'clock'>): PageGuard<FacilityActor> {
  return {
    async authenticate(req) {
      const actor = await readFacilitySession(ctx, req);
      if (actor) return actor;
      const err = errors.unauthenticated();
      if (wantsHtml(req) && (req.method === 'GET' || req.method === 'HEAD'))
        throw new AppError(err.code, 303, err.text, { headers: { Location: FACILITY_LOGIN_PATH } });
      throw err;
    },
    csrfToken: (_req, _reply, actor) => actor.csrfToken,
    verifyCsrf: (_req, actor, sent) => tokensMatch(sent, actor.csrfToken),
  };
}

export function registerFacilityGuard(app: FastifyInstance, ctx: Pick<AppContext, 'db' | 'clock'>): void {
  registerPageGuard(app, 'facility', facilityGuard(ctx));
}
