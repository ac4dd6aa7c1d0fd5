/**
 * Test factories for the inbox (synthetic data only): a procedure in a given department and
 * applications inserted as the submission code stores them (answers and e-mail encrypted with the
 * same contexts), in any status, with an optional counted payment.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import type { ApplicationStatus } from '../application-status.js';
import { procedureDefinitionSchema, type ProcedureDefinition } from '../procedures/definition.js';
import { CONTEXTS } from './inbox.repository.js';

/** Two steps: applicant (name, e-mail, a sensitive health note), request (copies, an identity document). */
export function inboxDefinition(overrides: Partial<ProcedureDefinition> = {}): ProcedureDefinition {
  return procedureDefinitionSchema.parse({
    format: 'madoguchi.procedure/1',
    title: { ja: '証明書の郵送請求', en: 'Certificate by post' },
    description: { ja: '証明書を郵送で請求します。', en: 'Ask for a certificate by post.' },
    eligibility: { ja: '本人', en: 'You' },
    steps: [
      {
        title: { ja: '申請者', en: 'Applicant' },
        fields: [
          { key: 'name', label: { ja: '氏名', en: 'Full name' }, type: 'text', required: true, privacy: 'personal' },
          { key: 'email', label: { ja: 'メールアドレス', en: 'E-mail' }, type: 'email', required: true, privacy: 'personal' },
          { key: 'health', label: { ja: '健康状態', en: 'Health' }, type: 'longText', required: false, privacy: 'sensitive' },
        ],
      },
      {
        title: { ja: '請求の内容', en: 'Request' },
        fields: [
          { key: 'copies', label: { ja: '通数', en: 'Copies' }, type: 'number', required: true, privacy: 'none' },
          { key: 'memo', label: { ja: 'メモ', en: 'Memo' }, type: 'text', required: false, privacy: 'personal' },
          {
            key: 'id_doc',
            label: { ja: '本人確認書類', en: 'Identity document' },
            type: 'file',
            required: false,
            privacy: 'identity_document',
          },
        ],
      },
    ],
    contactEmailField: 'email',
    applicantNameField: 'name',
    retentionDays: 30,
    identityDocuments: { required: false, kinds: [] },
    collectsMyNumber: false,
    fee: null,
    ...overrides,
  });
}

export async function makeInboxProcedure(ctx: AppContext, departmentId: string, definition = inboxDefinition()): Promise<string> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const p = await tx.query<{ id: string }>(
      'INSERT INTO app_procedures (department_id, published_version, created_at) VALUES ($1, 1, $2) RETURNING id::text AS id',
      [departmentId, now],
    );
    const id = p.rows[0]!.id;
    await tx.query(
      'INSERT INTO app_procedure_versions (procedure_id, version, definition, published_at, created_at) VALUES ($1, 1, $2, $3, $3)',
      [id, JSON.stringify(definition), now],
    );
    return id;
  });
}

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const referenceNumber = () => Array.from(crypto.randomBytes(10), (b) => ALPHABET[b % ALPHABET.length]).join('');

export async function insertApplication(
  ctx: AppContext,
  o: {
    procedureId: string;
    departmentId: string;
    answers: Record<string, unknown>;
    status?: ApplicationStatus;
    feeAmount?: number | null;
    lang?: 'ja' | 'en';
    lineUserId?: string | null;
    submittedAt?: Date;
    retainUntil?: Date | null;
  },
): Promise<{ id: string; referenceNumber: string }> {
  const now = o.submittedAt ?? ctx.clock.now();
  const ref = referenceNumber();
  const email = typeof o.answers.email === 'string' ? o.answers.email : null;
  const r = await ctx.db.query<{ id: string }>(
    `INSERT INTO app_applications (reference_number, access_token_hash, procedure_id, procedure_version, department_id, status, lang,
       answers_enc, email_enc, line_user_id, fee_amount, submitted_at, updated_at, status_changed_at, retain_until)
     VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $11, $11, $12) RETURNING id::text AS id`,
    [
      ref,
      crypto.randomBytes(32).toString('hex'),
      o.procedureId,
      o.departmentId,
      o.status ?? 'received',
      o.lang ?? 'ja',
      ctx.crypto.encrypt(JSON.stringify(o.answers), CONTEXTS.answers),
      email ? ctx.crypto.encrypt(email, CONTEXTS.email) : null,
      o.lineUserId ?? null,
      o.feeAmount ?? null,
      now,
      o.retainUntil ?? null,
    ],
  );
  const id = r.rows[0]!.id;
  await ctx.db.query(`INSERT INTO app_status_history (application_id, status, changed_at, actor_type) VALUES ($1, $2, $3, 'citizen')`, [
    id,
    o.status ?? 'received',
    now,
  ]);
  return { id, referenceNumber: ref };
}

/** A counted, paid payment of the application (what the payments part records when the provider confirms). */
export async function insertPaidPayment(ctx: AppContext, app: { id: string; referenceNumber: string }, amount: number): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.query(
    `INSERT INTO app_payments (application_id, reference_number, provider, provider_payment_id, idempotency_key, amount, status, counted,
       method, created_at, expires_at, paid_at, final_at)
     VALUES ($1, $2, 'stripe', $3, $4, $5, 'paid', true, 'card', $6, $6, $6, $6)`,
    [app.id, app.referenceNumber, `cs_test_${crypto.randomBytes(8).toString('hex')}`, crypto.randomUUID(), amount, now],
  );
}
