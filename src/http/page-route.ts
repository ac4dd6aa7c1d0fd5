/**
 * HTML pages declared once, like JSON API routes (api-route.ts): who may open the page, the module's
 * policy check, zod schemas for params, query and form body, CSRF for every state-changing form, and
 * the handler that renders. Enforcement comes from the declaration — one preHandler authenticates,
 * checks CSRF, parses and asks the policy before the handler runs — so a page cannot be open by
 * omission, and the department-isolation test walks the same declarations (listDeclaredPages).
 *
 * Who a page is for is a named guard. 'public' (anyone) and 'staff' are built in; modules register
 * their own (the card booking site's session, My Page, LINE) with registerPageGuard and add the
 * actor's type to PageActors by declaration merging.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyContextConfig } from 'fastify';
import { z } from 'zod';
import { authenticate, type StaffActor } from './actor.js';
import { sentCsrfToken } from './csrf.js';
import { AppError, errors, type FieldError } from './errors.js';
import type { Lang } from './i18n.js';
import { fieldErrorsOf } from './validation.js';
import { SafeHtml } from '../web/html.js';

/** The actor each guard yields. Modules add theirs: `declare module '…/page-route.js' { interface PageActors { … } }`. */
export interface PageActors {
  public: undefined;
  staff: StaffActor;
}
export type PageAuth = keyof PageActors;

/** How a guard knows its visitor and protects its forms. */
export type PageGuard<A> = {
  /** Returns the actor, or throws (an AppError: 401/404, or a 303 redirect to its log-in). */
  authenticate(req: FastifyRequest, reply: FastifyReply, options: { incomplete: boolean }): Promise<A>;
  /** The CSRF token to put in this visitor's forms (may set a cookie on the reply). */
  csrfToken(req: FastifyRequest, reply: FastifyReply, actor: A): string;
  /** True when the token sent with a state-changing request is this visitor's (timing-safe). */
  verifyCsrf(req: FastifyRequest, actor: A, sent: string): boolean | Promise<boolean>;
};

type AnyGuard = PageGuard<unknown>;

declare module 'fastify' {
  interface FastifyInstance {
    /** This app's page guards (shared by reference with every encapsulated child scope). */
    pageGuards: Map<string, AnyGuard>;
    /** Every page declared on this app, in declaration order. */
    declaredPages: DeclaredPage[];
  }
}

/** The staff guard: the staff authenticator already checks the session's CSRF token on non-GET requests. */
const staffGuard: PageGuard<StaffActor> = {
  authenticate: (req, _reply, o) => authenticate('staff', req, o.incomplete),
  csrfToken: (_req, _reply, actor) => actor.csrfToken,
  verifyCsrf: () => true,
};

/** Gives an app its page registries; buildServer calls it before any module registers. */
export function installPages(app: FastifyInstance, publicGuard: PageGuard<undefined>): void {
  if (app.hasDecorator('pageGuards')) return;
  app.decorate(
    'pageGuards',
    new Map<string, AnyGuard>([
      ['staff', staffGuard as AnyGuard],
      ['public', publicGuard as AnyGuard],
    ]),
  );
  app.decorate('declaredPages', [] as DeclaredPage[]);
}

export function registerPageGuard<K extends PageAuth>(app: FastifyInstance, name: K, guard: PageGuard<PageActors[K]>): void {
  app.pageGuards.set(name, guard as AnyGuard);
}

/** What a page handler returns. */
export type PageResult =
  | string
  | SafeHtml
  | { html: string | SafeHtml; status?: number }
  | { redirect: string; status?: 302 | 303 }
  /** The handler sent the reply itself (a file download). */
  | { sent: true };

export const redirect = (to: string, status: 302 | 303 = 303): PageResult => ({ redirect: to, status });
export const sent: PageResult = { sent: true };

/**
 * 'session': the token bound to the visitor's session (guards other than 'public');
 * 'form': the anonymous form token bound to a browser cookie (public forms);
 * { exempt }: no token, with the reason written down (e.g. a log-in form rate-limited per account).
 */
export type CsrfRule = 'session' | 'form' | { exempt: string };

