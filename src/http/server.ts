/**
 * The HTTP server: security headers, request ids, language, per-client rate limits, problem+json
 * errors, the OpenAPI document, static assets, health checks; modules add their routes.
 */
import crypto from 'node:crypto';
import type { Socket } from 'node:net';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { AppContext } from '../platform/context.js';
import { isDatabaseUnavailable, reportDatabaseUnavailable } from '../platform/db.js';
import { requestLoggerOf } from '../platform/logger.js';
import type { Module } from '../platform/module.js';
import { configureApi, openApiDocument, ResponseContractError } from './api-route.js';
import { installAuthenticators } from './actor.js';
import { installPages } from './page-route.js';
import { publicPageGuard } from './form-csrf.js';
import { AppError, errors, problemType, problemTypes } from './errors.js';
import { errorMessages } from './errors.messages.js';
import { problemTypeUri, registerProblemDocs } from './problem-docs.js';
import { LANG_COOKIE, requestLang, tr, type Lang } from './i18n.js';
import { RateLimiter } from './rate-limit.js';
import { compressPayload, markStatic } from './compression.js';
import { refuseNul } from './input-guard.js';
import { installReadShedding } from './read-shedding.js';
import { applySecurityHeaders, securityHeaders } from './security-headers.js';
import { errorPage } from '../web/error-page.js';
import { assetUrl, findAsset, parseAssetPath } from '../web/asset-urls.js';
import { stringField } from './request-fields.js';

