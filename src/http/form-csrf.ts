/**
 * The anonymous form token: public forms sent before any session exists (booking confirmation,
 * log-in, link requests) carry an HMAC of a random HttpOnly cookie, so another site cannot post them
 * on the visitor's behalf. This is the 'public' page guard of definePage.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { boundToken, tokensMatch } from './csrf.js';
import type { PageGuard } from './page-route.js';

const LABEL = 'form-csrf';

export const formCookieName = (ctx: Pick<AppContext, 'config'>) =>
  ctx.config.env === 'production' ? '__Host-madoguchi_form' : 'madoguchi_form';

const cookieValue = (ctx: Pick<AppContext, 'config'>, req: FastifyRequest): string | undefined => {
  const v = req.cookies?.[formCookieName(ctx)];
  return v && /^[A-Za-z0-9_-]{32,64}$/.test(v) ? v : undefined;
};

/** The token for this browser's forms; sets the random cookie it is bound to when the browser has none yet. */
export function formCsrfToken(ctx: Pick<AppContext, 'config' | 'secrets'>, req: FastifyRequest, reply: FastifyReply): string {
  let value = cookieValue(ctx, req);
  if (!value) {
    value = crypto.randomBytes(24).toString('base64url');
    // A day: a form left open that long still works.
    reply.setCookie(formCookieName(ctx), value, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.env === 'production',
      maxAge: 24 * 3600,
    });
    // Later readers in this request (a page with two forms) see the same value.
    if (req.cookies) (req.cookies as Record<string, string>)[formCookieName(ctx)] = value;
  }
  return boundToken(ctx.secrets.appSecret, LABEL, value, 32);
}

export function isFormCsrfValid(ctx: Pick<AppContext, 'config' | 'secrets'>, req: FastifyRequest, sent: unknown): boolean {
  const value = cookieValue(ctx, req);
  return !!value && tokensMatch(sent, boundToken(ctx.secrets.appSecret, LABEL, value, 32));
}

export function publicPageGuard(ctx: Pick<AppContext, 'config' | 'secrets'>): PageGuard<undefined> {
  return {
    authenticate: async () => undefined,
    csrfToken: (req, reply) => formCsrfToken(ctx, req, reply),
    verifyCsrf: (req, _actor, sent) => isFormCsrfValid(ctx, req, sent),
  };
}
