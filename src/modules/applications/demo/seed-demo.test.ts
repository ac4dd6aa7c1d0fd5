/**
 * The e-applications demo as `npm start` runs it: the payment stand-in (persisted to the data
 * directory) and the app on one shifted clock, the seed paying on the stand-in's hosted page. Every
 * status is present, payments fall on several days, the refund was asked by one payment administrator
 * and approved by the other; a second start on the same data directory (and the same stand-in file)
 * adds nothing, and the stand-in started again still answers for every session the database holds.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Stripe from 'stripe';
import { createServerDatabase, dbKind, serverUrl, testConfig } from '../../../../test/helpers.js';
import { startApp } from '../../../bootstrap.js';
import { startPaymentStandin } from '../../../payment-standin/standin.js';
import { ShiftedClock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db.js';
import { APPLICATION_STATUSES } from '../application-status.js';

const KEY = 'sk_test_demo_seed_suite';
const WHSEC = 'whsec_demo_seed_suite';

async function snapshot(db: Db) {
  const rows = async <T>(sql: string) => (await db.query<T & Record<string, unknown>>(sql)).rows;
  const count = async (table: string) => Number((await rows<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n);
  return {
    procedures: await count('app_procedures'),
    versions: await count('app_procedure_versions'),
    applications: await count('app_applications'),
    history: await count('app_status_history'),
    files: await count('app_files'),
    payments: await count('app_payments'),
    refunds: await count('app_refunds'),
    statuses: (
      await rows<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM app_applications GROUP BY status ORDER BY status')
    ).map((r) => `${r.status}:${r.n}`),
  };
}

describe(`e-applications demo seed (${dbKind})`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-apps-demo-'));
  let drop: (() => Promise<void>) | undefined;
  after(async () => {
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds every status through the real operations, once; the persisted stand-in still knows every payment', async () => {
    const persistFile = path.join(dataDir, 'payment-standin.json');
    const env: Record<string, string> = {
      MADOGUCHI_ENV: 'demo',
      MADOGUCHI_DATA_DIR: dataDir,
      LINE_STANDIN: 'false',
      PAYMENT_STANDIN: 'true',
      STRIPE_SECRET_KEY: KEY,
      STRIPE_WEBHOOK_SECRET: WHSEC,
    };
    if (serverUrl) {
      const s = await createServerDatabase(serverUrl);
      drop = s.drop;
      env.DATABASE_URL = s.url;
    }
    const start = async () => {
      const clock = new ShiftedClock();
      const standin = await startPaymentStandin({
        secretKey: KEY,
        webhookSecret: WHSEC,
        sweepIntervalMs: 0,
        now: () => clock.now().getTime(),
        persistFile,
      });
      const app = await startApp(testConfig({ ...env, STRIPE_API_BASE_URL: standin.url }), { listen: false, worker: false, clock });
      return { app, standin };
    };

    const first = await start();
    const db = first.app.ctx.db;
    const seeded = await snapshot(db);
    for (const status of APPLICATION_STATUSES)
      assert.ok(
        seeded.statuses.some((s) => s.startsWith(`${status}:`)),
        `${status} present: ${seeded.statuses.join(' ')}`,
      );
    assert.equal(seeded.procedures, 4);
    const published = await db.query('SELECT 1 FROM app_procedures WHERE published_version = 1');
    assert.equal(published.rows.length, 4);

    // 事後決済: accepted by staff and waiting for the fee; and one paid, then completed
    const afterAcceptance = await db.query<{ status: string; paid: boolean }>(
      `SELECT a.status, EXISTS (SELECT 1 FROM app_payments p WHERE p.application_id = a.id AND p.counted) AS paid
       FROM app_applications a JOIN app_procedure_versions v ON v.procedure_id = a.procedure_id AND v.version = a.procedure_version
       WHERE v.definition->'fee'->>'timing' = 'after_acceptance'`,
    );
    assert.ok(afterAcceptance.rows.some((r) => r.status === 'awaiting_payment' && !r.paid));
    assert.ok(afterAcceptance.rows.some((r) => r.status === 'completed' && r.paid));

    // the correction names fields; the resubmitted one keeps its history
    const corrections = await db.query<{ correction_fields: string[] }>(
      `SELECT correction_fields FROM app_applications WHERE status = 'correction_requested'`,
    );
    assert.ok(corrections.rows.every((r) => r.correction_fields.length > 0));
    assert.ok(seeded.history > seeded.applications);

    // identity documents: PNGs stored through the attachments part, claimed by their applications
    const files = await db.query<{ content_type: string; application_id: string | null }>(
      'SELECT content_type, application_id FROM app_files',
    );
    assert.ok(files.rows.length >= 5 && files.rows.every((f) => f.content_type === 'image/png' && f.application_id !== null));

    // payments on several days, three methods, a partial refund asked by demo-kessai and approved by demo-kessai2
    const payments = await db.query<{ method: string | null; day: string | null; status: string; provider_payment_id: string }>(
      `SELECT method, to_char(paid_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS day, status, provider_payment_id FROM app_payments`,
    );
    const paid = payments.rows.filter((p) => p.day);
    assert.ok(new Set(paid.map((p) => p.day)).size >= 3, JSON.stringify(paid));
    assert.deepEqual([...new Set(paid.map((p) => p.method))].sort(), ['apple_pay', 'card', 'paypay']);
    assert.ok(
      payments.rows.some((p) => p.status === 'pending'),
      'an open hosted page waits for payment',
    );
    const refund = await db.query<{ status: string; amount: number; asker: string; decider: string; payment_status: string }>(
      `SELECT r.status, r.amount, s1.login_id AS asker, s2.login_id AS decider, p.status AS payment_status
       FROM app_refunds r JOIN staff s1 ON s1.id = r.requested_by JOIN staff s2 ON s2.id = r.decided_by JOIN app_payments p ON p.id = r.payment_id`,
    );
    assert.deepEqual(refund.rows, [
      { status: 'succeeded', amount: 300, asker: 'demo-kessai', decider: 'demo-kessai2', payment_status: 'partially_refunded' },
    ]);
    await first.app.close();
    await first.standin.close();

    const second = await start();
    try {
      assert.deepEqual(await snapshot(second.app.ctx.db), seeded);
      const u = new URL(second.standin.url);
      const stripe = new Stripe(KEY, { host: u.hostname, port: u.port, protocol: 'http', maxNetworkRetries: 0, telemetry: false });
      for (const p of payments.rows) {
        const session = await stripe.checkout.sessions.retrieve(p.provider_payment_id);
        assert.equal(session.status === 'complete', p.day !== null, `${p.provider_payment_id} as the database says`);
      }
    } finally {
      await second.app.close();
      await second.standin.close();
    }
  });
});
