import assert from 'node:assert/strict';
import net from 'node:net';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { z } from 'zod';
import { dbKind, startTestApp, type TestApp } from '../../test/helpers.js';
import { defineApi } from './api-route.js';

describe('HTTP server', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '30' } });
  });
  after(() => app.close());

  it('answers liveness and readiness', async () => {
    const live = await app.server.inject({ url: '/healthz' });
    assert.equal(live.statusCode, 200);
    const ready = await app.server.inject({ url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.equal(ready.json().status, 'ready');
  });

  it('sets security headers and a request id on every response, errors included', async () => {
    for (const url of ['/healthz', '/no-such-page']) {
      const r = await app.server.inject({ url });
      const csp = String(r.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      assert.equal(r.headers['referrer-policy'], 'no-referrer');
      assert.equal(r.headers['x-frame-options'], 'DENY');
      assert.equal(r.headers['cache-control'], 'no-store');
      assert.match(String(r.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      assert.equal(r.headers['strict-transport-security'], undefined, 'HSTS only in production');
    }
  });

  const assertSecurityHeaders = (headers: Record<string, unknown>, where: string) => {
    assert.match(String(headers['content-security-policy']), /frame-ancestors 'none'/, where);
    assert.equal(headers['x-content-type-options'], 'nosniff', where);
    assert.equal(headers['x-frame-options'], 'DENY', where);
    assert.equal(headers['cross-origin-opener-policy'], 'same-origin', where);
    assert.equal(headers['cross-origin-resource-policy'], 'same-origin', where);
    assert.equal(headers['cache-control'], 'no-store', where);
  };

  it('answers a malformed URL with the security headers and a problem that does not echo the URL', async () => {
    const r = await app.server.inject({ url: '/services/%FF%3Cscript%3E' });
    assert.equal(r.statusCode, 400);
    assertSecurityHeaders(r.headers, 'bad URL');
    assert.match(String(r.headers['x-request-id']), /^[0-9a-f-]{36}$/);
    assert.match(String(r.headers['content-type']), /application\/problem\+json/);
    assert.equal(r.json().title, 'リクエストの形式が正しくありません。');
    assert.doesNotMatch(r.body, /%FF|script|services/i);
    const page = await app.server.inject({ url: '/services/%FF', headers: { accept: 'text/html', 'accept-language': 'en' } });
    assert.equal(page.statusCode, 400);
    assertSecurityHeaders(page.headers, 'bad URL, HTML');
    assert.match(page.body, /<html lang="en">/);
    assert.match(page.body, /The request is malformed/);
  });

  it('answers an oversized or unsupported body with the security headers and the catalogue problem', async () => {
    const big = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers: { 'content-type': 'application/json' },
      payload: `{"a":"${'x'.repeat(1024 * 1024 + 10)}"}`,
    });
    assert.equal(big.statusCode, 413);
    assertSecurityHeaders(big.headers, '413');
    assert.equal(big.json().code, 'payload_too_large');
    const odd = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      headers: { 'content-type': 'application/x-madoguchi' },
      payload: 'x',
    });
    assert.equal(odd.statusCode, 415);
    assertSecurityHeaders(odd.headers, '415');
    assert.equal(odd.json().code, 'unsupported_media_type');
  });

  it('answers a request the HTTP parser refuses with the security headers', async () => {
    // The same app, now also on a port (a raw socket is the only way to send what the parser refuses).
    const { port } = new URL(await app.server.listen({ port: 0, host: '127.0.0.1' }));
    const raw = await new Promise<string>((resolve, reject) => {
      let data = '';
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n'));
      socket.on('data', (d) => (data += String(d)));
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    assert.match(raw, /^HTTP\/1\.1 400/);
    assert.match(raw, /X-Content-Type-Options: nosniff/);
    assert.match(raw, /Content-Security-Policy: default-src 'self'/);
    assert.match(raw, /application\/problem\+json/);
  });

  it('sets a long-lived lang cookie when the language is chosen, so later pages stay in it', async () => {
    const chosen = await app.server.inject({ url: '/no-such-page?lang=en', headers: { accept: 'text/html' } });
    const cookie = String(chosen.headers['set-cookie']);
    assert.match(cookie, /^lang=en;/);
    assert.match(cookie, /SameSite=Lax/i);
    assert.match(cookie, /Path=\//);
    const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie)?.[1]);
    assert.ok(maxAge >= 180 * 86_400, `long-lived: ${cookie}`);
    const later = await app.server.inject({ url: '/another-page', headers: { accept: 'text/html', cookie: 'lang=en' } });
    assert.match(later.body, /<html lang="en">/);
    assert.equal(later.headers['set-cookie'], undefined, 'no cookie when nothing changes');
  });

  it('gives an error page its own title, not the title of the page before', async () => {
    const r = await app.server.inject({ url: '/no-such-page', headers: { accept: 'text/html' } });
    assert.match(r.body, /<title>見つかりません \| /);
    const bad = await app.server.inject({ url: '/services/%FF', headers: { accept: 'text/html' } });
    assert.match(bad.body, /<title>エラー: リクエストの形式が正しくありません。 \| /);
  });

  it('serves assets at content-hashed URLs, cacheable for a year, with ETag revalidation', async () => {
    const page = await app.server.inject({ url: '/no-such-page', headers: { accept: 'text/html' } });
    const css = /href="(\/assets\/app\.[0-9a-f]{12}\.css)"/.exec(page.body)?.[1];
    assert.ok(css, 'the page links the hashed stylesheet');
    const r = await app.server.inject({ url: css });
    assert.equal(r.statusCode, 200);
    assert.match(String(r.headers['content-type']), /text\/css/);
    assert.equal(r.headers['cache-control'], 'public, max-age=31536000, immutable');
    const etag = String(r.headers.etag);
    const again = await app.server.inject({ url: css, headers: { 'if-none-match': etag } });
    assert.equal(again.statusCode, 304);
    const plain = await app.server.inject({ url: '/assets/app.css' });
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['cache-control'], 'public, max-age=3600');
    const missing = await app.server.inject({ url: '/assets/nothing.0123456789ab.css' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.headers['cache-control'], 'no-store');
  });

  it('has an icon: linked from every page and at /favicon.ico', async () => {
    const page = await app.server.inject({ url: '/no-such-page', headers: { accept: 'text/html' } });
    const icon = /<link rel="icon" href="([^"]+)" type="image\/svg\+xml">/.exec(page.body)?.[1];
    assert.ok(icon);
    const svg = await app.server.inject({ url: icon });
    assert.equal(svg.statusCode, 200);
    assert.match(String(svg.headers['content-type']), /image\/svg\+xml/);
    const ico = await app.server.inject({ url: '/favicon.ico' });
    assert.equal(ico.statusCode, 301);
    assert.equal(ico.headers.location, icon);
    assert.match(String(ico.headers['cache-control']), /public, max-age=\d+/);
  });

  it('compresses text answers of 1 KB or more, never a streamed download', async () => {
    const css = await app.server.inject({ url: '/assets/app.css', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(css.headers['content-encoding'], 'br');
    assert.match(String(css.headers.vary), /Accept-Encoding/);
    const plain = await app.server.inject({ url: '/assets/app.css' });
    assert.equal(zlib.brotliDecompressSync(css.rawPayload).toString(), plain.body);
    assert.ok(css.rawPayload.length < plain.rawPayload.length / 2);

    const page = await app.server.inject({ url: '/no-such-page', headers: { accept: 'text/html', 'accept-encoding': 'gzip' } });
    assert.equal(page.headers['content-encoding'], 'gzip');
    assert.match(zlib.gunzipSync(page.rawPayload).toString(), /見つかりません/);

    const small = await app.server.inject({ url: '/healthz', headers: { 'accept-encoding': 'gzip' } });
    assert.equal(small.headers['content-encoding'], undefined, 'below 1 KB: not worth it');
  });

  it('answers unknown API paths with RFC 9457 problem+json in Japanese, English on request', async () => {
    const ja = await app.server.inject({ url: '/api/v1/nothing-here' });
    assert.equal(ja.statusCode, 404);
    assert.match(String(ja.headers['content-type']), /application\/problem\+json/);
    assert.equal(ja.json().title, '見つかりません。');
    assert.equal(ja.json().status, 404);
    const en = await app.server.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    assert.equal(en.json().title, 'Not found.');
  });

  it('renders an HTML error page for browsers', async () => {
    const r = await app.server.inject({ url: '/no-such-page', headers: { accept: 'text/html' } });
    assert.equal(r.statusCode, 404);
    assert.match(r.body, /<html lang="ja">/);
    assert.match(r.body, /見つかりません/);
  });

  it('publishes an OpenAPI 3.1 document', async () => {
    const r = await app.server.inject({ url: '/api/openapi.json' });
    assert.equal(r.statusCode, 200);
    const doc = r.json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.components.schemas.Problem);
  });

  it('limits requests per client and says when to retry', async () => {
    let last;
    for (let i = 0; i < 40; i++) last = await app.server.inject({ url: '/api/openapi.json', remoteAddress: '10.9.9.9' });
    assert.equal(last?.statusCode, 429);
    assert.ok(Number(last?.headers['retry-after']) > 0);
    const other = await app.server.inject({ url: '/api/openapi.json', remoteAddress: '10.9.9.10' });
    assert.equal(other.statusCode, 200);
  });

  it('counts a payment provider’s signed notifications against their own, larger budget', async () => {
    const hook = (remoteAddress: string) =>
      app.server.inject({
        method: 'POST',
        url: '/api/v1/payments/stripe/webhook',
        remoteAddress,
        payload: '{}',
        headers: { 'content-type': 'application/json' },
      });
    // a provider address that has used up the general budget still delivers notifications …
    for (let i = 0; i < 40; i++) await app.server.inject({ url: '/api/openapi.json', remoteAddress: '10.9.8.1' });
    // answered by the route (no provider here: 503; with one, the signature check's 400), not by the limit
    assert.equal((await hook('10.9.8.1')).statusCode, 503);
    // … and bursts of them beyond the general budget; a flood of them is still limited (30 × 20 per minute)
    const codes: number[] = [];
    for (let i = 0; i < 601; i++) codes.push((await hook('10.9.8.2')).statusCode);
    assert.equal(codes.filter((c) => c === 429).length, 1);
    assert.ok(codes.slice(0, 600).every((c) => c === 503));
  });
});

