/**
 * Deletion after use: the sweep erases exactly what has served (an expired sign-in link, a finished job's
 * payload after 30 days, a LINE push record after 90 days) and keeps what has not; it audits a run that
 * erased something, and a second run erases nothing and audits nothing.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { personalDataRegisters } from '../../index.js';
import { sweepPersonalData } from './sweep-personal-data.js';

const now = new Date('2026-12-02T03:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('privacy sweep', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
    const q = (sql: string, params: unknown[]) => app.ctx.db.query(sql, params);
    const link = (hash: string, expires: Date) =>
      q(
        "INSERT INTO rsv_email_links (token_hash, email_index, created_at, expires_at) VALUES ($1, $2, $3::timestamptz - interval '1 hour', $3)",
        [hash, 'idx', expires],
      );
    await link('expired-long-ago', daysAgo(3));
    await link('expired-just-now', daysAgo(0.5));
    await link('still-valid', daysAgo(-1));
    const job = (name: string, state: string, finished: Date | null) =>
      q(`INSERT INTO jobs (queue, payload, state, finished_at, dedupe_key) VALUES ('t.sweep', $1, $2, $3, $4)`, [
        JSON.stringify({ emailEnc: 'v1.k.secret', name }),
        state,
        finished,
        name,
      ]);
    await job('done-old', 'done', daysAgo(31));
    await job('done-recent', 'done', daysAgo(29));
    await job('dead-old', 'dead', daysAgo(91));
    await job('dead-recent', 'dead', daysAgo(60));
    await job('pending', 'pending', null);
    const push = (created: Date) =>
      q(`INSERT INTO line_pushes (retry_key, line_user_id, purpose, status, created_at) VALUES ($1, 'U0123', 'notice', 'sent', $2)`, [
        crypto.randomUUID(),
        created,
      ]);
    await push(daysAgo(91));
    await push(daysAgo(10));
  });
  after(() => app?.close());

  const swept = async () =>
    (await app.ctx.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'privacy.swept'")).rows[0]!.n;

  it('erases what has served, keeps the rest, and audits the counts', async () => {
    const r = await app.ctx.db.transaction((tx) => sweepPersonalData(tx, personalDataRegisters(), now));
    assert.deepEqual(r.rsv_email_links, { deleted: 1, scrubbed: 0 });
    assert.deepEqual(r.jobs, { deleted: 0, scrubbed: 2 });
    assert.deepEqual(r.line_pushes, { deleted: 1, scrubbed: 0 });
    const links = await app.ctx.db.query<{ token_hash: string }>('SELECT token_hash FROM rsv_email_links ORDER BY token_hash');
    assert.deepEqual(
      links.rows.map((x) => x.token_hash),
      ['expired-just-now', 'still-valid'],
    );
    const jobs = await app.ctx.db.query<{ dedupe_key: string; payload: Record<string, unknown> }>(
      "SELECT dedupe_key, payload FROM jobs WHERE queue = 't.sweep' ORDER BY dedupe_key",
    );
    assert.deepEqual(
      jobs.rows.map((j) => [j.dedupe_key, Object.keys(j.payload).length > 0]),
      [
        ['dead-old', false],
        ['dead-recent', true],
        ['done-old', false],
        ['done-recent', true],
        ['pending', true],
      ],
    );
    assert.equal(await swept(), 1);
    const entry = (
      await app.ctx.db.query<{ detail: { tables: Record<string, unknown> } }>("SELECT detail FROM audit_log WHERE action = 'privacy.swept'")
    ).rows[0]!;
    assert.deepEqual(entry.detail.tables.line_pushes, { deleted: 1, scrubbed: 0 });
  });

  it('a second run erases nothing and writes no audit entry', async () => {
    const r = await app.ctx.db.transaction((tx) => sweepPersonalData(tx, personalDataRegisters(), now));
    assert.deepEqual(r, {});
    assert.equal(await swept(), 1);
  });
});
