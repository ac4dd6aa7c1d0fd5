import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';

const SECRET = 'test-line-channel-secret-0123456789';
const sign = (body: string, secret = SECRET) => crypto.createHmac('sha256', secret).update(body).digest('base64');
const userId = `U${'a'.repeat(32)}`;

function followBody(eventId: string): string {
  return JSON.stringify({
    destination: 'Uxxxxxxxx',
    events: [
      {
        type: 'follow',
        mode: 'active',
        timestamp: 1,
        webhookEventId: eventId,
        replyToken: 'r-' + eventId,
        source: { type: 'user', userId },
        deliveryContext: { isRedelivery: false },
      },
    ],
  });
}

describe('LINE webhook signature and redelivery', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp({ env: { LINE_CHANNEL_SECRET: SECRET, LINE_CHANNEL_ACCESS_TOKEN: 'test-token' } });
  });
  after(async () => app.close());

  const post = (body: string, headers: Record<string, string>) =>
    app.server.inject({ method: 'POST', url: '/line/webhook', payload: body, headers: { 'content-type': 'application/json', ...headers } });
  const count = async (sql: string) => Number((await app.ctx.db.query<{ n: number }>(sql)).rows[0]?.n);

  it('accepts a correctly signed delivery and queues its event', async () => {
    const body = followBody('01HVALID0000000000000000AA');
    const res = await post(body, { 'x-line-signature': sign(body) });
    assert.equal(res.statusCode, 200);
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM line_webhook_events WHERE webhook_event_id = '01HVALID0000000000000000AA'`),
      1,
    );
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM jobs WHERE queue = 'line.webhook-event' AND dedupe_key = '01HVALID0000000000000000AA'`),
      1,
    );
  });

  it('refuses a wrong signature with 401 and stores nothing', async () => {
    const body = followBody('01HBADSIG00000000000000000');
    const res = await post(body, { 'x-line-signature': sign(body, 'another-secret') });
    assert.equal(res.statusCode, 401);
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM line_webhook_events WHERE webhook_event_id = '01HBADSIG00000000000000000'`),
      0,
    );
    assert.equal(await count(`SELECT count(*)::int AS n FROM jobs WHERE dedupe_key = '01HBADSIG00000000000000000'`), 0);
  });

  it('refuses a missing signature with 401', async () => {
    const body = followBody('01HNOSIG000000000000000000');
    const res = await post(body, {});
    assert.equal(res.statusCode, 401);
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM line_webhook_events WHERE webhook_event_id = '01HNOSIG000000000000000000'`),
      0,
    );
  });

  it('refuses a body altered after signing', async () => {
    const body = followBody('01HALTERED0000000000000000');
    const altered = body.replace(userId, `U${'b'.repeat(32)}`);
    assert.notEqual(altered, body);
    const res = await post(altered, { 'x-line-signature': sign(body) });
    assert.equal(res.statusCode, 401);
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM line_webhook_events WHERE webhook_event_id = '01HALTERED0000000000000000'`),
      0,
    );
  });

  it('checks the signature over the raw bytes, not re-serialised JSON', async () => {
    const body = followBody('01HSPACING0000000000000000').replace('{"destination"', '{ "destination"');
    const res = await post(body, { 'x-line-signature': sign(body) });
    assert.equal(res.statusCode, 200);
  });

  it('lets a redelivered event take effect once', async () => {
    const body = followBody('01HREDELIVER00000000000000');
    for (let i = 0; i < 3; i++) assert.equal((await post(body, { 'x-line-signature': sign(body) })).statusCode, 200);
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM line_webhook_events WHERE webhook_event_id = '01HREDELIVER00000000000000'`),
      1,
    );
    assert.equal(
      await count(`SELECT count(*)::int AS n FROM jobs WHERE queue = 'line.webhook-event' AND dedupe_key = '01HREDELIVER00000000000000'`),
      1,
    );
  });

  it('answers 200 to an empty event list (the console verify button)', async () => {
    const body = JSON.stringify({ destination: 'U0', events: [] });
    assert.equal((await post(body, { 'x-line-signature': sign(body) })).statusCode, 200);
  });
});
