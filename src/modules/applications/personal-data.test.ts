/**
 * The e-applications register on the demo data: each demo procedure is a scope in its department, a
 * procedure's personal fields join as items of their class (and 'none' fields do not), and payment rows find
 * their scope and person through their application, or the payments scope once it is erased.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../../test/helpers.js';
import type { PersonalItem, Scope } from '../../platform/personal-data.js';
import { applicationsPersonalData as register } from './personal-data.js';

const definition = {
  format: 'madoguchi.procedure/1',
  title: { ja: '療養費の申請（試験）', en: 'Medical expenses (test)' },
  description: { ja: '試験用' },
  eligibility: { ja: '試験用' },
  steps: [
    {
      title: { ja: '申請内容' },
      fields: [
        { key: 'email', label: { ja: 'メール' }, type: 'email', required: true, privacy: 'personal' },
        { key: 'diagnosis', label: { ja: '傷病名', en: 'Diagnosis' }, type: 'longText', required: true, privacy: 'sensitive' },
        { key: 'kojin_bango', label: { ja: '個人番号' }, type: 'text', required: true, privacy: 'my_number' },
        { key: 'copies', label: { ja: '通数' }, type: 'number', required: true, privacy: 'none' },
      ],
    },
  ],
  contactEmailField: 'email',
  retentionDays: 400,
  identityDocuments: { required: false, kinds: [] },
  collectsMyNumber: true,
  fee: null,
};

describe('applications: personal data register', () => {
  let app: TestApp;
  let scopes: Scope[];
  let defined: PersonalItem[];
  let shimin: string;
  let draftProcedure: string;

  before(async () => {
    app = await startTestApp({ demo: true });
    const db = app.ctx.db;
    shimin = (await db.query<{ id: string }>("SELECT id::text AS id FROM departments WHERE code = 'shimin'")).rows[0]!.id;
    // a procedure still being built (never published): its draft version names it
    draftProcedure = (
      await db.query<{ id: string }>('INSERT INTO app_procedures (department_id, created_at) VALUES ($1, now()) RETURNING id::text AS id', [
        shimin,
      ])
    ).rows[0]!.id;
    await db.query('INSERT INTO app_procedure_versions (procedure_id, version, definition, created_at) VALUES ($1, 1, $2, now())', [
      draftProcedure,
      JSON.stringify(definition),
    ]);
    await db.query("UPDATE app_procedures SET sensitive_readers = ARRAY['dept-admin'] WHERE id = $1", [draftProcedure]);
    scopes = await register.scopes(db);
    defined = await register.definedItems!(db);
  });
  after(() => app?.close());

  it('lists every demo procedure as a public scope of its department, a draft one as not public, and the payments scope', async () => {
    const r = await app.ctx.db.query<{ code: string; id: string }>('SELECT code, id::text AS id FROM departments');
    const codeOf = new Map(r.rows.map((d) => [d.id, d.code]));
    const seen = scopes
      .map((s) => `${s.label.ja} ${s.departmentId ? codeOf.get(s.departmentId) : '-'} ${s.zone} ${s.isPublic}`)
      .sort((a, b) => a.localeCompare(b, 'ja'));
    assert.deepEqual(
      seen,
      [
        '住民票の写し等の郵送請求 shimin internet true',
        '水道の使用開始・中止（開栓・閉栓） suido internet true',
        '戸籍証明書の郵送請求（確認後のお支払い） shimin internet true',
        '創業セミナー（全4回）の参加申込 shoukou internet true',
        '電子申請の決済記録（申請の消去後に残るもの） - internet false',
        '療養費の申請（試験） shimin internet false',
      ].sort((a, b) => a.localeCompare(b, 'ja')),
    );
    assert.ok(scopes.some((s) => s.id === `procedure:${draftProcedure}`));
  });

  it('makes each personal field an item of its procedure: sensitive, My Number and identity documents by class, none left out', () => {
    const mine = defined.filter((i) => i.scopes?.includes(`procedure:${draftProcedure}`));
    assert.deepEqual(
      mine.map((i) => [i.key.split('.')[1], i.category, i.isSensitive]),
      [
        ['email', 'contact', false],
        ['diagnosis', 'application_answer', true],
        ['kojin_bango', 'government_id', false],
      ],
    );
    const diagnosis = mine.find((i) => i.key === `procedure:${draftProcedure}.diagnosis`)!;
    assert.deepEqual(diagnosis.label, { ja: '傷病名', en: 'Diagnosis' });
    assert.deepEqual(diagnosis.storedAt[0], {
      table: 'app_applications',
      column: 'answers_enc',
      property: 'diagnosis',
      protection: 'encrypted',
    });
    assert.match(diagnosis.retention.ja, /400日/);
    // read only by the roles the procedure allows; other personal answers by the whole inbox
    assert.deepEqual([diagnosis.readers.roles, diagnosis.readers.departments], [['dept-admin'], 'owning']);
    assert.deepEqual(mine[0]?.readers.roles, ['sys-admin', 'dept-admin', 'staff']);
    // only the contact e-mail field goes to the mail server
    assert.deepEqual(
      mine.map((i) => i.recipients.map((x) => x.to)),
      [['mail_server'], [], []],
    );

    // the demo's 住民票 procedure: the identity document image is stored as a file; 'copies' (none) is no item
    const juminhyo = scopes.find((s) => s.label.ja === '住民票の写し等の郵送請求')!;
    const its = defined.filter((i) => i.key.startsWith(`${juminhyo.id}.`));
    const image = its.find((i) => i.key === `${juminhyo.id}.id_image`)!;
    assert.equal(image.category, 'identity_document');
    assert.equal(image.isSensitive, false);
    assert.equal(image.storedAt[0]?.table, 'app_files');
    assert.equal(
      its.some((i) => i.key === `${juminhyo.id}.copies`),
      false,
    );
    assert.equal(its.length, 9);
  });

  it('gives the fee and payment items (what the payment provider receives) only to procedures with a fee', () => {
    const title = (id: string) => scopes.find((s) => s.id === id)?.label.ja ?? id;
    for (const key of ['applications.fee', 'applications.payment', 'applications.refund_reason']) {
      const i = defined.find((x) => x.key === key)!;
      assert.deepEqual(
        i.scopes?.map(title).sort((a, b) => a.localeCompare(b, 'ja')),
        ['住民票の写し等の郵送請求', '戸籍証明書の郵送請求（確認後のお支払い）', '電子申請の決済記録（申請の消去後に残るもの）'].sort(
          (a, b) => a.localeCompare(b, 'ja'),
        ),
        key,
      );
    }
    const provider = [...register.items, ...defined].filter((i) => i.recipients.some((r) => r.to === 'payment_provider'));
    assert.deepEqual(
      provider.map((i) => i.key),
      ['applications.payment'],
    );
  });

  it('files a payment under its application’s procedure and person, and under the payments scope once the application is erased', async () => {
    const db = app.ctx.db;
    const a = (
      await db.query<{ id: string; procedure_id: string }>(
        `SELECT a.id::text AS id, a.procedure_id::text AS procedure_id FROM app_applications a WHERE a.line_user_id IS NULL ORDER BY a.submitted_at LIMIT 1`,
      )
    ).rows[0]!;
    await db.query(
      `INSERT INTO app_payments (application_id, reference_number, provider, idempotency_key, amount, status, created_at, expires_at)
       VALUES ($1, 'ABCDEFGHJK', 'fake', 'k1', 300, 'paid', now(), now()), (NULL, 'ZZZZZZZZZZ', 'fake', 'k2', 450, 'paid', now(), now())`,
      [a.id],
    );
    const table = register.tables.find((t) => t.table === 'app_payments')!;
    const r = await db.query<{ scope: string; person: string; ref: string }>(
      `SELECT ${table.scope} AS scope, ${table.person} AS person, t.reference_number AS ref FROM app_payments t ORDER BY t.reference_number`,
    );
    assert.deepEqual(r.rows, [
      { scope: `procedure:${a.procedure_id}`, person: a.id, ref: 'ABCDEFGHJK' },
      { scope: 'module:applications-payments', person: 'ZZZZZZZZZZ', ref: 'ZZZZZZZZZZ' },
    ]);
  });
});