export type PageInput<A extends PageAuth, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  req: FastifyRequest;
  reply: FastifyReply;
  lang: Lang;
  actor: PageActors[A];
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  /** The CSRF token for forms on the rendered page. */
  csrf: string;
};

export type InvalidInput<A extends PageAuth, P extends z.ZodType> = Omit<PageInput<A, P, z.ZodType, z.ZodType>, 'body' | 'query'> & {
  /** Everything the person typed (the form body of a POST, the query of a GET search form), as strings, to show again. */
  raw: Record<string, string>;
  errors: { field: string; message: string }[];
};

export type PageDeclaration<A extends PageAuth, P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> = {
  method: 'GET' | 'POST';
  /** Fastify path syntax: /staff/things/:id */
  url: string;
  /** One line for the developer reading the list of pages (not shown to users). */
  summary: string;
  auth: A;
  /** Staff page usable before the password change / second factor is complete. */
  incompleteLogin?: boolean;
  params?: P;
  query?: Q;
  body?: B;
  /** Required on POST. Default for a guarded page: 'session'; a public POST must say 'form' or exempt. */
  csrf?: CsrfRule;
  /**
   * The module's policy check (call its *.policy.ts). false → 404 (the page does not exist for this
   * actor), unless `deny` says 403.
   */
  allow?: (actor: PageActors[A], input: { params: z.output<P>; query: z.output<Q> }) => boolean | Promise<boolean>;
  deny?: 403 | 404;
  /**
   * Renders the form again with field errors (status 422) when the body (POST) or the query (GET search
   * form) does not parse. Without it: a 422 error page for a body, a 404 for a query.
   */
  invalid?: (input: InvalidInput<A, P>) => Promise<PageResult> | PageResult;
  /**
   * A refused CSRF token shows the form again through `invalid` (status 403, with what was typed and a
   * fresh token, the refusal as an error with field '_csrf') instead of the error page: for a log-in
   * form, where a page left open too long is common.
   */
  csrfRefusalShowsForm?: boolean;
  /** Route options passed through (e.g. uploadMaxBytes for upload routes). */
  routeConfig?: Omit<FastifyContextConfig, 'auth'>;
  handler: (input: PageInput<A, P, Q, B>) => Promise<PageResult> | PageResult;
};

export type DeclaredPage = {
  method: 'GET' | 'POST';
  url: string;
  summary: string;
  auth: string;
  csrf: CsrfRule | 'none';
  hasPolicy: boolean;
};

const none = z.object({}).passthrough();

/** What the person typed, as strings (repeated fields joined by a newline), without the CSRF token. */
function rawStrings(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object')
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === '_csrf') continue;
      if (typeof v === 'string') out[k] = v;
      else if (Array.isArray(v)) out[k] = v.filter((x) => typeof x === 'string').join('\n');
    }
  return out;
}

function parsePart<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input ?? {});
  // A malformed id or query on a page is a page that does not exist, not a form error.
  if (!r.success) throw errors.notFound();
  return r.data;
}

function withStatus(result: PageResult, status: number): PageResult {
  if (typeof result === 'string' || result instanceof SafeHtml) return { html: result, status };
  if ('html' in result) return { ...result, status: result.status ?? status };
  return result;
}

export async function sendPageResult(reply: FastifyReply, result: PageResult): Promise<FastifyReply> {
  if (reply.sent) return reply;
  if (typeof result === 'string') return reply.type('text/html; charset=utf-8').send(result);
  if ('sent' in result) return reply;
  if ('redirect' in result)
    return reply
      .code(result.status ?? 303)
      .header('Location', result.redirect)
      .send();
  if ('html' in result)
    return reply
      .code(result.status ?? 200)
      .type('text/html; charset=utf-8')
      .send(String(result.html));
  return reply.type('text/html; charset=utf-8').send(String(result));
}

export function definePage<
  A extends PageAuth,
  P extends z.ZodType = typeof none,
  Q extends z.ZodType = typeof none,
  B extends z.ZodType = typeof none,
