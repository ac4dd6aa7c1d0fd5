import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { postgresRace, startTestApp, type TestApp } from '../../../test/helpers.js';
import { hitThrottle, recordSecurityEvent, listSecurityEvents, acknowledgeSecurityEvent } from './index.js';

describe('throttle counters and security events', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  it('counts every concurrent hit exactly and refuses beyond the limit', postgresRace, async () => {
    const now = new Date('2026-04-01T09:00:10Z');
    const results = await Promise.all(
      Array.from({ length: 20 }, () => hitThrottle(app.ctx.db, 'k:1', { limit: 7, windowSeconds: 60 }, now)),
    );
    assert.deepEqual(
      results.map((r) => r.count).sort((a, b) => a - b),
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    assert.equal(results.filter((r) => r.allowed).length, 7);
    assert.equal(results.find((r) => !r.allowed)?.retryAfterSeconds, 50);
    const next = await hitThrottle(app.ctx.db, 'k:1', { limit: 7, windowSeconds: 60 }, new Date('2026-04-01T09:01:00Z'));
    assert.deepEqual(next, { allowed: true, count: 1, retryAfterSeconds: 0 });
  });

  it('records, lists and acknowledges security events once', async () => {
    const now = new Date('2026-04-01T09:00:00Z');
    const id = await recordSecurityEvent(app.ctx.db, { kind: 'test.alert', severity: 'alert', subject: 'abc', detail: { n: 1 } }, now);
    const open = await listSecurityEvents(app.ctx.db, { unacknowledgedOnly: true, severities: ['alert'] });
    assert.equal(open[0]?.id, id);
    assert.deepEqual(open[0]?.detail, { n: 1 });
    const staff = await app.ctx.db.query<{ id: string }>(
      `INSERT INTO staff (login_id, display_name, password_hash) VALUES ('ack-person', 'x', 'x') RETURNING id`,
    );
    assert.equal(await acknowledgeSecurityEvent(app.ctx.db, id, staff.rows[0]!.id, now), true);
    assert.equal(await acknowledgeSecurityEvent(app.ctx.db, id, staff.rows[0]!.id, now), false);
    assert.equal((await listSecurityEvents(app.ctx.db, { unacknowledgedOnly: true })).length, 0);
  });
});
