/** Test factories for the citizen flow (synthetic data only): a department and a published procedure. */
import crypto from 'node:crypto';
import type { AppContext } from '../../../platform/context.js';
import { procedureDefinitionSchema, type ProcedureDefinition } from '../procedures/definition.js';

/** A procedure of three steps: applicant (name, kana, e-mail), request (kind; a reason shown only for 'other'; copies), confirmation. */
export function sampleDefinition(overrides: Partial<ProcedureDefinition> = {}): ProcedureDefinition {
  return procedureDefinitionSchema.parse({
    format: 'madoguchi.procedure/1',
    title: { ja: '住民票の写しの郵送請求', en: 'Residence certificate by post' },
    description: { ja: '住民票の写しを郵送で請求します。', en: 'Ask for a residence certificate by post.' },
    eligibility: { ja: '本人または同一世帯の方', en: 'You or a member of your household' },
    steps: [
      {
        title: { ja: '申請者', en: 'Applicant' },
        fields: [
          { key: 'name', label: { ja: '氏名', en: 'Full name' }, type: 'text', required: true, privacy: 'personal' },
          { key: 'name_kana', label: { ja: 'フリガナ', en: 'Name in katakana' }, type: 'kana', required: true, privacy: 'personal' },
          { key: 'email', label: { ja: 'メールアドレス', en: 'E-mail' }, type: 'email', required: true, privacy: 'personal' },
        ],
      },
      {
        title: { ja: '請求の内容', en: 'Request' },
        fields: [
          {
            key: 'purpose',
            label: { ja: '使いみち', en: 'Purpose' },
            type: 'choice',
            display: 'radio',
            required: true,
            privacy: 'none',
            options: [
              { value: 'job', label: { ja: '就職', en: 'Employment' } },
              { value: 'other', label: { ja: 'その他', en: 'Other' } },
            ],
          },
          {
            key: 'purpose_other',
            label: { ja: 'その他の使いみち', en: 'Other purpose' },
            type: 'text',
            required: true,
            privacy: 'personal',
            showIf: { field: 'purpose', equals: ['other'] },
          },
          {
            key: 'copies',
            label: { ja: '通数', en: 'Copies' },
            type: 'number',
            required: true,
            privacy: 'none',
            validation: { min: 1, max: 10, integer: true },
          },
        ],
      },
      {
        title: { ja: '備考', en: 'Notes' },
        fields: [{ key: 'note', label: { ja: '備考', en: 'Notes' }, type: 'longText', required: false, privacy: 'sensitive' }],
      },
    ],
    contactEmailField: 'email',
    applicantNameField: 'name',
    retentionDays: 365,
    identityDocuments: { required: false, kinds: [] },
    collectsMyNumber: false,
    fee: { kind: 'per_unit', unitPrice: 300, quantityField: 'copies', unitLabel: { ja: '通', en: 'copies' }, timing: 'on_submission' },
    revenueAccountCode: '14-01-01',
    ...overrides,
  });
}

export async function makeProcedure(
  ctx: AppContext,
  definition: ProcedureDefinition = sampleDefinition(),
): Promise<{ procedureId: string; departmentId: string }> {
  const code = `a${crypto.randomBytes(4).toString('hex')}`;
  const dept = await ctx.db.query<{ id: string }>('INSERT INTO departments (code, name) VALUES ($1, $2) RETURNING id', [
    code,
    `${code} 課`,
  ]);
  const departmentId = dept.rows[0]?.id as string;
  const now = ctx.clock.now();
  const procedureId = await ctx.db.transaction(async (tx) => {
    const p = await tx.query<{ id: string }>(
      'INSERT INTO app_procedures (department_id, published_version, created_at) VALUES ($1, 1, $2) RETURNING id',
      [departmentId, now],
    );
    const id = p.rows[0]?.id as string;
    await tx.query(
      'INSERT INTO app_procedure_versions (procedure_id, version, definition, published_at, created_at) VALUES ($1, 1, $2, $3, $3)',
      [id, JSON.stringify(definition), now],
    );
    return id;
  });
  return { procedureId, departmentId };
}

/** Answers that pass sampleDefinition's checks. */
export const sampleAnswers = () => ({
  name: '窓口 花子',
  name_kana: 'まどぐち はなこ',
  email: 'hanako@example.jp',
  purpose: 'job',
  copies: '2',
});
