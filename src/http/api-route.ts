/**
 * JSON API routes declared once: the same zod schemas validate the request, type the handler and
 * feed the OpenAPI 3.1 document at /api/openapi.json.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { authenticate, type AuthMode, type StaffActor } from './actor.js';
import { parseOrThrow } from './validation.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export type ResponseSpec = { description: string; schema?: z.ZodType; contentType?: string };

export type ApiRoute<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType, A extends AuthMode | 'public'> = {
  method: Method;
  /** Fastify path syntax: /api/v1/things/:id */
  url: string;
  summary: string;
  tags: string[];
  auth: A;
  /** Staff route usable before the password change / second factor is complete. */
  incompleteLogin?: boolean;
  body?: B;
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

type Registered = {
  method: Method;
  url: string;
  summary: string;
  tags: string[];
  auth: AuthMode | 'public';
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  headers?: Record<string, { description: string; required?: boolean }>;
  responses: Record<number, ResponseSpec>;
};

const registry: Registered[] = [];
const none = z.object({}).passthrough();

export function defineApi<
  B extends z.ZodType = typeof none,
  Q extends z.ZodType = typeof none,
  P extends z.ZodType = typeof none,
  A extends AuthMode | 'public' = 'public',
>(app: FastifyInstance, route: ApiRoute<B, Q, P, A>): void {
  if (!registry.some((r) => r.method === route.method && r.url === route.url)) registry.push(route);
  app.route({
    method: route.method,
    url: route.url,
    config: route.auth === 'public' ? {} : { auth: route.auth as AuthMode },
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

/** Routes declared so far (for the OpenAPI document and for tests that walk every staff route). */
export function registeredApiRoutes(): readonly Registered[] {
  return registry;
}

const toSchema = (s: z.ZodType, io: 'input' | 'output') =>
  z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Record<string, unknown>;

function paramList(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const js = toSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (js.required ?? []).includes(name),
    schema: s,
  }));
}

export function openApiDocument(info: { title: string; version: string; description: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of registry) {
    const p = r.url.replace(/:(\w+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      tags: r.tags,
      operationId: `${r.method.toLowerCase()}${p.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string) => (c ? c.toUpperCase() : ''))}`,
      parameters: [
        ...paramList(r.params, 'path'),
        ...paramList(r.query, 'query'),
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
          {
            description: spec.description,
            ...(spec.schema || spec.contentType
              ? {
                  content: {
                    [spec.contentType ?? 'application/json']: spec.schema ? { schema: toSchema(spec.schema, 'output') } : {},
                  },
                }
              : {}),
          },
        ]),
      ),
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: toSchema(r.body, 'input') } } };
    if (r.auth === 'staff') op.security = [{ staffSession: [], csrfToken: [] }];
    const defaults = op.responses as Record<string, unknown>;
    defaults['422'] ??= { $ref: '#/components/responses/ValidationProblem' };
    defaults.default ??= { $ref: '#/components/responses/Problem' };
    (paths[p] ??= {})[r.method.toLowerCase()] = op;
  }
  const problem = {
    type: 'object',
    properties: {
      type: { type: 'string' },
      title: { type: 'string' },
      status: { type: 'integer' },
      detail: { type: 'string' },
      code: { type: 'string' },
      requestId: { type: 'string' },
      errors: {
        type: 'array',
        items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } }, required: ['field', 'message'] },
      },
    },
    required: ['type', 'title', 'status'],
  };
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: { Problem: problem },
      responses: {
        Problem: { description: 'RFC 9457 problem details', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
        ValidationProblem: { description: 'Field-level validation errors (RFC 9457)', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
      securitySchemes: {
        staffSession: { type: 'apiKey', in: 'cookie', name: 'madoguchi_staff', description: 'Staff session cookie from POST /api/v1/staff/session' },
        csrfToken: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'Required on every state-changing staff request' },
      },
    },
  };
}
