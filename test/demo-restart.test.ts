/**
 * The demo on its own database, started twice (as `npm start` twice on the same data directory, or
 * the same PostgreSQL database): the second start adds no services, bookings, staff, cards or mail.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { startApp } from '../src/bootstrap.js';
import type { Db } from '../src/platform/db.js';
import { createServerDatabase, dbKind, serverUrl, testConfig } from './helpers.js';

type Counts = Record<
  | 'services'
  | 'reservations'
  | 'closures'
  | 'staff'
  | 'departments'
  | 'cards'
  | 'confirmationMails'
  | 'jobs'
  | 'procedures'
  | 'applications',
  number
>;

async function counts(db: Db): Promise<Counts> {
  const one = async (sql: string) => Number((await db.query<{ n: number }>(sql)).rows[0]?.n ?? -1);
  return {
    services: await one('SELECT count(*) AS n FROM rsv_services'),
    reservations: await one('SELECT count(*) AS n FROM rsv_reservations'),
    closures: await one('SELECT count(*) AS n FROM rsv_calendar_exceptions'),
    staff: await one('SELECT count(*) AS n FROM staff'),
    departments: await one('SELECT count(*) AS n FROM departments'),
    cards: await one('SELECT count(*) AS n FROM card_int_cards'),
    confirmationMails: await one(
      `SELECT count(*) AS n FROM jobs WHERE queue = 'reservations.notice' AND payload->>'kind' = 'confirmation'`,
    ),
    jobs: await one('SELECT count(*) AS n FROM jobs'),
    procedures: await one('SELECT count(*) AS n FROM app_procedures'),
    applications: await one('SELECT count(*) AS n FROM app_applications'),
  };
}

describe(`demo restarted on the same database (${dbKind})`, () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-demo-restart-'));
  let drop: (() => Promise<void>) | undefined;
  after(async () => {
    await drop?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds once: a second start adds no services, bookings, staff or confirmation mails', async () => {
    // No payment stand-in here (src/modules/applications/demo/seed-demo.test.ts seeds the demo with one):
    // the e-applications seed then writes only what needs no payment provider.
    const env: Record<string, string> = {
      MADOGUCHI_ENV: 'demo',
      MADOGUCHI_DATA_DIR: dataDir,
      LINE_STANDIN: 'false',
      PAYMENT_STANDIN: 'false',
    };
    if (serverUrl) {
      const s = await createServerDatabase(serverUrl);
      drop = s.drop;
      env.DATABASE_URL = s.url;
    }
    const start = () => startApp(testConfig(env), { listen: false, worker: false });

    const first = await start();
    const afterFirst = await counts(first.ctx.db);
    await first.close();
    assert.ok(afterFirst.services >= 4, `demo services seeded: ${JSON.stringify(afterFirst)}`);
    assert.ok(afterFirst.reservations > 0 && afterFirst.confirmationMails > 0 && afterFirst.staff >= 5 && afterFirst.cards > 0);
    assert.ok(
      afterFirst.procedures === 4 && afterFirst.applications > 0,
      `e-applications seeded without a stand-in: ${JSON.stringify(afterFirst)}`,
    );

    const second = await start();
    const afterSecond = await counts(second.ctx.db);
    await second.close();
    assert.deepEqual(afterSecond, afterFirst);
  });
});
