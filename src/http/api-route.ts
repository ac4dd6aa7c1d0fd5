/**
 * JSON API routes declared once: the same zod schemas validate the request, type the handler,
 * feed the OpenAPI 3.1 document at /api/openapi.json (committed as docs/openapi.json) and — in the
 * test environment — check every JSON answer against the schema declared for its status code.
 *
 * Routes are recorded per Fastify instance (not in a module-level array), so two apps in one process
 * (tests, the card site's internal zone) each document exactly what they serve.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate, type AuthMode, type StaffActor } from './actor.js';
import { parseOrThrow } from './validation.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request body documented but read by the handler (e.g. multipart/form-data with a binary part). */
type StreamedBody = { contentType: string; schema: Record<string, unknown> };

export type ResponseSpec = { description: string; schema?: z.ZodType; contentType?: string };

/**
 * Credentials a public route reads itself (the staff session is `auth: 'staff'`):
 * `reservationToken` is the booking's accessToken sent as `Authorization: Bearer <token>`;
 * `applicationToken` is an e-application's accessToken, sent the same way;
 * `facilitySession` is a childcare facility user's portal session (cookie, plus X-CSRF-Token on writes).
 */
export type ApiSecurity = 'reservationToken' | 'applicationToken' | 'facilitySession';

export type ApiRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, A extends AuthMode | 'public'> = {
  method: Method;
  /** Fastify path syntax: /api/v1/things/:id */
  url: string;
  summary: string;
  /** What a client needs to know beyond the summary (rules, side effects, audit); the document adds who may call it. */
  description?: string;
  tags: string[];
  auth: A;
  /** Credentials other than the staff session that the handler checks (documented as security schemes). */
  security?: readonly ApiSecurity[];
  /** Staff route usable before the password change / second factor is complete. */
  incompleteLogin?: boolean;
  /**
   * A provider's signed notifications (payment webhooks): the provider delivers from a few addresses
   * in bursts and retries, so they count against their own, larger per-address budget instead of the
   * citizens' one (an unsigned flood is still limited, and refused by the signature check).
   */
  signedNotifications?: boolean;
  /** A read answered 503 + Retry-After at once when the process is overloaded (src/http/read-shedding.ts). */
  sheddable?: boolean;
  /**
   * Runs when the request arrives, before its body is read or parsed: throw (errors.busy) to refuse it at once.
   * Booking routes refuse a rush here that their admission limiter would refuse anyway, so an overloaded
   * process spends nothing on a body it will not use.
   */
  admit?: () => void;
  body?: B;
  /**
   * A body the handler reads itself (a multipart upload, streamed under its own limits): documented in
   * OpenAPI as this content type and JSON Schema, never parsed by the declaration.
   */
  streamedBody?: StreamedBody;
  query?: Q;
  params?: P;
  headers?: Record<string, { description: string; required?: boolean }>;
  responses: Record<number, ResponseSpec>;
  handler: (input: {
    req: FastifyRequest;
    reply: FastifyReply;
    body: z.output<B>;
    query: z.output<Q>;
    params: z.output<P>;
    staff: A extends 'staff' ? StaffActor : undefined;
  }) => Promise<unknown>;
};

export type RegisteredApiRoute = {
  method: Method;
  url: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: AuthMode | 'public';
  security?: readonly ApiSecurity[];
  incompleteLogin?: boolean;
  body?: z.ZodType;
  streamedBody?: StreamedBody;
  query?: z.ZodType;
  params?: z.ZodType;
  headers?: Record<string, { description: string; required?: boolean }>;
  responses: Record<number, ResponseSpec>;
};

type ApiRegistry = { routes: RegisteredApiRoute[]; validateResponses: boolean };

// Keyed by the instance that configured it; encapsulated child instances (fastify plugins) inherit
// from their parent by prototype, so a lookup walks the chain and a plugin's routes land in its app.
const registries = new WeakMap<object, ApiRegistry>();

function registryOf(app: FastifyInstance): ApiRegistry {
  for (let a: object | null = app; a; a = Object.getPrototypeOf(a) as object | null) {
    const found = registries.get(a);
    if (found) return found;
  }
  const created: ApiRegistry = { routes: [], validateResponses: false };
  registries.set(app, created);
  return created;
}

