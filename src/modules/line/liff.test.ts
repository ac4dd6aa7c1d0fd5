import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { entryTarget, safeTarget } from './liff.js';

describe('LIFF entry: where the browser may be sent after LINE sign-in', () => {
  it('refuses every way out of the site, raw or percent-encoded', () => {
    for (const to of [
      '//evil.example/',
      '/\\evil.example/',
      '/\t/evil.example',
      '/\n/evil.example',
      '/\r/evil.example',
      '/%09/evil.example',
      '/%0a/evil.example',
      '/%5Cevil.example',
      '/%2F/evil.example',
      'https://evil.example/',
      'javascript:alert(1)',
      '/x%',
      '',
      '/line/liff/services/x',
      '/line/liff?liff.state=x',
      `/${'a'.repeat(600)}`,
      42,
    ])
      assert.equal(safeTarget(to), '/', JSON.stringify(to));
  });

  it('keeps same-site paths and their query', () => {
    for (const to of [
      '/',
      '/services/0b6f7d9e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
      '/line/my',
      '/services/x?lang=en&a=%E5%B8%82',
      '/my/reservations/ABCD2345',
    ])
      assert.equal(safeTarget(to), to);
  });

  it('reads the target from the secondary URL, or from liff.state on the primary one', () => {
    assert.equal(entryTarget('/line/liff/services/abc'), '/services/abc');
    assert.equal(entryTarget('/line/liff/line/my'), '/line/my');
    assert.equal(entryTarget('/line/liff/services/abc?lang=en'), '/services/abc?lang=en');
    assert.equal(entryTarget('/line/liff?liff.state=%2Fservices%2Fabc'), '/services/abc');
    assert.equal(entryTarget('/line/liff'), '/');
    assert.equal(entryTarget('/line/liff//evil.example/x'), '/');
    assert.equal(entryTarget('/line/liff?liff.state=%2F%09%2Fevil.example'), '/');
  });
});

describe('LIFF routes', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ env: { LINE_LIFF_ID: '1650000009-AbCdEfGh', LINE_API_BASE_URL: 'http://127.0.0.1:9' } });
  });
  after(async () => {
    await app?.close();
  });

  it('serves the entry page at the secondary redirect URLs, targeting the path after /line/liff', async () => {
    for (const [url, target] of [
      ['/line/liff/services/abc', '/services/abc'],
      ['/line/liff/line/my', '/line/my'],
    ] as const) {
      const res = await app.server.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(res.body, new RegExp(`data-target="${target}"`));
      assert.match(res.body, /<script src="http:\/\/127\.0\.0\.1:9\/liff\/edge\/2\/sdk\.js"/);
      assert.match(String(res.headers['content-security-policy']), /script-src 'self' http:\/\/127\.0\.0\.1:9/);
    }
  });

  it('refuses a sign-in posted as a plain form (another site signing the browser in as its own LINE user) with 415 and no cookie', async () => {
    const res = await app.server.inject({
      method: 'POST',
      url: '/line/liff/session',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'idToken=attacker.token&to=%2F',
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.cookies.length, 0);
  });
});

describe('LIFF session when LINE is not configured', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app?.close();
  });

  it('answers 503 with a clear message, not 500', async () => {
    const res = await app.server.inject({ method: 'POST', url: '/line/liff/session', payload: { idToken: 'x', to: '/' } });
    assert.equal(res.statusCode, 503);
    assert.match(res.body, /line_not_configured/);
  });
});