describe('HTTP server input and downloads', () => {
  let app: TestApp;
  const rows = Array.from({ length: 500 }, (_, i) => `${i},"0901234${String(i).padStart(4, '0')}"\r\n`);
  before(async () => {
    app = await startTestApp();
    defineApi(app.server, {
      method: 'POST',
      url: '/api/test/echo-nul',
      summary: 'test',
      tags: ['test'],
      auth: 'public',
      body: z.object({ note: z.string() }),
      responses: { 200: { description: 'ok' } },
      handler: async ({ body }) => (await app.ctx.db.query<{ note: string }>('SELECT $1::text AS note', [body.note])).rows[0],
    });
    // Reaches the database with the raw value, as the staff filters do: PostgreSQL would refuse a NUL with a 500.
    app.server.get(
      '/test/search',
      async (req) => (await app.ctx.db.query('SELECT $1::text AS q', [(req.query as { q?: string }).q ?? ''])).rows[0],
    );
    app.server.get('/test/stream.csv', async (_req, reply) => reply.type('text/csv; charset=utf-8').send(Readable.from(rows)));
  });
  after(() => app.close());

  it(`refuses a NUL character in a query, a JSON body or a form with a field error (${dbKind})`, async () => {
    const ok = await app.server.inject({ method: 'POST', url: '/api/test/echo-nul', payload: { note: 'ふつうの文字' } });
    assert.deepEqual(ok.json(), { note: 'ふつうの文字' });

    const json = await app.server.inject({ method: 'POST', url: '/api/test/echo-nul', payload: { note: 'a\u0000b' } });
    assert.equal(json.statusCode, 422);
    assert.deepEqual(
      json.json().errors.map((e: { field: string }) => e.field),
      ['note'],
    );
    assert.match(json.json().errors[0].message, /NUL/);

    const query = await app.server.inject({ url: '/test/search?q=%00x' });
    assert.equal(query.statusCode, 422);
    assert.equal(query.json().errors[0].field, 'q');

    const form = await app.server.inject({
      method: 'POST',
      url: '/api/test/echo-nul',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'note=%00',
    });
    assert.equal(form.statusCode, 422);
    assert.match(form.body, /note/);
  });

  it('sends a streamed download as it is, uncompressed', async () => {
    const stream = await app.server.inject({ url: '/test/stream.csv', headers: { 'accept-encoding': 'gzip, br' } });
    assert.equal(stream.statusCode, 200);
    assert.equal(stream.headers['content-encoding'], undefined);
    assert.equal(stream.body, rows.join(''));
  });
});

describe('client address behind proxies', () => {
  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const app = await startTestApp({ env: { TRUST_PROXY: '10.0.0.5' } });
    app.server.get('/whoami', async (req) => ({ ip: req.ip }));
    try {
      const viaProxy = await app.server.inject({
        url: '/whoami',
        remoteAddress: '10.0.0.5',
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      assert.equal(viaProxy.json().ip, '203.0.113.7');
      const spoofed = await app.server.inject({
        url: '/whoami',
        remoteAddress: '198.51.100.9',
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      assert.equal(spoofed.json().ip, '198.51.100.9');
    } finally {
      await app.close();
    }
  });
});

describe('HTTP server in production', () => {
  it('sends HSTS', async () => {
    const app = await startTestApp();
    app.ctx.config.env = 'production';
    try {
      const r = await app.server.inject({ url: '/healthz' });
      assert.match(String(r.headers['strict-transport-security']), /max-age=\d+/);
    } finally {
      await app.close();
    }
  });
});
