import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import { z } from 'zod';
import { installAuthenticators, registerAuthenticator, type StaffActor } from './actor.js';
import { AppError, errors } from './errors.js';
import { publicPageGuard } from './form-csrf.js';
import { definePage, listDeclaredPages, redirect } from './page-route.js';
import { html } from '../web/html.js';

const ctx = { config: { env: 'test' }, secrets: { appSecret: Buffer.alloc(32, 7) } } as never;

const actor = (id: string): StaffActor => ({
  kind: 'staff',
  id,
  loginId: id,
  displayName: id,
  memberships: [],
  currentDepartmentId: null,
  isSysAdmin: false,
  sessionTokenHash: 'h',
  csrfToken: `csrf-${id}`,
  mustChangePassword: false,
  mfaPending: false,
  mfaSetupRequired: false,
  passwordRenewalDue: false,
});

async function app(declare: (app: FastifyInstance) => void): Promise<FastifyInstance> {
  const a = Fastify();
  installAuthenticators(a);
  const { installPages } = await import('./page-route.js');
  installPages(a, publicPageGuard(ctx));
  await a.register(cookie);
  await a.register(formbody);
  a.decorateRequest('lang', 'ja');
  // A stand-in for the staff authenticator: the cookie names the person; non-GET needs their token.
  registerAuthenticator(a, 'staff', async (req) => {
    const who = req.cookies.who;
    if (!who) throw errors.unauthenticated();
    const a = actor(who);
    if (req.method !== 'GET' && (req.body as Record<string, unknown> | undefined)?._csrf !== a.csrfToken) throw errors.csrf();
    return a;
  });
  a.setErrorHandler((err, _req, reply) => {
    if (err instanceof AppError) return reply.code(err.status).send(err.code);
    return reply.code(500).send(String(err));
  });
  declare(a);
  await a.ready();
  return a;
}

const form = (o: Record<string, string>) => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  payload: new URLSearchParams(o).toString(),
});

describe('definePage', () => {
  it('refuses to declare a public form without a CSRF rule', async () => {
    await assert.rejects(
      app((a) => definePage(a, { method: 'POST', url: '/x', summary: 'x', auth: 'public', handler: () => 'ok' })),
      /must declare csrf/,
    );
  });

  it('authenticates before the handler, and marks staff pages for the isolation test', async () => {
    let ran = 0;
    const a = await app((a) =>
      definePage(a, {
        method: 'GET',
        url: '/staff/thing',
        summary: 'a staff page',
        auth: 'staff',
        handler: ({ actor }) => {
          ran++;
          return html`<p>${actor.loginId}</p>`;
        },
      }),
    );
    assert.equal((await a.inject({ url: '/staff/thing' })).statusCode, 401);
    assert.equal(ran, 0);
    const ok = await a.inject({ url: '/staff/thing', cookies: { who: '<b>' } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.body, '<p>&lt;b&gt;</p>');
    assert.deepEqual(
      listDeclaredPages(a).map((p) => [p.url, p.auth]),
      [['/staff/thing', 'staff']],
    );
    assert.ok(a.hasRoute({ method: 'GET', url: '/staff/thing' }));
  });

  it('answers 404 when the policy says no, and when a parameter does not parse', async () => {
    const a = await app((a) =>
      definePage(a, {
        method: 'GET',
        url: '/staff/things/:id',
        summary: 'one thing',
        auth: 'staff',
        params: z.object({ id: z.uuid() }),
        allow: (actor, { params }) => actor.id === 'owner' && params.id.startsWith('0'),
        handler: ({ params }) => params.id,
      }),
    );
    const id = '00000000-0000-4000-8000-000000000000';
    assert.equal((await a.inject({ url: `/staff/things/${id}`, cookies: { who: 'owner' } })).statusCode, 200);
    assert.equal((await a.inject({ url: `/staff/things/${id}`, cookies: { who: 'other' } })).statusCode, 404);
    assert.equal((await a.inject({ url: '/staff/things/not-a-uuid', cookies: { who: 'owner' } })).statusCode, 404);
  });

  it('re-renders a refused form with field errors and everything typed, status 422', async () => {
    const a = await app((a) =>
      definePage(a, {
        method: 'POST',
        url: '/staff/things',
        summary: 'create a thing',
        auth: 'staff',
        body: z.object({ name: z.string().min(1).max(5), note: z.string() }),
        invalid: ({ raw, errors }) => JSON.stringify({ raw, errors }),
        handler: () => redirect('/staff/things'),
      }),
    );
    const bad = await a.inject({
      method: 'POST',
      url: '/staff/things',
      cookies: { who: 'u' },
      ...form({ _csrf: 'csrf-u', name: 'toolong', note: '<script>' }),
    });
    assert.equal(bad.statusCode, 422);
    const out = JSON.parse(bad.body) as { raw: Record<string, string>; errors: { field: string; message: string }[] };
    assert.deepEqual(out.raw, { name: 'toolong', note: '<script>' });
    assert.equal(out.errors[0]?.field, 'name');
    assert.match(out.errors[0]?.message ?? '', /5文字以内/);
    const good = await a.inject({
      method: 'POST',
      url: '/staff/things',
      cookies: { who: 'u' },
      ...form({ _csrf: 'csrf-u', name: 'ok', note: '' }),
    });
    assert.equal(good.statusCode, 303);
    assert.equal(good.headers.location, '/staff/things');
    const forged = await a.inject({ method: 'POST', url: '/staff/things', cookies: { who: 'u' }, ...form({ name: 'ok', note: '' }) });
    assert.equal(forged.statusCode, 403);
  });

  it("checks a public form's anonymous token against its cookie", async () => {
    const a = await app((a) => {
      definePage(a, { method: 'GET', url: '/ask', summary: 'form', auth: 'public', handler: ({ csrf }) => csrf });
      definePage(a, {
        method: 'POST',
        url: '/ask',
        summary: 'send',
        auth: 'public',
        csrf: 'form',
        body: z.object({ q: z.string() }),
        handler: ({ body }) => `got ${body.q}`,
      });
    });
    const page = await a.inject({ url: '/ask' });
    const cookieValue = page.cookies.find((c) => c.name === 'madoguchi_form')?.value;
    assert.ok(cookieValue);
    const token = page.body;
    const ok = await a.inject({
      method: 'POST',
      url: '/ask',
      cookies: { madoguchi_form: cookieValue },
      ...form({ _csrf: token, q: 'hi' }),
    });
    assert.equal(ok.body, 'got hi');
    // Without the cookie, with another browser's cookie, or without the token: refused before the handler.
    assert.equal((await a.inject({ method: 'POST', url: '/ask', ...form({ _csrf: token, q: 'hi' }) })).statusCode, 403);
    const other = 'A'.repeat(32);
    assert.equal(
      (await a.inject({ method: 'POST', url: '/ask', cookies: { madoguchi_form: other }, ...form({ _csrf: token, q: 'hi' }) })).statusCode,
      403,
    );
    assert.equal(
      (await a.inject({ method: 'POST', url: '/ask', cookies: { madoguchi_form: cookieValue }, ...form({ q: 'hi' }) })).statusCode,
      403,
    );
  });
});
