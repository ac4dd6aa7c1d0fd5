/**
 * Far-away dates on the public calendar, day and availability routes: each answers quickly with a
 * clear 4xx or an empty calendar, never a 500 and never a walk over thousands of years. The app
 * runs in a worker thread so that a request stuck in a loop fails its test instead of hanging it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';

const QUICK_MS = 5000;
type Answer = { url: string; status: number; body: string };

describe('far-away dates on public routes', () => {
  let worker: Worker;
  const waiting = new Map<string, (a: Answer) => void>();

  before(async () => {
    // The worker loads the harness the way the test itself was loaded: compiled in the test build, else through
    // tsx (Node 20 does not hand the parent's loader to a worker).
    const compiled = import.meta.url.endsWith('.js');
    const harness = new URL(compiled ? './far-dates.harness.js' : './far-dates.harness.ts', import.meta.url).href;
    const load = compiled
      ? `import(${JSON.stringify(harness)})`
      : `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(harness)}); })`;
    worker = new Worker(load, { eval: true });
    await new Promise<void>((resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m: Answer | 'ready') => {
        if (m === 'ready') return resolve();
        waiting.get(m.url)?.(m);
      });
    });
  });
  after(async () => {
    worker.postMessage('close');
    await new Promise((r) => setTimeout(r, 500));
    await worker.terminate();
  });

  /** GET through the worker's app; rejects when no answer comes within QUICK_MS. */
  const get = (url: string, accept = 'text/html') =>
    new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`${url} gave no answer within ${QUICK_MS} ms`));
      }, QUICK_MS);
      waiting.set(url, (a) => {
        clearTimeout(timer);
        resolve(a);
      });
      worker.postMessage({ url, accept });
    });

  for (const url of [
    '/services/:id?month=9999-12',
    '/services/:id?month=0001-01',
    '/services/:id?month=%2B10000-01',
    '/services/:id?month=0000-01',
    '/services/:id/days/9999-12-31',
    '/services/:id/days/0001-01-01',
    '/services/:id/days/%2B10000-01-01',
    '/line/liff/services/:id?month=9999-12',
    '/line/liff/services/:id/days/9999-12-31',
  ])
    it(`answers ${url} quickly with a 4xx or an empty calendar, never a 500`, async () => {
      const a = await get(url);
      assert.ok(a.status < 500, `${a.status} ${a.body.slice(0, 300)}`);
      if (a.status === 200 && url.startsWith('/services/'))
        assert.doesNotMatch(a.body, /class="day day--open"|class="button button--secondary slot"/, 'nothing bookable');
    });

  for (const [from, to] of [
    ['9999-12-01', '9999-12-31'],
    ['0001-01-01', '0001-01-31'],
    ['0001-01-01', '9999-12-31'],
    ['2026-12-01', '9999-12-31'],
    ['%2B10000-01-01', '%2B10000-01-02'],
  ])
    it(`answers the availability API from ${from} to ${to} quickly with a 4xx or an empty list`, async () => {
      const a = await get(`/api/v1/services/:id/availability?from=${from}&to=${to}`, 'application/json');
      assert.ok(a.status < 500, `${a.status} ${a.body.slice(0, 300)}`);
      if (a.status === 200) assert.deepEqual(JSON.parse(a.body), []);
      else assert.equal(a.status, 422, a.body);
    });
});
