/**
 * Booking pages inside LINE (LIFF). LINE's documented LIFF URL handling ("Opening a LIFF app",
 * https://developers.line.biz/en/docs/liff/opening-liff-app/#redirect-flow): a LIFF URL with more
 * after the LIFF id, https://liff.line.me/<liffId>/services/<id>?q, is opened first at the endpoint
 * URL with that rest in `liff.state` (primary redirect: /line/liff?liff.state=%2Fservices%2F<id>%3Fq);
 * liff.init() then sends the browser to the endpoint URL with the path appended and the query merged
 * (secondary redirect: /line/liff/services/<id>?q; "Concatenate", the only mode since 2021-03-01).
 * So every /line/liff/<path> serves the same entry page. Its script gets the user's ID token from the
 * LIFF SDK (LINE's, or the stand-in's copy) and posts it to /line/liff/session; the server verifies it
 * with LINE's verify endpoint — a user id sent by the browser is never believed — sets a signed,
 * HttpOnly cookie naming the LINE user, and sends the browser on to /<path> (an allow-listed
 * same-site path only). lineUserOf(req) reads that cookie.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { defineApi } from '../../http/api-route.js';
import { boundToken, tokensMatch } from '../../http/csrf.js';
import { AppError, errors } from '../../http/errors.js';
import { registerPageGuard, type PageGuard } from '../../http/page-route.js';
import { verifyIdToken } from './line-api.js';
import { registerLiffEntryPage } from './liff/entry.page.js';
import { liffMessages } from './liff/liff.messages.js';
import { registerLineMyBookingsPage } from './liff/my-bookings.page.js';

/** Who a page inside LINE is for: the LINE user of the verified LIFF session, or null without one. */
export type LineVisitor = { lineUserId: string } | null;

declare module '../../http/page-route.js' {
  interface PageActors {
    line: LineVisitor;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The LINE user of a request from inside LINE (verified LIFF session), else undefined. Lets the
     * booking routes bind a booking to the LINE user without importing this module.
     */
    lineUserId: string | undefined;
  }
}

export const LINE_SESSION_COOKIE = 'madoguchi_line';
const SESSION_SECONDS = 2 * 3600;
const liffScript = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'liff-entry.js'), 'utf8');

function mac(ctx: AppContext, payload: string): string {
  return boundToken(ctx.secrets.appSecret, 'line-session', payload);
}

export function sessionCookieValue(ctx: AppContext, lineUserId: string, expiresAt: number): string {
  const payload = `${lineUserId}.${expiresAt}`;
  return `${payload}.${mac(ctx, payload)}`;
}

/** The LINE user of this request, from the verified LIFF session cookie; undefined otherwise. */
export function lineUserOf(ctx: AppContext, req: FastifyRequest): string | undefined {
  const v = req.cookies?.[LINE_SESSION_COOKIE];
  if (!v) return undefined;
  const m = /^(U[0-9a-f]{32})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(v);
  if (!m) return undefined;
  const [, user, exp, sig] = m as unknown as [string, string, string, string];
  const expected = mac(ctx, `${user}.${exp}`);
  if (!tokensMatch(sig, expected)) return undefined;
  if (Number(exp) * 1000 <= ctx.clock.now().getTime()) return undefined;
  return user;
}

/** The characters a redirect target may hold (no tab, newline, backslash, colon, "#" or space). */
const SAFE_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/?=&%+]*$/;
export const ENTRY = '/line/liff';

/**
 * Only same-site paths such as "/services/x?y=1". Browsers drop tabs and newlines and read a backslash
 * as "/" before resolving a URL, so "/<TAB>/host" goes to another site: hence an allow-list of plain
 * path characters, and once percent-decoded no control character, no backslash and no leading "//".
 */
export function safeTarget(to: unknown): string {
  if (typeof to !== 'string' || to.length > 500 || !SAFE_PATH.test(to)) return '/';
  let decoded: string;
  try {
    decoded = decodeURIComponent(to);
  } catch {
    return '/'; // malformed percent-encoding
  }
  if (/[\u0000-\u001f\u007f\\]/.test(decoded) || /^\/[/\\]/.test(decoded)) return '/';
  // The entry page itself would sign in again and again.
  if (to === ENTRY || to.startsWith(`${ENTRY}/`) || to.startsWith(`${ENTRY}?`)) return '/';
  return to;
}

/**
 * Where the entry page continues after sign-in. On the secondary redirect the target is the path
 * after the endpoint URL plus the query; on the primary one (liff.init() not yet run) it is liff.state.
 */
