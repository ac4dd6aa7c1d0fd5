/**
 * Every HTML route is a declared page (definePage): walked over all routes of the app as the demo
 * builds it, in a full process (both card zones) and in an internal-zone process. A route that is not
 * a page must be one of the exceptions below, each with its reason; nothing else may be hand-built.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listDeclaredPages } from '../src/http/page-route.js';
import { listAllRoutes } from '../src/http/server.js';
import { startTestApp, type TestApp } from './helpers.js';

type Exception = { matches: (method: string, url: string) => boolean; reason: string };

/** Routes that answer something other than an HTML page. */
const NOT_PAGES: Exception[] = [
  { matches: (_m, u) => u.startsWith('/api/'), reason: 'JSON API, declared with defineApi (the OpenAPI document included)' },
  { matches: (m, u) => m === 'GET' && u === '/assets/:file', reason: 'static assets (CSS, scripts, images)' },
  { matches: (m, u) => m === 'GET' && u === '/favicon.ico', reason: 'redirect to the icon asset, asked for by browsers on their own' },
  { matches: (m, u) => m === 'GET' && (u === '/healthz' || u === '/readyz'), reason: 'liveness/readiness probes (JSON)' },
  { matches: (m, u) => m === 'GET' && u === '/metrics', reason: 'Prometheus metrics (text format), allow-listed networks only' },
  {
    matches: (m, u) => m === 'GET' && (u === '/problems' || u === '/problems/:code'),
    reason: 'RFC 9457 problem-type documentation: fixed reference text with no actor, input or form',
  },
  { matches: (m, u) => m === 'POST' && u === '/line/webhook', reason: "LINE platform webhook (JSON, authenticated by LINE's signature)" },
  { matches: (m, u) => m === 'GET' && u === '/line/liff.js', reason: 'the LIFF entry script' },
  {
    matches: (m, u) => m === 'POST' && u === '/line/liff/session',
    reason: 'JSON exchange of a LIFF ID token (verified with LINE) for a cookie, called by the LIFF script',
  },
];

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

describe('every HTML route is a declared page', () => {
  const apps: Partial<Record<'both' | 'internal', TestApp>> = {};
  before(async () => {
    apps.both = await startTestApp({ demo: true, env: { MADOGUCHI_CARD_ZONE: 'both' } });
    apps.internal = await startTestApp({ demo: true, env: { MADOGUCHI_CARD_ZONE: 'internal' } });
  });
  after(async () => {
    await apps.both?.close();
    await apps.internal?.close();
  });

  for (const zone of ['both', 'internal'] as const)
    it(`in a ${zone === 'both' ? 'full (both card zones)' : 'internal-zone'} process, no route outside the listed exceptions is hand-built`, () => {
      const app = apps[zone]!;
      const declared = new Set(listDeclaredPages(app.server).map(key));
      const routes = listAllRoutes(app.server);
      assert.ok(routes.length > 50, 'the route collector sees the modules’ routes');
      assert.ok(declared.size > 0, 'some pages are declared');
      const undeclared = routes.filter((r) => !declared.has(key(r)) && !NOT_PAGES.some((e) => e.matches(r.method, r.url))).map(key);
      assert.deepEqual(undeclared, [], `${undeclared.length} HTML routes are not declared pages`);
      // and every declared page is served by this app (a declaration cannot drift from the route)
      const served = new Set(routes.map(key));
      assert.deepEqual(
        [...declared].filter((d) => !served.has(d)),
        [],
      );
    });

  it('lists no exception that matches nothing (the list stays true)', () => {
    const all = [...listAllRoutes(apps.both!.server), ...listAllRoutes(apps.internal!.server)];
    const stale = NOT_PAGES.filter((e) => !all.some((r) => e.matches(r.method, r.url))).map((e) => e.reason);
    assert.deepEqual(stale, []);
  });

  it('lists no declared page as an exception', () => {
    const pages = [...listDeclaredPages(apps.both!.server), ...listDeclaredPages(apps.internal!.server)];
    assert.deepEqual(pages.filter((p) => NOT_PAGES.some((e) => e.matches(p.method, p.url))).map(key), []);
  });
});
