/**
 * The HTTP server: security headers, request ids, language, per-client rate limits, problem+json
 * errors, the OpenAPI document, static assets, health checks; modules add their routes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { AppContext } from '../platform/context.js';
import type { Module } from '../platform/module.js';
import { openApiDocument } from './api-route.js';
import { AppError, errors } from './errors.js';
import { requestLang, tr, type Lang } from './i18n.js';
import { RateLimiter } from './rate-limit.js';
import { errorPage } from '../web/error-page.js';


const here = path.dirname(fileURLToPath(import.meta.url));
const assetsDir = path.resolve(here, '../web/assets');
const tokensCss = path.resolve(here, '../../node_modules/@digital-go-jp/design-tokens/dist/tokens.css');

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

export function wantsHtml(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/') || req.url.startsWith('/line/')) return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') || req.method === 'POST' && String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

export async function buildServer(ctx: AppContext, modules: Module[]): Promise<FastifyInstance> {
  const { config } = ctx;
  const app = Fastify({
    loggerInstance: ctx.log as unknown as FastifyBaseLogger,
    // Our own onResponse line replaces fastify's request logs (which would include URLs with query strings).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    genReqId: () => crypto.randomUUID(),
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  app.decorateRequest('lang', 'ja');

  const limiter = new RateLimiter(config.rateLimit.perMinute, 60_000);

  app.addHook('onRequest', async (req, reply) => {
    req.lang = requestLang(req);
    reply.header('X-Request-Id', req.id);
    if (req.url === '/healthz' || req.url === '/readyz' || req.url.startsWith('/assets/')) return;
    const wait = limiter.hit(req.ip, Date.now());
    if (wait > 0) {
      ctx.log.warn({ event: 'rate_limited', clientIp: req.ip, route: req.routeOptions.url }, 'client rate limited');
      throw errors.tooManyRequests(wait);
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    // A route may set a stricter or specific policy (e.g. the LIFF entry page loads LINE's SDK).
    if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(self), geolocation=(), microphone=()');
    if (config.env === 'production') reply.header('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
    // Personal data must not sit in shared caches or the back/forward cache: no-store unless a
    // route chose otherwise (assets, public availability).
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    ctx.log.info(
      {
        reqId: req.id,
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        staffId: req.staff?.id,
      },
      'request',
    );
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => sendError(ctx, err, req, reply));
  app.setNotFoundHandler((req, reply) => sendError(ctx, errors.notFound(), req, reply));

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await ctx.db.query('SELECT 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });

  app.get('/assets/:file', async (req, reply) => {
    const file = (req.params as { file: string }).file;
    if (!/^[a-z0-9-]+\.(css|js|svg|png)$/.test(file)) throw errors.notFound();
    const full = file === 'tokens.css' ? tokensCss : path.join(assetsDir, file);
    if (!fs.existsSync(full)) throw errors.notFound();
    const type = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', svg: 'image/svg+xml', png: 'image/png' }[
      file.split('.').pop() as 'css'
    ];
    reply.header('Cache-Control', 'public, max-age=3600');
    return reply.type(type).send(fs.createReadStream(full));
  });

  const staffRoutes: StaffRoute[] = [];
  staffRouteLists.set(app, staffRoutes);
  app.addHook('onRoute', (r) => {
    if ((r.config as { auth?: string } | undefined)?.auth === 'staff')
      for (const method of [r.method].flat()) if (method !== 'HEAD') staffRoutes.push({ method, url: r.url });
  });
  for (const m of modules) await m.register?.(app, ctx);

  const info = {
    title: 'madoguchi API',
    version: '1',
    description: 'Counter reservations, staff administration and audit for a Japanese city. Errors are RFC 9457 problem+json.',
  };
  app.get('/api/openapi.json', async () => openApiDocument(info));
  return app;
}

export type StaffRoute = { method: string; url: string };
const staffRouteLists = new WeakMap<FastifyInstance, StaffRoute[]>();

/** Every staff-only route (API and pages) of a server: the department-isolation tests walk these. */
export function listStaffRoutes(app: FastifyInstance): StaffRoute[] {
  return staffRouteLists.get(app) ?? [];
}

export function sendError(ctx: AppContext, err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const lang: Lang = req.lang ?? 'ja';
  let appErr: AppError;
  if (err instanceof AppError) appErr = err;
  else if (isFastifyClientError(err)) {
    appErr = new AppError('bad_request', err.statusCode ?? 400, {
      ja: 'リクエストの形式が正しくありません。',
      en: 'The request is malformed.',
    });
  } else {
    ctx.log.error({ reqId: req.id, err }, 'unhandled error');
    appErr = new AppError('internal_error', 500, {
      ja: 'システムで問題が発生しました。時間をおいて再度お試しください。',
      en: 'Something went wrong on our side. Please try again later.',
    });
  }
  const vars = { seconds: appErr.extra.retryAfterSeconds ?? 0 };
  if (appErr.extra.retryAfterSeconds) reply.header('Retry-After', String(appErr.extra.retryAfterSeconds));
  for (const [k, v] of Object.entries(appErr.extra.headers ?? {})) reply.header(k, v);
  const title = tr(lang, appErr.text, vars);
  const fieldErrors = (appErr.extra.fieldErrors ?? []).map((f) => ({ field: f.field, message: f.message[lang] }));
  if (wantsHtml(req)) {
    return reply
      .code(appErr.status)
      .type('text/html; charset=utf-8')
      .send(errorPage({ lang, status: appErr.status, title, fieldErrors, requestId: req.id }).toString());
  }
  return reply
    .code(appErr.status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: `https://madoguchi.example/problems/${appErr.code}`,
      title,
      status: appErr.status,
      code: appErr.code,
      requestId: req.id,
      ...(fieldErrors.length ? { errors: fieldErrors } : {}),
    });
}

function isFastifyClientError(err: unknown): err is FastifyError {
  const status = (err as FastifyError)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
