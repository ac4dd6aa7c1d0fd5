/**
 * Test support for the payment part: an app wired to the local Stripe stand-in through the real
 * Stripe adapter (one clock for both), and factories for an application waiting for its fee and for
 * payment administrators.
 */
import crypto from 'node:crypto';
import type { StaffActor } from '../../../http/actor.js';
import { ManualClock } from '../../../platform/clock.js';
import { JobWorker } from '../../../platform/jobs.js';
import { startTestApp, type TestApp } from '../../../../test/helpers.js';
import { type PaymentStandin, startPaymentStandin } from '../../../payment-standin/standin.js';
import { jobs } from './register.js';

const SECRET_KEY = 'sk_test_payments_suite';
const WEBHOOK_SECRET = 'whsec_payments_suite';

export type PaymentsHarness = {
  app: TestApp;
  clock: ManualClock;
  standin: PaymentStandin;
  /** Runs the payment jobs due now (schedules included) until none is left. */
  drainJobs(): Promise<number>;
  close(): Promise<void>;
};

export async function startPaymentsHarness(): Promise<PaymentsHarness> {
  const clock = new ManualClock('2026-12-01T01:00:00Z');
  const s = await startPaymentStandin({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    retryDelaysMs: [5, 5],
    sweepIntervalMs: 0,
    now: () => clock.now().getTime(),
    environment: 'test',
  });
  const app = await startTestApp({
    clock,
    listen: true,
    env: {
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: SECRET_KEY,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_BASE_URL: s.url,
    },
  });
  s.standin.webhooks.url = `${app.url}/api/v1/payments/stripe/webhook`;
  const worker = new JobWorker(app.ctx, jobs);
  return {
    app,
    clock,
    standin: s.standin,
    drainJobs: () => worker.drain(),
    async close() {
      await s.standin.idle();
      await s.close();
      await app.close();
    },
  };
}

export const WEBHOOK_SIGNING_SECRET = WEBHOOK_SECRET;

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

export type TestApplication = { id: string; referenceNumber: string; accessToken: string; departmentId: string };

/** A procedure with a fee and an application waiting for it (the answers hold a name and an e-mail address). */
export async function makeAwaitingApplication(
  app: TestApp,
  o: { amount?: number; payableSince?: Date; title?: string } = {},
): Promise<TestApplication> {
  const db = app.ctx.db;
  const now = app.ctx.clock.now();
  const code = `pay-${crypto.randomBytes(4).toString('hex')}`;
  const dept = await db.query<{ id: string }>('INSERT INTO departments (code, name) VALUES ($1, $2) RETURNING id', [code, '市民課']);
  const departmentId = dept.rows[0]!.id;
  const proc = await db.query<{ id: string }>('INSERT INTO app_procedures (department_id, created_at) VALUES ($1, $2) RETURNING id', [
    departmentId,
    now,
  ]);
  const procedureId = proc.rows[0]!.id;
  const definition = {
    format: 'madoguchi.procedure/1',
    title: { ja: o.title ?? '住民票の写し等の郵送請求' },
    description: { ja: '説明' },
    eligibility: { ja: '本人' },
    steps: [
      {
        title: { ja: '申請者' },
        fields: [
          { key: 'name', label: { ja: '氏名' }, type: 'text', required: true, privacy: 'personal', validation: {} },
          { key: 'email', label: { ja: 'メール' }, type: 'email', required: true, privacy: 'personal', validation: {} },
        ],
      },
    ],
    contactEmailField: 'email',
    retentionDays: 365,
    identityDocuments: { required: false, kinds: [] },
    collectsMyNumber: false,
    fee: { kind: 'fixed', amount: o.amount ?? 600, timing: 'on_submission' },
    revenueAccountCode: '14-01-01',
  };
  await db.query(
    `INSERT INTO app_procedure_versions (procedure_id, version, definition, published_at, created_at) VALUES ($1, 1, $2, $3, $3)`,
    [procedureId, JSON.stringify(definition), now],
  );
  await db.query('UPDATE app_procedures SET published_version = 1 WHERE id = $1', [procedureId]);
  const referenceNumber = Array.from(crypto.randomBytes(10), (b) => ALPHABET[b % ALPHABET.length]).join('');
  const accessToken = crypto.randomBytes(16).toString('base64url');
  const answers = app.ctx.crypto.encrypt(
    JSON.stringify({ name: '山田 太郎', email: 'taro.yamada@example.jp' }),
    'app_applications.answers',
  );
  const r = await db.query<{ id: string }>(
    `INSERT INTO app_applications (reference_number, access_token_hash, procedure_id, procedure_version, department_id, status,
       answers_enc, fee_amount, payable_since, submitted_at, updated_at, status_changed_at)
     VALUES ($1, $2, $3, 1, $4, 'awaiting_payment', $5, $6, $7, $8, $8, $8) RETURNING id`,
    [
      referenceNumber,
      crypto.createHash('sha256').update(accessToken).digest('hex'),
      procedureId,
      departmentId,
      answers,
      o.amount ?? 600,
      o.payableSince ?? now,
      now,
    ],
  );
  return { id: r.rows[0]!.id, referenceNumber, accessToken, departmentId };
}

/** A payment administrator of the configured digital promotion office, as the staff authenticator would give them. */
export async function makePaymentAdmin(app: TestApp, loginId: string): Promise<StaffActor> {
  const db = app.ctx.db;
  const code = app.ctx.config.payments.adminDepartmentCode;
  await db.query('INSERT INTO departments (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [code, 'デジタル推進課']);
  const dept = await db.query<{ id: string }>('SELECT id FROM departments WHERE code = $1', [code]);
  const departmentId = dept.rows[0]!.id;
  const s = await db.query<{ id: string }>(
    `INSERT INTO staff (login_id, display_name, password_hash, must_change_password) VALUES ($1, $2, 'x', false) RETURNING id`,
    [loginId, loginId],
  );
  const id = s.rows[0]!.id;
  await db.query(`INSERT INTO staff_memberships (staff_id, department_id, role) VALUES ($1, $2, 'payment_admin')`, [id, departmentId]);
  return {
    kind: 'staff',
    id,
    loginId,
    displayName: loginId,
    memberships: [{ departmentId, departmentCode: code, departmentName: 'デジタル推進課', role: 'payment_admin' }],
    currentDepartmentId: departmentId,
    isSysAdmin: false,
    sessionTokenHash: 'x',
    csrfToken: 'x',
    mustChangePassword: false,
    mfaPending: false,
    mfaSetupRequired: false,
    passwordRenewalDue: false,
  };
}
