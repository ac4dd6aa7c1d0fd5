import assert from 'node:assert/strict';
import vm from 'node:vm';
import { describe, it } from 'node:test';
import { primaryRedirectUrl, sdkSource } from './liff-sdk.js';

/** Runs the stand-in's LIFF SDK against a fake window at `href`; returns what liff.init() did. */
async function initAt(href: string, endpoint: string, storage = new Map<string, string>()) {
  const url = new URL(href);
  const replaced: string[] = [];
  const window: Record<string, unknown> = {};
  const location = {
    href,
    origin: url.origin,
    pathname: url.pathname,
    search: url.search,
    hash: url.hash,
    replace: (to: string) => replaced.push(to),
  };
  const sessionStorage = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v) };
  const history = { replaceState: () => undefined };
  vm.runInNewContext(sdkSource(endpoint), { window, location, sessionStorage, history, URL, URLSearchParams, Promise });
  const liff = window.liff as { init(c: { liffId: string }): Promise<void>; isLoggedIn(): boolean; getIDToken(): string | null };
  let settled = false;
  void liff.init({ liffId: '1650000000-AbCd' }).then(() => (settled = true));
  await new Promise((r) => setImmediate(r));
  return { replaced, settled, liff, storage };
}

describe('LINE stand-in: LIFF URLs opened as LINE documents', () => {
  const endpoint = 'https://city.example/line/liff';

  it('sends the rest of a LIFF URL to the endpoint in liff.state (primary redirect)', () => {
    assert.equal(primaryRedirectUrl(endpoint, 'https://liff.line.me/1650000000-AbCd'), endpoint);
    assert.equal(
      primaryRedirectUrl(endpoint, 'https://liff.line.me/1650000000-AbCd/services/s1'),
      'https://city.example/line/liff?liff.state=%2Fservices%2Fs1',
    );
    assert.equal(
      primaryRedirectUrl('https://city.example/path1/?q1=v1', 'https://liff.line.me/1650000000-AbCd/path2/?q2=v2#f'),
      'https://city.example/path1/?q1=v1&liff.state=%2Fpath2%2F%3Fq2%3Dv2%23f',
    );
    assert.equal(primaryRedirectUrl(endpoint, 'https://evil.example/x'), undefined);
  });

  it('liff.init() forwards a primary redirect to endpoint URL + path, queries merged (secondary redirect)', async () => {
    const a = await initAt('https://city.example/line/liff?liff.state=%2Fservices%2Fs1#id_token=tok1', endpoint);
    assert.deepEqual(a.replaced, ['https://city.example/line/liff/services/s1']);
    assert.equal(a.settled, false, 'init does not resolve on a page that is being left');
    const b = await initAt('https://city.example/path1/?q1=v1&liff.state=%2Fpath2%2F%3Fq2%3Dv2%23f', 'https://city.example/path1/?q1=v1');
    assert.deepEqual(b.replaced, ['https://city.example/path1/path2/?q1=v1&q2=v2#f']);
  });

  it('liff.init() resolves on the secondary URL with the user signed in from the primary one', async () => {
    const first = await initAt('https://city.example/line/liff?liff.state=%2Fline%2Fmy#id_token=tok2', endpoint);
    const second = await initAt(first.replaced[0] as string, endpoint, first.storage);
    assert.deepEqual(second.replaced, []);
    assert.equal(second.settled, true);
    assert.equal(second.liff.isLoggedIn(), true);
    assert.equal(second.liff.getIDToken(), 'tok2');
  });
});