const YEAR_SECONDS = 365 * 86_400;
/** Retry-After while the database is away: a restart or failover takes seconds, not minutes. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

export function wantsHtml(req: FastifyRequest): boolean {
  if (req.url.startsWith('/api/') || req.url.startsWith('/line/')) return false;
  const accept = req.headers.accept ?? '';
  return (
    accept.includes('text/html') ||
    (req.method === 'POST' && String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
  );
}

export async function buildServer(ctx: AppContext, modules: Module[]): Promise<FastifyInstance> {
  const { config } = ctx;
  const headersOf = { production: securityHeaders(true), other: securityHeaders(false) };
  const headers = () => headersOf[config.env === 'production' ? 'production' : 'other'];
  const app = Fastify({
    loggerInstance: ctx.log as unknown as FastifyBaseLogger,
    // Our own onResponse line replaces fastify's request logs (which would include URLs with query strings).
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy.length ? config.trustProxy : false,
    genReqId: () => crypto.randomUUID(),
    // No child logger per request (3 µs each): the product logs through ctx.log with the request id in
    // the fields it writes; fastify's own rare warnings go to the process logger without it.
    childLoggerFactory: (logger) => logger,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Errors raised before routing (a malformed URL such as /services/%FF) skip every hook: answer
    // them like any other error, with the security headers and without echoing the URL.
    frameworkErrors: (err, req, reply) => {
      applySecurityHeaders(reply, headers());
      reply.header('X-Request-Id', req.id);
      req.lang = safeRequestLang(req);
      return sendError(ctx, err, req, reply);
    },
    // Requests the HTTP parser refuses (bad header, header too large) never reach fastify.
    clientErrorHandler: (err, socket) => answerClientError(err, socket as Socket, headers(), config.publicBaseUrl),
  });
  installAuthenticators(app);
  installPages(app, publicPageGuard(ctx));
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  app.decorateRequest('lang', 'ja');
  // Before any module declares a route: in tests every JSON answer is checked against its schema.
  configureApi(app, { validateResponses: config.env === 'test' });
  // Every route of this app, for the test that requires each HTML route to be a declared page.
  const allRoutes: StaffRoute[] = [];
  allRouteLists.set(app, allRoutes);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') allRoutes.push({ method, url: r.url });
  });

  const limiter = new RateLimiter(config.rateLimit.perMinute, 60_000);
  // Signed provider notifications: 20 times the general budget, counted apart (see defineApi's signedNotifications).
  const notificationLimiter = new RateLimiter(config.rateLimit.perMinute * 20, 60_000);

  // The per-request hooks take `done` rather than returning a promise: fastify then runs them without a
  // promise and a microtask each (a few µs of every cached read); a throw still becomes the error answer.
  app.addHook('onRequest', (req, reply, done) => {
    // First of all, so that every answer carries them, errors included; a route may replace one.
    applySecurityHeaders(reply, headers());
    req.lang = requestLang(req);
    reply.header('X-Request-Id', req.id);
    const chosen = stringField(req.query, 'lang');
    if ((chosen === 'en' || chosen === 'ja') && req.cookies?.[LANG_COOKIE] !== chosen)
      reply.setCookie(LANG_COOKIE, chosen, {
        path: '/',
        sameSite: 'lax',
        maxAge: YEAR_SECONDS,
        httpOnly: true,
        secure: config.env === 'production',
      });
    if (req.url === '/healthz' || req.url === '/readyz' || req.url.startsWith('/assets/')) return done();
    const budget = req.routeOptions.config?.rateLimit === 'signed-notifications' ? notificationLimiter : limiter;
    const wait = budget.hit(req.ip, Date.now());
    if (wait > 0) {
      ctx.log.warn({ event: 'rate_limited', clientIp: req.ip, route: req.routeOptions.url }, 'client rate limited');
      throw errors.tooManyRequests(wait);
    }
    done();
  });

  // After the rate limit: one client's flood is that client's 429, not everybody's 503.
  installReadShedding(app, config.readShedding);

  // PostgreSQL cannot store U+0000 in text: refuse it in every parameter, query and parsed body.
  app.addHook('preValidation', (req, _reply, done) => {
    refuseNul({ params: req.params, query: req.query, body: req.body });
    done();
  });

  app.addHook('onSend', (req, reply, payload, done) => {
    const out = compressPayload(req, reply, payload);
    if (out instanceof Promise) out.then((compressed) => done(null, compressed), done);
    else done(null, out);
  });

  const requestLog = requestLoggerOf(ctx.log);
  app.addHook('onResponse', (req, reply, done) => {
    requestLog.info(
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
    done();
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
    const wanted = parseAssetPath(stringField(req.params, 'file') ?? '');
    const asset = wanted && findAsset(wanted.name);
    if (!asset) throw errors.notFound();
    // A hashed address never changes content; an old hash (a page cached across a deploy) gets today's file, briefly cached.
    reply.header('Cache-Control', wanted.hash === asset.hash ? `public, max-age=${YEAR_SECONDS}, immutable` : 'public, max-age=3600');
    reply.header('ETag', `"${asset.hash}"`);
    if (req.headers['if-none-match']?.split(',').some((t) => t.trim().replace(/^W\//, '') === `"${asset.hash}"`))
      return reply.code(304).send();
    return reply.type(asset.type).send(markStatic(asset.body));
  });
  // Browsers ask for /favicon.ico on their own (e.g. for a JSON answer); the icon is an SVG.
  app.get('/favicon.ico', async (_req, reply) => {
    reply.header('Cache-Control', 'public, max-age=86400');
    return reply.redirect(assetUrl('favicon.svg'), 301);
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
  app.get('/api/openapi.json', async () => openApiDocument(app, info));
  registerProblemDocs(app);
  return app;
}

export type StaffRoute = { method: string; url: string };
const staffRouteLists = new WeakMap<FastifyInstance, StaffRoute[]>();
const allRouteLists = new WeakMap<FastifyInstance, StaffRoute[]>();

/** Every route of a server (but HEAD), in registration order: tests check each HTML one is a declared page. */
export function listAllRoutes(app: FastifyInstance): StaffRoute[] {
  return allRouteLists.get(app) ?? [];
}

/** Every staff-only route (API and pages) of a server: the department-isolation tests walk these. */
export function listStaffRoutes(app: FastifyInstance): StaffRoute[] {
  return staffRouteLists.get(app) ?? [];
}

