/**
 * An error that says the database is away becomes 503 with Retry-After — problem+json for the API, the
 * error page for a browser, in the reader's language, never a stack — and one warning per outage in
 * the log instead of an error with a stack per request. Another service's refused connection stays a 500.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { dbKind, startTestApp, type TestApp } from '../../test/helpers.js';
import { problemTypes } from './errors.js';

const STACK = /\n\s+at |node_modules|\.ts:\d+/;

describe(`a request that finds the database away (${dbKind})`, () => {
  let app: TestApp;
  const lines: { level: string; obj: Record<string, unknown> }[] = [];

  before(async () => {
    app = await startTestApp();
    const log = app.ctx.log as unknown as Record<string, (obj: unknown, msg?: string) => void>;
    for (const level of ['warn', 'error'] as const)
      log[level] = (obj: unknown) => void lines.push({ level, obj: (obj ?? {}) as Record<string, unknown> });
    // what node-postgres rejects with when the server ends the session (pg_ctl stop -m fast)
    app.server.get('/test/database-gone', async () => {
      throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' });
    });
    // what fetch rejects with when a payment provider or the LINE API refuses the connection
    app.server.get('/test/provider-refused', async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
      });
    });
  });
  after(() => app.close());

  it("answers the API with 503 service_unavailable, Retry-After and no stack, in the reader's language", async () => {
    const ja = await app.server.inject({ method: 'GET', url: '/test/database-gone', headers: { accept: 'application/json' } });
    assert.equal(ja.statusCode, 503);
    assert.equal(ja.headers['retry-after'], '5');
    assert.equal(ja.headers['cache-control'], 'no-store');
    assert.match(String(ja.headers['content-type']), /^application\/problem\+json/);
    const body = ja.json() as { code: string; title: string; detail: string; type: string; status: number };
    assert.equal(body.code, 'service_unavailable');
    assert.equal(body.status, 503);
    assert.equal(body.title, problemTypes.service_unavailable.title.ja);
    assert.equal(body.detail, 'ただいま一時的にご利用いただけません。5秒ほど待ってから、もう一度お試しください。');
    assert.match(body.type, /\/problems\/service_unavailable$/);
    assert.doesNotMatch(ja.body, STACK);
    assert.doesNotMatch(ja.body, /administrator command/, "the driver's words stay in the log");

    const en = await app.server.inject({ method: 'GET', url: '/test/database-gone?lang=en', headers: { accept: 'application/json' } });
    assert.equal(en.statusCode, 503);
    assert.equal((en.json() as { detail: string }).detail, 'The service is briefly unavailable. Please try again in about 5 seconds.');
  });

  it('shows a browser the Japanese error page with 503 and Retry-After', async () => {
    const page = await app.server.inject({ method: 'GET', url: '/test/database-gone', headers: { accept: 'text/html' } });
    assert.equal(page.statusCode, 503);
    assert.equal(page.headers['retry-after'], '5');
    assert.match(String(page.headers['content-type']), /^text\/html/);
    assert.match(page.body, /<html lang="ja">/);
    assert.match(
      page.body,
      /<h1 class="page-title">ただいま一時的にご利用いただけません。5秒ほど待ってから、もう一度お試しください。<\/h1>/,
    );
    assert.doesNotMatch(page.body, STACK);
    const docs = await app.server.inject({ method: 'GET', url: '/problems/service_unavailable', headers: { accept: 'text/html' } });
    assert.equal(docs.statusCode, 200, 'the problem type has its page');
  });

  it('logs one warning for the outage, not an error per request', () => {
    const warnings = lines.filter((l) => l.obj.event === 'database_unavailable');
    assert.equal(warnings.length, 1, JSON.stringify(lines));
    assert.equal(warnings[0]?.level, 'warn');
    assert.equal(warnings[0]?.obj.code, '57P01');
    assert.deepEqual(
      lines.filter((l) => l.level === 'error'),
      [],
    );
  });

  it("answers another service's refused connection as a 500, with its error in the log", async () => {
    const r = await app.server.inject({ method: 'GET', url: '/test/provider-refused', headers: { accept: 'application/json' } });
    assert.equal(r.statusCode, 500);
    assert.equal((r.json() as { code: string }).code, 'internal_error');
    assert.equal(r.headers['retry-after'], undefined);
    assert.equal(lines.filter((l) => l.level === 'error').length, 1);
  });
});
