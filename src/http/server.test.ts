import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../test/helpers.js';

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
});

describe('client address behind proxies', () => {
  it('believes X-Forwarded-For only from a configured proxy', async () => {
    const app = await startTestApp({ env: { TRUST_PROXY: '10.0.0.5' } });
    app.server.get('/whoami', async (req) => ({ ip: req.ip }));
    try {
      const viaProxy = await app.server.inject({ url: '/whoami', remoteAddress: '10.0.0.5', headers: { 'x-forwarded-for': '203.0.113.7' } });
      assert.equal(viaProxy.json().ip, '203.0.113.7');
      const spoofed = await app.server.inject({ url: '/whoami', remoteAddress: '198.51.100.9', headers: { 'x-forwarded-for': '203.0.113.7' } });
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