/**
 * Sets up an app's API registry before modules add routes. `validateResponses` (on when
 * config.env is 'test') parses every JSON answer with its declared schema and turns a mismatch
 * into a 500 whose problem `detail` and log line name the route, the status and the wrong fields.
 */
export function configureApi(app: FastifyInstance, options: { validateResponses: boolean }): void {
  registryOf(app).validateResponses = options.validateResponses;
}

/** A JSON answer that does not match its declaration: a programming error, raised only when responses are validated. */
export class ResponseContractError extends Error {
  override name = 'ResponseContractError';
}

const none = z.object({}).passthrough();

export function defineApi<
  B extends z.ZodType = typeof none,
  Q extends z.ZodType = typeof none,
  P extends z.ZodType = typeof none,
  A extends AuthMode | 'public' = 'public',
>(app: FastifyInstance, route: ApiRoute<B, Q, P, A>): void {
  const registry = registryOf(app);
  if (!registry.routes.some((r) => r.method === route.method && r.url === route.url)) registry.routes.push(route);
  app.route({
    method: route.method,
    url: route.url,
    config: {
      ...(route.auth === 'public' ? {} : { auth: route.auth as AuthMode }),
      ...(route.signedNotifications ? { rateLimit: 'signed-notifications' as const } : {}),
      ...(route.sheddable ? { shed: 'read' as const } : {}),
    },
    ...(route.admit ? { onRequest: async () => route.admit?.() } : {}),
    ...(registry.validateResponses
      ? { onSend: async (_req: FastifyRequest, reply: FastifyReply, payload: unknown) => checkResponse(route, reply, payload) }
      : {}),
    handler: async (req, reply) => {
      const staff = route.auth === 'public' ? undefined : await authenticate(route.auth, req, route.incompleteLogin);
      const params = parseOrThrow(route.params ?? none, req.params ?? {});
      const query = parseOrThrow(route.query ?? none, req.query ?? {});
      const body = route.body ? parseOrThrow(route.body, req.body ?? {}) : {};
      const result = await route.handler({
        req,
        reply,
        body: body as z.output<B>,
        query: query as z.output<Q>,
        params: params as z.output<P>,
        staff: staff as A extends 'staff' ? StaffActor : undefined,
      });
      if (reply.sent) return reply;
      if (result === undefined) return reply.code(reply.statusCode === 200 ? 204 : reply.statusCode).send();
      return result;
    },
  });
}

/**
 * Runs as the route's own onSend hook, after serialisation: what is checked is exactly what the
 * client receives. Error answers (problem+json, 3xx–5xx) are the error handler's and are not checked
 * here; a compressed or streamed body is skipped (tests do not ask for compression).
 */
function checkResponse(route: RegisteredApiRoute, reply: FastifyReply, payload: unknown): unknown {
  const status = reply.statusCode;
  if (status >= 300) return payload;
  const where = `${route.method} ${route.url} answered ${status}`;
  const spec = route.responses[status];
  if (!spec)
    throw new ResponseContractError(`${where}, a status its declaration does not list (${Object.keys(route.responses).join(', ')})`);
  if (!spec.schema || status === 204) return payload;
  const type = String(reply.getHeader('content-type') ?? '');
  const declared = spec.contentType ?? 'application/json';
  if (!type.startsWith(declared)) throw new ResponseContractError(`${where} with Content-Type "${type}", declared "${declared}"`);
  if (!declared.includes('json') || reply.getHeader('content-encoding')) return payload;
  const text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
  if (text === undefined) return payload;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ResponseContractError(`${where} with a body that is not JSON`);
  }
  const r = spec.schema.safeParse(parsed);
  if (!r.success)
    throw new ResponseContractError(`${where} with a body that does not match its declared schema:\n${z.prettifyError(r.error)}`);
  return payload;
}

/** Routes declared on this app so far (for the OpenAPI document and for tests that walk every route). */
export function registeredApiRoutes(app: FastifyInstance): readonly RegisteredApiRoute[] {
  return registryOf(app).routes;
}

// ---- OpenAPI 3.1 -------------------------------------------------------------------------------

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

/**
 * Converts zod schemas to JSON Schema and lifts every schema registered with an id
 * (`.meta({ id })` in the modules' *.schemas.ts) into components.schemas. Request (input) and
 * response (output) forms of one schema can differ (defaults make a field optional in a request);
 * when they do, the request form is named `<id>Input`.
 */
