/**
 * The page flow's form state: a random token in an HttpOnly cookie scoped to one procedure's pages
 * (/apply/<procedureId>), naming an app_drafts row (answers encrypted server-side). Nothing personal
 * sits in the browser; the token is also the owner of the files uploaded on the form.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import { newDraftToken } from '../submissions/drafts.js';
import { TOKEN_PATTERN } from '../submissions/reference-number.js';

const cookieName = (ctx: AppContext) => (ctx.config.env === 'production' ? '__Secure-madoguchi_apply' : 'madoguchi_apply');
const pathOf = (procedureId: string) => `/apply/${procedureId}`;

export function draftTokenOf(ctx: AppContext, req: FastifyRequest): string | undefined {
  const v = req.cookies?.[cookieName(ctx)];
  return v && TOKEN_PATTERN.test(v) ? v : undefined;
}

export function setDraftCookie(ctx: AppContext, reply: FastifyReply, procedureId: string, token: string): void {
  reply.setCookie(cookieName(ctx), token, {
    path: pathOf(procedureId),
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.env === 'production',
    maxAge: ctx.config.applications.resumeLinkDays * 86_400,
  });
}

/** This browser's token for the procedure's form, made (and set) on first use. */
export function ensureDraftToken(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, procedureId: string): string {
  const existing = draftTokenOf(ctx, req);
  if (existing) return existing;
  const token = newDraftToken();
  setDraftCookie(ctx, reply, procedureId, token);
  return token;
}

export function clearDraftCookie(ctx: AppContext, reply: FastifyReply, procedureId: string): void {
  reply.clearCookie(cookieName(ctx), { path: pathOf(procedureId) });
}
