/**
 * The stand-in's LIFF: how a LIFF URL is opened and a copy of the LIFF SDK's liff.init(), both as LINE
 * documents them ("Opening a LIFF app", https://developers.line.biz/en/docs/liff/opening-liff-app/):
 *
 * - Primary redirect: https://liff.line.me/<liffId>/<path>?<query>#<fragment> opens the endpoint URL
 *   with everything after the LIFF id in the `liff.state` query parameter (endpoint query kept). The
 *   LIFF browser hands the user's credentials to the page in the fragment; here: #id_token=….
 * - Secondary redirect: liff.init() on that page sends the browser (location.replace) to the endpoint
 *   URL with <path> appended, the endpoint's and the LIFF URL's queries merged and <fragment> restored
 *   ("Concatenate", the only mode since 2021-03-01). There, liff.init() resolves and the app runs.
 *
 * Served at the CDN's path (/liff/edge/2/sdk.js) so madoguchi loads it exactly like LINE's SDK.
 */
import type { FastifyInstance } from 'fastify';
import type { LineStandin } from './standin.js';

export const LIFF_URL = /^https:\/\/liff\.line\.me\/(\d+)-([A-Za-z0-9]+)(\/[^?#]*)?(\?[^#]*)?(#.*)?$/;

/** The primary redirect URL for a LIFF URL (undefined when it is not one), without credentials. */
export function primaryRedirectUrl(endpointUrl: string, liffUrl: string): string | undefined {
  const m = LIFF_URL.exec(liffUrl);
  if (!m) return undefined;
  const rest = `${m[3] ?? ''}${m[4] ?? ''}${m[5] ?? ''}`;
  if (rest === '' || rest === '/') return endpointUrl;
  const u = new URL(endpointUrl);
  u.searchParams.append('liff.state', rest);
  return u.toString();
}

/**
 * The browser copy of liff.init() and the login state (plain ES5: it runs as it is in any browser).
 * On a primary redirect it keeps the credentials from the fragment and goes to the secondary URL;
 * the promise then never settles, as the page is being left.
 */
function sdkSource(endpointUrl: string | undefined): string {
  return `// LINE stand-in: a local imitation of the LIFF SDK's init and login state (not LINE's code).
(function () {
  var ENDPOINT = ${JSON.stringify(endpointUrl ?? null)};
  var KEY = 'line-standin-liff-id-token';
  function secondaryUrl(state) {
    var e = new URL(ENDPOINT || location.origin + location.pathname);
    var m = /^([^?#]*)(\\?[^#]*)?(#.*)?$/.exec(state);
    var path = m[1] || '';
    if (path && path.charAt(0) !== '/') path = '/' + path;
    var q = new URLSearchParams(location.search);
    q['delete']('liff.state');
    new URLSearchParams((m[2] || '').slice(1)).forEach(function (v, k) { q.append(k, v); });
    var qs = q.toString();
    return e.origin + (e.pathname.replace(/\\/$/, '') + path || '/') + (qs ? '?' + qs : '') + (m[3] || '');
  }
  window.liff = {
    init: function (config) {
      if (!config || !config.liffId) return Promise.reject(new Error('liffId is necessary for liff.init()'));
      var token = new URLSearchParams(location.hash.slice(1)).get('id_token');
      if (token) sessionStorage.setItem(KEY, token);
      var state = new URLSearchParams(location.search).get('liff.state');
      if (state !== null) {
        location.replace(secondaryUrl(state));
        return new Promise(function () {});
      }
      if (token) history.replaceState(null, '', location.pathname + location.search);
      return Promise.resolve();
    },
    isLoggedIn: function () { return !!sessionStorage.getItem(KEY); },
    getIDToken: function () { return sessionStorage.getItem(KEY); },
    login: function () { throw new Error('LINE stand-in: open LIFF links from the chat simulator'); },
    isInClient: function () { return true; }
  };
})();
`;
}

/** Exposed for the stand-in's own test, which runs it against a fake window. */
export { sdkSource };

export function registerLiffSdk(app: FastifyInstance, standin: LineStandin): void {
  app.get('/liff/edge/2/sdk.js', async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'no-store').send(sdkSource(standin.liffEndpointUrl)),
  );
}