class SchemaComponents {
  private readonly variants = new Map<string, Partial<Record<Io, string>>>();

  convert(schema: z.ZodType, io: Io): Json {
    const js = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
    delete js.$schema;
    const defs = (js.$defs ?? {}) as Record<string, Json>;
    delete js.$defs;
    for (const [id, def] of Object.entries(defs)) {
      const text = JSON.stringify(this.mark(def, io));
      const seen = this.variants.get(id) ?? {};
      if (seen[io] !== undefined && seen[io] !== text) throw new Error(`two different schemas use the OpenAPI id "${id}"`);
      seen[io] = text;
      this.variants.set(id, seen);
    }
    return this.mark(js, io);
  }

  private mark(js: Json, io: Io): Json {
    return JSON.parse(
      JSON.stringify(js).replace(/"#\/\$defs\/([^"]+)"/g, (_m, id: string) => `"#/components/schemas/${id}~${io}"`),
    ) as Json;
  }

  private nameOf(id: string, io: Io): string {
    const v = this.variants.get(id) ?? {};
    return io === 'input' && v.output !== undefined && v.input !== v.output ? `${id}Input` : id;
  }

  /** The components (sorted by name) and a function that resolves the markers in the whole document. */
  finish(): { schemas: Record<string, Json>; resolve: <T>(doc: T) => T } {
    const schemas: Record<string, Json> = {};
    for (const [id, v] of this.variants)
      for (const io of ['output', 'input'] as const) if (v[io] !== undefined) schemas[this.nameOf(id, io)] ??= JSON.parse(v[io]) as Json;
    const sorted = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
    const resolve = <T>(doc: T): T =>
      JSON.parse(
        JSON.stringify(doc).replace(
          /"#\/components\/schemas\/([^"~]+)~(input|output)"/g,
          (_m, id: string, io: Io) => `"#/components/schemas/${this.nameOf(id, io)}"`,
        ),
      ) as T;
    return { schemas: sorted, resolve };
  }
}

type ObjectSchema = { properties?: Record<string, Json>; required?: string[]; allOf?: ObjectSchema[] };

/** Properties of an object schema, intersections (allOf) merged: query strings are flat. */
function flatProperties(js: ObjectSchema): { properties: Record<string, Json>; required: string[] } {
  const parts = [js, ...(js.allOf ?? []).map(flatProperties)];
  return {
    properties: Object.assign({}, ...parts.map((p) => p.properties ?? {})) as Record<string, Json>,
    required: parts.flatMap((p) => p.required ?? []),
  };
}

