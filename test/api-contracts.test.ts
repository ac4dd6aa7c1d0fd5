/**
 * The API's contracts can fail: answers are checked against their declared schemas in tests, each
 * app documents only its own routes, problems carry a documented `type`, a constant `title` and the
 * particulars in `detail`, and every problem code the source raises is in the catalogue.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { defineApi, registeredApiRoutes } from '../src/http/api-route.js';
import { problemTypes } from '../src/http/errors.js';
import { startTestApp, type TestApp } from './helpers.js';

describe('API contracts', () => {
  let app: TestApp;
  let other: TestApp;
  before(async () => {
    app = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://city.example.jp', RATE_LIMIT_PER_MINUTE: '100000' } });
    other = await startTestApp();
    const thing = z.object({ id: z.string(), count: z.number().int() });
    defineApi(app.server, {
      method: 'GET',
      url: '/api/test/contract/:mode',
      summary: 'test',
      tags: ['test'],
      auth: 'public',
      params: z.object({ mode: z.string() }),
      responses: { 200: { description: 'ok', schema: thing } },
      handler: async ({ params, reply }) => {
        if (params.mode === 'created') reply.code(201);
        return params.mode === 'good' ? { id: 'a', count: 1 } : { id: 'a', count: 'one' };
      },
    });
  });
  after(async () => {
    await app.close();
    await other.close();
  });

  it('answers a response that matches its schema as it is', async () => {
    const r = await app.server.inject({ url: '/api/test/contract/good' });
    assert.equal(r.statusCode, 200);
    assert.deepEqual(r.json(), { id: 'a', count: 1 });
  });

  it('turns a response that does not match its schema into a 500 naming the route and the field', async () => {
    const r = await app.server.inject({ url: '/api/test/contract/bad' });
    assert.equal(r.statusCode, 500);
    assert.equal(r.json().code, 'internal_error');
    assert.match(r.json().detail, /GET \/api\/test\/contract\/:mode answered 200 with a body that does not match/);
    assert.match(r.json().detail, /count/);
  });

  it('turns a success status the declaration does not list into a 500', async () => {
    const r = await app.server.inject({ url: '/api/test/contract/created' });
    assert.equal(r.statusCode, 500);
    assert.match(r.json().detail, /answered 201, a status its declaration does not list/);
  });

  it('keeps each app its own routes and document', async () => {
    assert.ok(registeredApiRoutes(app.server).some((r) => r.url === '/api/test/contract/:mode'));
    assert.ok(!registeredApiRoutes(other.server).some((r) => r.url === '/api/test/contract/:mode'));
    const mine = (await app.server.inject({ url: '/api/openapi.json' })).json();
    const theirs = (await other.server.inject({ url: '/api/openapi.json' })).json();
    assert.ok(mine.paths['/api/test/contract/{mode}']);
    assert.equal(theirs.paths['/api/test/contract/{mode}'], undefined);
    assert.ok(theirs.paths['/api/v1/services']);
  });

  it('documents the booking token as an http bearer scheme, not a header parameter', async () => {
    const doc = (await other.server.inject({ url: '/api/openapi.json' })).json();
    assert.deepEqual(doc.components.securitySchemes.reservationToken.type, 'http');
    assert.equal(doc.components.securitySchemes.reservationToken.scheme, 'bearer');
    const get = doc.paths['/api/v1/reservations/{reservationNumber}'].get;
    assert.deepEqual(get.security, [{ reservationToken: [] }]);
    assert.ok(!get.parameters.some((p: { name: string }) => p.name.toLowerCase() === 'authorization'));
    assert.equal(get.responses['200'].content['application/json'].schema.$ref, '#/components/schemas/Reservation');
    assert.ok(doc.components.schemas.Reservation.properties.status.$ref, 'nested ids become references too');
  });

  it('gives 429 a constant title, the wait in detail and Retry-After, and a type that resolves to a page', async () => {
    const limited = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://city.example.jp', RATE_LIMIT_PER_MINUTE: '10' } });
    try {
      let r;
      for (let i = 0; i < 12; i++) r = await limited.server.inject({ url: '/api/v1/services', remoteAddress: '10.1.1.1' });
      assert.equal(r?.statusCode, 429);
      const p = r!.json();
      const wait = Number(r!.headers['retry-after']);
      assert.ok(wait > 0);
      assert.equal(p.title, problemTypes.too_many_requests.title.ja);
      assert.ok(!/\d/.test(p.title), 'the title carries no number');
      assert.match(p.detail, new RegExp(`${wait}秒`));
      assert.equal(p.type, 'https://city.example.jp/problems/too_many_requests');
    } finally {
      await limited.close();
    }
    const ja = await app.server.inject({ url: '/problems/too_many_requests', headers: { accept: 'text/html' } });
    assert.equal(ja.statusCode, 200);
    assert.match(ja.body, /アクセスが集中しています。/);
    assert.match(ja.body, /Retry-After/);
    const en = await app.server.inject({ url: '/problems/too_many_requests?lang=en', headers: { accept: 'text/html' } });
    assert.match(en.body, /Too many requests\./);
    assert.equal((await app.server.inject({ url: '/problems/no_such_code', headers: { accept: 'text/html' } })).statusCode, 404);
  });

  it('maps a body over the limit to payload_too_large (413) and an unsupported type to unsupported_media_type (415)', async () => {
    const big = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
    });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().code, 'payload_too_large');
    assert.equal(big.json().type, 'https://city.example.jp/problems/payload_too_large');
    const typed = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers: { 'content-type': 'application/xml' },
      payload: '<booking/>',
    });
    assert.equal(typed.statusCode, 415);
    assert.equal(typed.json().code, 'unsupported_media_type');
    assert.equal(typed.json().title, problemTypes.unsupported_media_type.title.ja);
  });

  it('has a catalogue entry for every problem code the source raises', () => {
    const root = path.resolve(import.meta.dirname, '../src');
    const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    const found = new Set<string>();
    const patterns = [
      /new AppError\(\s*'([a-z_]+)'/g,
      /errors\.conflict\(\s*'([a-z_]+)'/g,
      /new AppError\(\s*[^,']*\?\s*'([a-z_]+)'\s*:\s*'([a-z_]+)'/g, // a ternary of two codes (lockout)
      /\?\s*\[\s*'([a-z_]+)',\s*'\/staff\//g, // ? [code, location] steps of an incomplete staff log-in
    ];
    for (const f of files) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      for (const re of patterns) for (const m of text.matchAll(re)) for (const code of m.slice(1)) if (code) found.add(code);
    }
    assert.ok(found.size > 20, `scanned codes: ${[...found].join(', ')}`);
    const missing = [...found].filter((c) => !Object.hasOwn(problemTypes, c));
    assert.deepEqual(missing, [], `add these codes to problemTypes in src/http/errors.ts: ${missing.join(', ')}`);
  });
});
