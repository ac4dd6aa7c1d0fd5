/**
 * Booking pages inside LINE (LIFF). LINE opens the LIFF endpoint /line/liff?liff.state=<path>; the
 * page's script gets the user's ID token (LIFF SDK, or the stand-in's #id_token) and posts it to
 * /line/liff/session. The server verifies it with LINE's verify endpoint — a user id sent by the
 * browser is never believed — and sets a signed, HttpOnly cookie naming the LINE user, then sends
 * the browser on to <path> (a same-site path only). lineUserOf(req) reads that cookie.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../http/errors.js';
import { html } from '../../web/html.js';
import { layout } from '../../web/layout.js';
import { verifyIdToken } from './line-api.js';

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
  return crypto.createHmac('sha256', ctx.secrets.appSecret).update(`line-session:${payload}`).digest('base64url');
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
  if (!crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) return undefined;
  if (Number(exp) * 1000 <= ctx.clock.now().getTime()) return undefined;
  return user;
}

/** Only same-site paths: "/x" but not "//host" or "/\host". */
export function safeTarget(to: unknown): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\') || to.length > 500) return '/';
  return to;
}

const LIFF_SDK = 'https://static.line-scdn.net/liff/edge/2/sdk.js';
const LIFF_CSP = [
  "default-src 'self'",
  "script-src 'self' https://static.line-scdn.net",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self' https://api.line.me https://access.line.me https://liffsdk.line-scdn.net",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

const sessionBody = z.object({ idToken: z.string().min(1).max(4096), to: z.string().max(500).optional() });

export function registerLiff(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('lineUserId', {
    getter(this: FastifyRequest) {
      return lineUserOf(ctx, this);
    },
  });

  app.get('/line/liff.js', async (_req, reply) => {
    reply.header('Cache-Control', 'public, max-age=300');
    return reply.type('text/javascript; charset=utf-8').send(liffScript);
  });

  app.get('/line/liff', async (req, reply) => {
    const lang = req.lang;
    const sdk = !ctx.config.line.standin && ctx.config.line.apiBaseUrl === 'https://api.line.me';
    const main = html`<h1 class="page-title">${lang === 'ja' ? 'LINEで本人を確認しています' : 'Confirming your LINE account'}</h1>
<div id="liff-entry" data-liff-id="${ctx.config.line.liffId ?? ''}">
  <p role="status" id="liff-status">${lang === 'ja' ? 'しばらくお待ちください…' : 'Please wait…'}</p>
  <p class="notice notice--error" id="liff-error" hidden>${lang === 'ja' ? 'LINEでの確認ができませんでした。LINEアプリから開き直してください。' : 'Could not confirm your LINE account. Please reopen this page from the LINE app.'}</p>
</div>
<noscript><p class="notice notice--warning">${lang === 'ja' ? 'LINE内のページではJavaScriptが必要です。通常の予約ページもご利用いただけます。' : 'Pages inside LINE need JavaScript. You can also use the ordinary booking pages.'} <a href="/">${lang === 'ja' ? 'トップへ' : 'Home'}</a></p></noscript>
${sdk ? html`<script src="${LIFF_SDK}" defer></script>` : ''}<script src="/line/liff.js" defer></script>`;
    // Inside the real LINE app the page needs LINE's LIFF SDK, and only this page may load it.
    if (sdk) reply.header('Content-Security-Policy', LIFF_CSP);
    return reply.type('text/html; charset=utf-8').send(layout({ lang, title: 'LINE', main, path: '/line/liff' }).toString());
  });

  app.post('/line/liff/session', async (req, reply) => {
    const body = sessionBody.safeParse(req.body);
    if (!body.success) throw new AppError('bad_request', 400, { ja: 'リクエストの形式が正しくありません。', en: 'The request is malformed.' });
    const nowSeconds = Math.floor(ctx.clock.now().getTime() / 1000);
    const verified = await verifyIdToken(ctx.config, body.data.idToken, nowSeconds);
    if (!verified) {
      ctx.log.warn({ event: 'line_liff_token_rejected', clientIp: req.ip, reqId: req.id }, 'LIFF ID token refused by LINE');
      throw new AppError('line_token_invalid', 401, { ja: 'LINEでの本人確認ができませんでした。', en: 'Your LINE sign-in could not be confirmed.' });
    }
    reply.setCookie(LINE_SESSION_COOKIE, sessionCookieValue(ctx, verified.sub, nowSeconds + SESSION_SECONDS), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: ctx.config.publicBaseUrl.startsWith('https://'),
      maxAge: SESSION_SECONDS,
    });
    return { redirect: safeTarget(body.data.to) };
  });
}
