/**
 * Availability reads carry a strong ETag and answer 304 to a matching If-None-Match, so a citizen's page
 * polling during a rush costs a header, not 126 KB; a booking changes the answer and its ETag within half a second
 * (this process's cache shortens the answer's life to half a second on the write).
 */
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { matchesEtag } from './availability.js';
import { makeService, person } from './testing.js';

const clock = new ManualClock('2026-11-30T09:00:00+09:00');

describe('availability: ETag and 304', () => {
  let app: TestApp;
  let svc: { id: string };
  const read = (headers: Record<string, string> = {}) =>
    app.server.inject({ method: 'GET', url: `/api/v1/services/${svc.id}/availability?from=2026-11-30&to=2026-12-01`, headers });

  before(async () => {
    app = await startTestApp({ clock });
    svc = await makeService(app.ctx, { capacity: 2 });
  });
  after(() => app.close());

  it('matches If-None-Match lists, weak forms and *, and nothing else', () => {
    assert.equal(matchesEtag('"a", "b"', '"b"'), true);
    assert.equal(matchesEtag('W/"b"', '"b"'), true);
    assert.equal(matchesEtag('*', '"b"'), true);
    assert.equal(matchesEtag('"bb"', '"b"'), false);
    assert.equal(matchesEtag(undefined, '"b"'), false);
    // the tag of a compressed representation of the same answer
    assert.equal(matchesEtag('"b-gzip"', '"b"'), true);
    assert.equal(matchesEtag('W/"b-br"', '"b"'), true);
    assert.equal(matchesEtag('"b-deflate"', '"b"'), false);
  });

  it('answers 304 with no body to the current ETag, 200 to another', async () => {
    const first = await read();
    assert.equal(first.statusCode, 200);
    const etag = String(first.headers.etag);
    const again = await read({ 'if-none-match': etag });
    assert.equal(again.statusCode, 304);
    assert.equal(again.body, '');
    assert.equal(again.headers.etag, etag);
    const other = await read({ 'if-none-match': '"not-this-one"' });
    assert.equal(other.statusCode, 200);
    assert.deepEqual(other.json(), first.json());
  });

  it('a booking changes the answer and its ETag within the refresh interval', async () => {
    const before = await read();
    const etag = String(before.headers.etag);
    const slot = before.json()[0];
    const booked = await app.server.inject({
      method: 'POST',
      url: '/api/v1/reservations',
      payload: { serviceId: svc.id, start: slot.start, ...person(), fields: { topic: 'other' } },
    });
    assert.equal(booked.statusCode, 201);
    // A write shortens the cached answer's life to REFRESH_MS (500 ms); after it one reader may still get the
    // old answer while the refresh runs (stale-while-refresh). Bounded wait, not a timing assertion.
    let after = await read({ 'if-none-match': etag });
    for (let i = 0; i < 60 && after.statusCode === 304; i++) {
      await new Promise((r) => setTimeout(r, 100));
      after = await read({ 'if-none-match': etag });
    }
    assert.equal(after.statusCode, 200);
    assert.notEqual(after.headers.etag, etag);
    assert.equal(after.json()[0].remaining, slot.remaining - 1);
  });

  it('sends a month compressed when the client accepts it, the same JSON as uncompressed', async () => {
    const url = `/api/v1/services/${svc.id}/availability?from=2026-12-01&to=2026-12-31`;
    const plain = await app.server.inject({ method: 'GET', url });
    const zipped = await app.server.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(zipped.headers['content-encoding'], 'gzip');
    // another representation, another strong ETag; each revalidates to a 304 that says what the 200 said
    assert.equal(zipped.headers.etag, String(plain.headers.etag).replace(/"$/, '-gzip"'));
    for (const [first, encoding] of [
      [plain, undefined],
      [zipped, 'gzip'],
    ] as const) {
      const again = await app.server.inject({
        method: 'GET',
        url,
        headers: { 'if-none-match': String(first.headers.etag), ...(encoding ? { 'accept-encoding': encoding } : {}) },
      });
      assert.equal(again.statusCode, 304);
      assert.equal(again.headers.etag, first.headers.etag);
      assert.equal(again.headers.vary, 'Accept-Encoding');
    }
    assert.equal(plain.headers.vary, 'Accept-Encoding');
    assert.ok(zipped.rawPayload.length < plain.rawPayload.length / 5, `${zipped.rawPayload.length} of ${plain.rawPayload.length} bytes`);
    assert.deepEqual(JSON.parse(zlib.gunzipSync(zipped.rawPayload).toString()), plain.json());
  });

  it('format=compact: the same slots by day as [time, places left], in a fraction of the bytes', async () => {
    const url = `/api/v1/services/${svc.id}/availability?from=2026-12-01&to=2026-12-31`;
    const slots = (await app.server.inject({ method: 'GET', url })).json() as { start: string; remaining: number }[];
    const compact = await app.server.inject({ method: 'GET', url: `${url}&format=compact` });
    assert.equal(compact.statusCode, 200);
    const c = compact.json() as { durationMinutes: number; days: Record<string, [string, number][]> };
    assert.equal(c.durationMinutes, 30);
    const flat = Object.entries(c.days).flatMap(([day, list]) => list.map(([time, left]) => [`${day}T${time}:00+09:00`, left]));
    assert.deepEqual(
      flat,
      slots.map((x) => [x.start, x.remaining]),
    );
    const full = (await app.server.inject({ method: 'GET', url })).rawPayload.length;
    assert.ok(compact.rawPayload.length * 3 < full, `${compact.rawPayload.length} of ${full} bytes`);
    assert.notEqual(compact.headers.etag, (await app.server.inject({ method: 'GET', url })).headers.etag);
  });
});
