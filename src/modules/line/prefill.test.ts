import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import { ManualClock } from '../../platform/clock.js';
import { bookSlot } from '../reservations/index.js';
import { makeService, person } from '../reservations/testing.js';
import { LINE_SESSION_COOKIE, sessionCookieValue } from './liff.js';

const clock = new ManualClock('2026-11-30T09:00:00+09:00');
const USER = `U${'a1'.repeat(16)}`;
const OTHER = `U${'b2'.repeat(16)}`;

describe('booking form inside LINE: contact details of the last booking, on request', () => {
  let app: TestApp;
  let serviceId: string;
  const contact = person(4242);
  const bookUrl = () => `/services/${serviceId}/book?start=${encodeURIComponent('2026-12-02T09:30:00+09:00')}`;
  const asLineUser = (user: string) =>
    `${LINE_SESSION_COOKIE}=${sessionCookieValue(app.ctx, user, Math.floor(clock.now().getTime() / 1000) + 3600)}`;

  before(async () => {
    app = await startTestApp({ clock });
    serviceId = (await makeService(app.ctx)).id;
    await bookSlot(app.ctx, {
      serviceId,
      start: new Date('2026-12-01T09:00:00+09:00'),
      contact: { ...contact, fields: { topic: 'other' } },
      channel: 'line',
      lineUserId: USER,
    });
  });
  after(() => app.close());

  it('offers the last contact details but does not fill them in unasked', async () => {
    const r = await app.server.inject({ url: bookUrl(), headers: { cookie: asLineUser(USER), accept: 'text/html' } });
    assert.equal(r.statusCode, 200, r.body);
    assert.match(r.body, /前回のご予約の連絡先/);
    assert.doesNotMatch(r.body, new RegExp(contact.phone.replace(/-/g, '')));
  });

  it('fills in name, phone and e-mail when the person asks', async () => {
    const r = await app.server.inject({ url: `${bookUrl()}&prefill=1`, headers: { cookie: asLineUser(USER), accept: 'text/html' } });
    assert.equal(r.statusCode, 200);
    // the inputs carry the values (whatever the order of their attributes)
    assert.match(r.body, new RegExp(`<input[^>]* name="phone"[^>]* value="${contact.phone.replace(/-/g, '')}"`));
    assert.match(r.body, new RegExp(`<input[^>]* name="name"[^>]* value="${contact.name}"`));
    assert.match(r.body, new RegExp(`value="${contact.email}"`));
  });

  it('gives another LINE user, a forged cookie or a web visitor nothing', async () => {
    for (const cookie of [asLineUser(OTHER), `${LINE_SESSION_COOKIE}=${USER}.9999999999.${'A'.repeat(43)}`, '']) {
      const r = await app.server.inject({ url: `${bookUrl()}&prefill=1`, headers: { cookie, accept: 'text/html' } });
      assert.equal(r.statusCode, 200);
      assert.doesNotMatch(r.body, new RegExp(contact.phone.replace(/-/g, '')));
      assert.doesNotMatch(r.body, /前回のご予約の連絡先/);
    }
  });
});
