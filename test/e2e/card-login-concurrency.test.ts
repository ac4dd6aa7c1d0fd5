/**
 * Concurrent log-ins on the card booking site must all finish (on PGlite a single session serves
 * every query: a ctx.db call made while a transaction of the same process is open would wait
 * forever). 30 log-ins at once, right and wrong passwords mixed, from different addresses; the
 * whole test has a timeout so a hang fails instead of stalling the run.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../helpers.js';
import { ManualClock } from '../../src/platform/clock.js';
import { importIssuanceList } from '../../src/modules/card-issuance/internal/import-issuance-list.js';
import { encodeCsvText, syntheticIssuanceCsv } from '../../src/modules/card-issuance/internal/synthetic-list.js';
import { exportBundle } from '../../src/modules/card-issuance/internal/export-bundle.js';
import { importBundle } from '../../src/modules/card-issuance/internet/import-bundle.js';
import { decryptPersonal } from '../../src/modules/card-issuance/internal/card-personal.js';
import { openCardOffice } from '../../src/modules/card-issuance/testing.js';

const sys = { type: 'system' as const, id: 'test', label: 'test' };

describe('card booking site: concurrent log-ins', () => {
  let app: TestApp;
  const clock = new ManualClock('2026-11-24T01:00:00Z');
  before(async () => {
    app = await startTestApp({ clock });
    const settings = await openCardOffice(app.ctx);
    const bytes = encodeCsvText(syntheticIssuanceCsv({ rows: 30, seed: 11, idPrefix: 'CON' }), 'utf-8');
    const r = await importIssuanceList(app.ctx, {
      settings,
      fileName: 'c.csv',
      open: () => Readable.from([bytes]),
      encoding: 'utf-8',
      actor: sys,
    });
    assert.equal(r.ok, true);
    const b = await exportBundle(app.ctx, { settings, actor: sys });
    await importBundle(app.ctx, { text: b.text, actor: sys });
  });
  after(() => app.close());

  it('30 simultaneous log-ins (right and wrong) all answer, each with the right status', { timeout: 60_000 }, async () => {
    const cards = (
      await app.ctx.db.query<{ control_no: string; personal_enc: string }>(
        'SELECT control_no, personal_enc FROM card_int_cards ORDER BY control_no',
      )
    ).rows;
    const pw = (enc: string) => decryptPersonal(app.ctx.crypto, enc).birthDate.replace(/^\d{4}-(\d\d)-(\d\d)$/, '$1$2');
    const wrongOf = (p: string) => (p === '1231' ? '0101' : '1231');
    const attempts = Array.from({ length: 30 }, (_, i) => {
      const c = cards[i]!;
      const right = i % 3 !== 0;
      return { id: c.control_no, password: right ? pw(c.personal_enc) : wrongOf(pw(c.personal_enc)), right, ip: `203.0.113.${i + 1}` };
    });
    const t0 = Date.now();
    const results = await Promise.all(
      attempts.map((a) =>
        app.server.inject({
          method: 'POST',
          url: '/api/v1/card/session',
          payload: { reservationId: a.id, password: a.password },
          remoteAddress: a.ip,
        }),
      ),
    );
    assert.ok(Date.now() - t0 < 60_000);
    results.forEach((r, i) => assert.equal(r.statusCode, attempts[i]!.right ? 200 : 401, `${i}: ${r.body}`));
    assert.equal(results.filter((r) => r.statusCode === 200).length, 20);
    // Each attempt used its own card: 20 sessions written, each wrong password counted once.
    const s = await app.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM card_net_sessions');
    assert.equal(s.rows[0]!.n, 20);
    const g = await app.ctx.db.query<{ n: number }>('SELECT coalesce(sum(attempts), 0)::int AS n FROM card_net_login_guard');
    assert.equal(g.rows[0]!.n, 10);
  });
});