>(app: FastifyInstance, page: PageDeclaration<A, P, Q, B>): void {
  const csrf: CsrfRule | 'none' = page.method === 'GET' ? 'none' : (page.csrf ?? (page.auth === 'public' ? 'none' : 'session'));
  if (csrf === 'none' && page.method !== 'GET')
    throw new Error(`${page.method} ${page.url}: a public form must declare csrf: 'form' or { exempt: '<reason>' }`);
  if (csrf === 'session' && page.auth === 'public')
    throw new Error(`${page.method} ${page.url}: a public page has no session; use csrf: 'form'`);
  if (page.method === 'GET' && page.body) throw new Error(`GET ${page.url}: a GET page has no body`);
  const guardOf = (req: FastifyRequest): AnyGuard => {
    const g = req.server.pageGuards?.get(page.auth);
    if (!g) throw new Error(`No page guard '${page.auth}' registered on this app (for ${page.url})`);
    return g;
  };
  app.declaredPages.push({ method: page.method, url: page.url, summary: page.summary, auth: page.auth, csrf, hasPolicy: !!page.allow });
  app.route({
    method: page.method,
    url: page.url,
    config: { ...(page.routeConfig ?? {}), ...(page.auth === 'staff' ? { auth: 'staff' as const } : {}) },
    handler: async (req, reply) => {
      const guard = guardOf(req);
      const actor = await guard.authenticate(req, reply, { incomplete: page.incompleteLogin ?? false });
      let csrfRefused = false;
      if (csrf !== 'none' && typeof csrf !== 'object') {
        const formGuard = csrf === 'form' ? (req.server.pageGuards.get('public') as AnyGuard) : guard;
        if (!(await formGuard.verifyCsrf(req, csrf === 'form' ? undefined : actor, sentCsrfToken(req)))) {
          if (!(page.csrfRefusalShowsForm && page.invalid)) throw errors.csrf();
          csrfRefused = true;
        }
      }
      const params = parsePart(page.params ?? none, req.params) as z.output<P>;
      const lang = req.lang;
      const renderInvalid = async (input: unknown, error: z.ZodError | AppError, status = 422) => {
        const fieldErrors: FieldError[] = error instanceof AppError ? [{ field: '_csrf', message: error.text }] : fieldErrorsOf(error);
        const result = await page.invalid!({
          req,
          reply,
          lang,
          actor: actor as PageActors[A],
          params,
          csrf: guard.csrfToken(req, reply, actor),
          raw: rawStrings(input),
          errors: fieldErrors.map((f) => ({ field: f.field, message: f.message[lang] })),
        });
        return sendPageResult(reply, withStatus(result, status));
      };
      if (csrfRefused) return renderInvalid(req.body, errors.csrf(), 403);
      const q = (page.query ?? none).safeParse(req.query ?? {});
      if (!q.success && !(page.invalid && page.method === 'GET')) throw errors.notFound();
      if (page.allow && !(await page.allow(actor as PageActors[A], { params, query: (q.success ? q.data : {}) as z.output<Q> })))
        throw page.deny === 403 ? errors.forbidden() : errors.notFound();
      if (!q.success) return renderInvalid(req.query, q.error);
      const query = q.data as z.output<Q>;
      const base = { req, reply, lang, actor: actor as PageActors[A], params, query, csrf: guard.csrfToken(req, reply, actor) };
      let body = {} as z.output<B>;
      if (page.body) {
        const r = page.body.safeParse(req.body ?? {});
        if (!r.success) {
          if (!page.invalid) throw errors.validation(fieldErrorsOf(r.error));
          return renderInvalid(req.body, r.error);
        }
        body = r.data;
      }
      return sendPageResult(reply, await page.handler({ ...base, body }));
    },
  });
}

/** Every page declared on an app (for tests that walk them all, and for docs). */
export function listDeclaredPages(app: FastifyInstance): readonly DeclaredPage[] {
  return app.declaredPages ?? [];
}

/** Field errors of a refused operation, in the page's language (for re-rendering a form after an AppError with field errors). */
export function pageErrorsOf(err: AppError, lang: Lang): { field: string; message: string }[] {
  return (err.extra.fieldErrors ?? []).map((f) => ({ field: f.field, message: f.message[lang] }));
}
