/**
 * The citizen's My Page session: a signed cookie (no server state) listing the bookings this browser
 * has proven access to — by the e-mailed link, the number + phone, or by having just booked — and,
 * after a phone check, the phone's blind index (to list that person's other bookings). Two hours.
 * Forms carry a CSRF token derived from the cookie's signature.
 */
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../http/errors.js';

export const MY_COOKIE = 'madoguchi_my';
const MAX_AGE_S = 2 * 3600;

export type MySession = { ids: string[]; phone: string | null; exp: number };

const sign = (ctx: AppContext, body: string) => crypto.createHmac('sha256', ctx.secrets.appSecret).update(`my:${body}`).digest('base64url');

export function readMySession(ctx: AppContext, req: FastifyRequest): MySession | null {
  const raw = req.cookies?.[MY_COOKIE];
  if (!raw) return null;
  const [body, sig] = raw.split('.');
  if (!body || !sig) return null;
  const expected = Buffer.from(sign(ctx, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const s = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as MySession;
    if (!Array.isArray(s.ids) || typeof s.exp !== 'number' || s.exp * 1000 < ctx.clock.now().getTime()) return null;
    return s;
  } catch {
    return null;
  }
}

export function grantMySession(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, add: { id: string; phoneIndex?: string | null }): void {
  const cur = readMySession(ctx, req);
  const ids = [add.id, ...(cur?.ids ?? []).filter((x) => x !== add.id)].slice(0, 20);
  const s: MySession = { ids, phone: add.phoneIndex ?? cur?.phone ?? null, exp: Math.floor(ctx.clock.now().getTime() / 1000) + MAX_AGE_S };
  const body = Buffer.from(JSON.stringify(s)).toString('base64url');
  reply.setCookie(MY_COOKIE, `${body}.${sign(ctx, body)}`, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.env === 'production',
    maxAge: MAX_AGE_S,
  });
}

export function clearMySession(reply: FastifyReply): void {
  reply.clearCookie(MY_COOKIE, { path: '/' });
}

export function myCsrf(ctx: AppContext, req: FastifyRequest): string {
  const raw = req.cookies?.[MY_COOKIE] ?? '';
  return crypto.createHmac('sha256', ctx.secrets.appSecret).update(`my-csrf:${raw.split('.')[1] ?? ''}`).digest('base64url').slice(0, 32);
}

export function assertMyCsrf(ctx: AppContext, req: FastifyRequest): void {
  const given = String((req.body as Record<string, unknown> | undefined)?._csrf ?? '');
  const expected = myCsrf(ctx, req);
  if (!readMySession(ctx, req) || given.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(given), Buffer.from(expected))) throw errors.csrf();
}