export function sendError(ctx: AppContext, err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const lang: Lang = req.lang ?? 'ja';
  let appErr: AppError;
  // Only set when responses are validated (tests): the developer reads the mismatch in `detail`.
  let contractViolation: string | undefined;
  if (err instanceof AppError) appErr = err;
  else if (isFastifyClientError(err)) appErr = clientError(err);
  else if (isDatabaseUnavailable(err)) {
    // Not a bug: logged once per outage (not a stack per request), answered "try again in a moment".
    reportDatabaseUnavailable(ctx.db, err, ctx.log);
    appErr = errors.unavailable(DATABASE_RETRY_AFTER_SECONDS);
  } else {
    if (err instanceof ResponseContractError) {
      contractViolation = err.message;
      ctx.log.error({ reqId: req.id, err }, `response contract violated: ${err.message}`);
    } else ctx.log.error({ reqId: req.id, err }, 'unhandled error');
    appErr = errors.internal();
  }
  // An error is never cached, even on a route that set a public cache policy before failing.
  reply.header('Cache-Control', 'no-store');
  const vars = { seconds: appErr.extra.retryAfterSeconds ?? 0 };
  if (appErr.extra.retryAfterSeconds) reply.header('Retry-After', String(appErr.extra.retryAfterSeconds));
  for (const [k, v] of Object.entries(appErr.extra.headers ?? {})) reply.header(k, v);
  // The person's message (variable: seconds, fields, which booking): the HTML page's heading, the problem's `detail`.
  const message = tr(lang, appErr.text, vars);
  const fieldErrors = (appErr.extra.fieldErrors ?? []).map((f) => ({ field: f.field, message: f.message[lang] }));
  if (wantsHtml(req)) {
    return reply
      .code(appErr.status)
      .type('text/html; charset=utf-8')
      .send(errorPage({ lang, status: appErr.status, title: message, fieldErrors, requestId: req.id }).toString());
  }
  return reply
    .code(appErr.status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: problemTypeUri(ctx.config.publicBaseUrl, appErr.code),
      // RFC 9457: constant per type; a code missing from the catalogue (a test fails on it) keeps its message
      title: problemType(appErr.code)?.title[lang] ?? message,
      status: appErr.status,
      detail: contractViolation ?? message,
      code: appErr.code,
      requestId: req.id,
      ...(fieldErrors.length ? { errors: fieldErrors } : {}),
    });
}

/**
 * Framework-level 4xx (malformed URL or body, too large, unsupported type) in the catalogue's words;
 * the request is never echoed. 413 covers fastify's body limit (FST_ERR_CTP_BODY_TOO_LARGE) and
 * @fastify/multipart's limits (FST_REQ_FILE_TOO_LARGE, FST_PARTS_LIMIT, FST_FILES_LIMIT,
 * FST_FIELDS_LIMIT); 415 fastify's FST_ERR_CTP_INVALID_MEDIA_TYPE (and a multipart request to a
 * route that takes none).
 */
function clientError(err: FastifyError): AppError {
  const status = err.statusCode ?? 400;
  if (status === 413 || TOO_LARGE.has(err.code)) return errors.payloadTooLarge();
  if (status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
    return errors.unsupportedMediaType();
  if (status === 404 || status === 405) return errors.notFound();
  return new AppError('bad_request', status, problemTypes.bad_request.title);
}

const TOO_LARGE = new Set([
  'FST_ERR_CTP_BODY_TOO_LARGE',
  'FST_REQ_FILE_TOO_LARGE',
  'FST_PARTS_LIMIT',
  'FST_FILES_LIMIT',
  'FST_FIELDS_LIMIT',
]);

function safeRequestLang(req: FastifyRequest): Lang {
  try {
    return requestLang(req);
  } catch {
    return 'ja'; // the URL could not be parsed: nothing to read the language from
  }
}

function answerClientError(err: NodeJS.ErrnoException, socket: Socket, headers: Record<string, string>, publicBaseUrl: string): void {
  if (!socket.writable) return void socket.destroy();
  const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify({
    type: problemTypeUri(publicBaseUrl, 'bad_request'),
    title: problemTypes.bad_request.title.ja,
    status,
    detail: status === 431 ? errorMessages.t('ja', 'headersTooLarge') : problemTypes.bad_request.title.ja,
    code: 'bad_request',
  });
  const lines = [
    `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}`,
    'Content-Type: application/problem+json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}

function isFastifyClientError(err: unknown): err is FastifyError {
  const status = (err as FastifyError)?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500;
}