function paramList(components: SchemaComponents, schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const { properties, required } = flatProperties(components.convert(schema, 'input') as ObjectSchema);
  return Object.entries(properties).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: where,
      required: where === 'path' || required.includes(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

const authText: Record<AuthMode | 'public', (r: RegisteredApiRoute) => string> = {
  public: (r) =>
    r.security?.includes('reservationToken')
      ? "For the booking's holder: send the accessToken from the booking's answer as `Authorization: Bearer <accessToken>`. A wrong number and a wrong token get the same 404."
      : r.security?.includes('applicationToken')
        ? "For the applicant: send the accessToken from the application's answer as `Authorization: Bearer <accessToken>`. A wrong reference number and a wrong token get the same 404."
        : r.security?.includes('facilitySession')
          ? [
              'Facility users only: the session cookie from `POST /api/v1/facility/session/otp`',
              r.method === 'GET' ? '.' : ', and the `X-CSRF-Token` header with the csrfToken from that answer.',
              " Every answer is scoped to the session's own facility.",
            ].join('')
          : 'Public: no authentication.',
  staff: (r) =>
    [
      'Staff only: the session cookie from `POST /api/v1/staff/session`',
      r.method === 'GET' ? '.' : ', and the `X-CSRF-Token` header with the csrfToken from that answer.',
      r.incompleteLogin ? ' Allowed while the log-in is incomplete (password change or second factor still due).' : '',
    ].join(''),
};

function securityOf(r: RegisteredApiRoute): Record<string, string[]>[] | undefined {
  if (r.auth === 'staff') return [r.method === 'GET' ? { staffSession: [] } : { staffSession: [], csrfToken: [] }];
  if (r.security?.includes('facilitySession'))
    return [r.method === 'GET' ? { facilitySession: [] } : { facilitySession: [], facilityCsrfToken: [] }];
  if (r.security?.length) return [Object.fromEntries(r.security.map((s) => [s, []]))];
  return undefined;
}

const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details. `title` is fixed per `type`; `detail` carries the particulars.',
  properties: {
    type: { type: 'string', format: 'uri', description: 'Documentation page of this kind of problem: <site>/problems/<code>' },
    title: { type: 'string', description: 'Short summary, the same for every problem of this type (in the request language)' },
    status: { type: 'integer', description: 'The HTTP status code' },
    detail: { type: 'string', description: 'This occurrence in words for the person (which booking, how many seconds to wait …)' },
    code: { type: 'string', description: 'Stable machine-readable code, the last segment of `type`' },
    requestId: { type: 'string', description: 'Quote this when asking for help; it is in the server log' },
    errors: {
      type: 'array',
      description: 'Field-level messages (validation_failed)',
      items: {
        type: 'object',
        properties: { field: { type: 'string', description: 'Dotted path of the field, e.g. fields.note' }, message: { type: 'string' } },
        required: ['field', 'message'],
      },
    },
  },
  required: ['type', 'title', 'status', 'code'],
};

export type OpenApiInfo = { title: string; version: string; description: string };

/** The OpenAPI 3.1 document of the routes declared on `app`. Deterministic: no clock, no configuration. */
export function openApiDocument(app: FastifyInstance, info: OpenApiInfo) {
  const components = new SchemaComponents();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registeredApiRoutes(app)) {
    const p = r.url.replace(/:(\w+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      description: [r.description, authText[r.auth](r)].filter(Boolean).join('\n\n'),
      tags: r.tags,
      operationId: `${r.method.toLowerCase()}${p.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string) => (c ? c.toUpperCase() : ''))}`,
      parameters: [
        ...paramList(components, r.params, 'path'),
        ...paramList(components, r.query, 'query'),
        ...Object.entries(r.headers ?? {}).map(([name, h]) => ({
          name,
          in: 'header',
          required: h.required ?? false,
          description: h.description,
          schema: { type: 'string' },
        })),
      ],
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([code, spec]) => [
          code,
          Number(code) >= 400 && !spec.schema
            ? {
                description: spec.description,
                content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
              }
            : {
                description: spec.description,
                ...(spec.schema || spec.contentType
                  ? {
                      content: {
                        [spec.contentType ?? 'application/json']: spec.schema ? { schema: components.convert(spec.schema, 'output') } : {},
                      },
                    }
                  : {}),
              },
        ]),
      ),
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: components.convert(r.body, 'input') } } };
    else if (r.streamedBody)
      op.requestBody = { required: true, content: { [r.streamedBody.contentType]: { schema: r.streamedBody.schema } } };
    const security = securityOf(r);
    if (security) op.security = security;
    const defaults = op.responses as Record<string, unknown>;
    defaults['422'] ??= { $ref: '#/components/responses/ValidationProblem' };
    defaults.default ??= { $ref: '#/components/responses/Problem' };
    (paths[p] ??= {})[r.method.toLowerCase()] = op;
  }
  const { schemas, resolve } = components.finish();
  return resolve({
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: { Problem: problemSchema, ...schemas },
      responses: {
        Problem: {
          description: 'RFC 9457 problem details',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
        ValidationProblem: {
          description: 'Field-level validation errors (RFC 9457)',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
      securitySchemes: {
        staffSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'madoguchi_staff',
          description: 'Staff session cookie set by POST /api/v1/staff/session',
        },
        csrfToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: 'The csrfToken of the staff session; required on every state-changing staff request',
        },
        reservationToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            "A booking's accessToken, returned once by POST /api/v1/reservations: it lets its holder read, change and cancel that booking",
        },
        facilitySession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'madoguchi_facility',
          description:
            'Facility portal session cookie, set by POST /api/v1/facility/session/otp after the password and the e-mailed one-time password',
        },
        facilityCsrfToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-CSRF-Token',
          description: 'The csrfToken of the facility session; required on every state-changing facility request',
        },
        applicationToken: {
          type: 'http',
          scheme: 'bearer',
          description:
            "An application's accessToken, returned once by POST /api/v1/applications: it lets the applicant follow and pay that application",
        },
      },
    },
  });
}
