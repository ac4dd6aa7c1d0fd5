/** When an open payment is looked at again (pure). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextCheckAt } from './reconcile-payments.job.js';

const at = (iso: string) => new Date(iso);
const created = at('2026-12-01T00:00:00Z');
const expires = at('2026-12-01T01:00:00Z');

describe('nextCheckAt', () => {
  it('waits at least the configured minutes for a young payment', () => {
    assert.equal(
      nextCheckAt(at('2026-12-01T00:10:00Z'), { createdAt: created, expiresAt: expires }, 10).toISOString(),
      '2026-12-01T00:20:00.000Z',
    );
  });
  it('waits longer as the payment ages, but never past its expiry plus grace', () => {
    assert.equal(
      nextCheckAt(at('2026-12-01T00:50:00Z'), { createdAt: created, expiresAt: expires }, 10).toISOString(),
      '2026-12-01T01:02:30.000Z',
    );
    assert.equal(
      nextCheckAt(at('2026-12-01T01:03:00Z'), { createdAt: created, expiresAt: expires }, 10).toISOString(),
      '2026-12-01T01:05:00.000Z',
    );
  });
  it('checks an expired but unsettled payment at its interval, not every minute', () => {
    const t = nextCheckAt(at('2026-12-01T03:00:00Z'), { createdAt: created, expiresAt: expires }, 10);
    assert.equal(t.toISOString(), '2026-12-01T03:30:00.000Z');
  });
});