export function entryTarget(url: string): string {
  const u = new URL(url, 'http://entry.invalid');
  const state = u.searchParams.get('liff.state');
  const rest = u.pathname.slice(ENTRY.length);
  if (!rest || rest === '/') {
    if (state === null) return '/';
    const target = state.split('#')[0] as string;
    return safeTarget(target.startsWith('/') ? target : `/${target}`);
  }
  for (const k of [...u.searchParams.keys()]) if (k.startsWith('liff.')) u.searchParams.delete(k);
  const query = u.searchParams.toString();
  return safeTarget(`${rest}${query ? `?${query}` : ''}`);
}

const LIFF_SDK = 'https://static.line-scdn.net/liff/edge/2/sdk.js';

/**
 * The LIFF SDK this page loads: LINE's own when talking to the real LINE platform, else the copy the
 * platform at LINE_API_BASE_URL serves (the local stand-in imitates LINE's CDN at the same path).
 */
export function liffSdkUrl(ctx: AppContext): string {
  return ctx.config.line.apiBaseUrl === 'https://api.line.me' ? LIFF_SDK : `${ctx.config.line.apiBaseUrl}/liff/edge/2/sdk.js`;
}

export function liffCsp(sdkUrl: string): string {
  const sdkOrigin = new URL(sdkUrl).origin;
  const real = sdkUrl === LIFF_SDK;
  return [
    "default-src 'self'",
    `script-src 'self' ${sdkOrigin}`,
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self'${real ? ' https://api.line.me https://access.line.me https://liffsdk.line-scdn.net' : ''}`,
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * The 'line' page guard: the visitor is the LINE user of the verified LIFF session, or null (each
 * page says what a visitor without one sees). Forms carry a token bound to that LINE user and the
 * app secret, compared in constant time; without a session no form is accepted.
 */
export function lineGuard(ctx: AppContext): PageGuard<LineVisitor> {
  const tokenOf = (lineUserId: string) => boundToken(ctx.secrets.appSecret, 'line-form', lineUserId);
  return {
    authenticate: async (req) => {
      const lineUserId = lineUserOf(ctx, req);
      return lineUserId ? { lineUserId } : null;
    },
    csrfToken: (_req, _reply, v) => (v ? tokenOf(v.lineUserId) : ''),
    verifyCsrf: (_req, v, sent) => v !== null && tokensMatch(sent, tokenOf(v.lineUserId)),
  };
}

const sessionBody = z.object({
  idToken: z.string().min(1).max(4096).describe('The ID token from liff.getIDToken(); verified with LINE, never trusted as sent'),
  to: z.string().max(500).optional().describe('Where to continue after sign-in (a same-site path; anything else becomes /)'),
});

export function registerLiff(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('lineUserId', {
    getter(this: FastifyRequest) {
      return lineUserOf(ctx, this);
    },
  });
  registerPageGuard(app, 'line', lineGuard(ctx));

  // A static script (the entry page's), not a page.
  app.get('/line/liff.js', async (_req, reply) => {
    reply.header('Cache-Control', 'public, max-age=300');
    return reply.type('text/javascript; charset=utf-8').send(liffScript);
  });

  registerLiffEntryPage(app, ctx);
  registerLineMyBookingsPage(app, ctx);

  defineApi(app, {
    method: 'POST',
    url: '/line/liff/session',
    summary: 'Sign in inside LINE: verify the LIFF ID token with LINE and set the LINE session cookie',
    description:
      'Called by the LIFF entry page. Only a JSON body is accepted, so another site cannot sign a browser in as its own LINE user with a plain form (login CSRF).',
    tags: ['line'],
    auth: 'public',
    body: sessionBody,
    responses: {
      200: { description: 'Signed in; continue to `redirect`', schema: z.object({ redirect: z.string().describe('A same-site path') }) },
      401: { description: 'LINE refused the ID token' },
      415: { description: 'Not a JSON body' },
      503: { description: 'LINE is not configured' },
    },
    async handler({ req, reply, body }) {
      if (!ctx.config.line.liffId) throw new AppError('line_not_configured', 503, liffMessages.text('notConfigured'));
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) throw errors.unsupportedMediaType();
      const nowSeconds = Math.floor(ctx.clock.now().getTime() / 1000);
      const verified = await verifyIdToken(ctx.config, body.idToken, nowSeconds);
      if (!verified) {
        ctx.log.warn({ event: 'line_liff_token_rejected', clientIp: req.ip, reqId: req.id }, 'LIFF ID token refused by LINE');
        throw new AppError('line_token_invalid', 401, liffMessages.text('tokenRefused'));
      }
      reply.setCookie(LINE_SESSION_COOKIE, sessionCookieValue(ctx, verified.sub, nowSeconds + SESSION_SECONDS), {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: ctx.config.publicBaseUrl.startsWith('https://'),
        maxAge: SESSION_SECONDS,
      });
      return { redirect: safeTarget(body.to) };
    },
  });
}
