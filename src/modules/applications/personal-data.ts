/**
 * The personal data of e-applications (the privacy register, src/platform/personal-data.ts). One scope per
 * procedure (`procedure:<id>`, its department, the title of its published or else newest version), and one
 * for payment records whose application was already erased. Besides the items declared here, every field a
 * procedure's staff defined with a privacy class other than 'none' joins the register as its own item
 * (`procedure:<id>.<field key>`), stored inside the encrypted answers of applications and saved forms and,
 * for a file field, in the attachments.
 *
 * A person is an application's LINE user id when it came through LINE, else the application itself: the
 * e-mail address is encrypted without a blind index, so two applications of one person cannot be joined.
 */
import type { Queryable } from '../../platform/db.js';
import type { DataCategory, PersonalDataRegister, PersonalItem, Readers, Scope, StoredAt } from '../../platform/personal-data.js';
import { applicationsPersonalDataMessages as m } from './personal-data.messages.js';
import { allFields, type FieldDefinition, type PrivacyClass, procedureDefinitionSchema } from './procedures/definition.js';

const PAYMENTS_SCOPE = 'module:applications-payments';

const enc = (table: string, column: string, property?: string): StoredAt => ({ table, column, property, protection: 'encrypted' });
const plain = (table: string, column: string): StoredAt => ({ table, column, protection: 'plain' });
const hashed = (table: string, column: string): StoredAt => ({ table, column, protection: 'hashed' });

/** Inbox staff: every member of the procedure's department except payment administrators (applications.policy.ts). */
const inbox: Readers = { roles: ['sys-admin', 'dept-admin', 'staff'], departments: 'owning' };

/** SQL: the person of the application `id` (see the module comment). */
const personOfApplication = (id: string) => `(SELECT COALESCE(a.line_user_id, a.id::text) FROM app_applications a WHERE a.id = ${id})`;
const procedureOfApplication = (id: string) => `(SELECT 'procedure:' || a.procedure_id FROM app_applications a WHERE a.id = ${id})`;

const items: PersonalItem[] = [
  {
    key: 'applications.answers',
    label: m.text('answers.label'),
    category: 'application_answer',
    subject: 'citizen',
    isSensitive: false,
    purpose: m.text('purpose.handle'),
    storedAt: [enc('app_applications', 'answers_enc'), enc('app_drafts', 'answers_enc')],
    readers: { ...inbox, others: m.text('others.applicant') },
    recipients: [],
    retention: m.text('retention.application'),
  },
  {
    key: 'applications.email',
    label: m.text('email.label'),
    category: 'contact',
    subject: 'citizen',
    isSensitive: false,
    purpose: m.text('purpose.notify'),
    storedAt: [enc('app_applications', 'email_enc'), enc('app_drafts', 'email_enc')],
    readers: { ...inbox, others: m.text('others.applicant') },
    recipients: [{ to: 'mail_server', receives: m.text('recipient.mail') }],
    retention: m.text('retention.application'),
  },
  {
    key: 'applications.line_user_id',
    label: m.text('lineUserId.label'),
    category: 'online_identifier',
    subject: 'citizen',
    isSensitive: false,
    purpose: m.text('purpose.line'),
    storedAt: [plain('app_applications', 'line_user_id')],
    readers: { roles: [], departments: 'none' },
    recipients: [{ to: 'line', receives: m.text('recipient.line') }],
    retention: m.text('retention.application'),
  },
  {
    key: 'applications.reference_number',
    label: m.text('referenceNumber.label'),
    category: 'government_id',
    subject: 'citizen',
    isSensitive: false,
    purpose: m.text('purpose.reference'),
    storedAt: [plain('app_applications', 'reference_number')],
    readers: { ...inbox, others: m.text('others.applicant') },
    recipients: [
      { to: 'mail_server', receives: m.text('recipient.referenceMail') },
      { to: 'line', receives: m.text('recipient.referenceLine') },
    ],
    retention: m.text('retention.application'),
  },
  {
    key: 'applications.access_token',
    label: m.text('accessToken.label'),
    category: 'credential',
    subject: 'citizen',
    isSensitive: false,
    purpose: m.text('purpose.token'),
    storedAt: [
      hashed('app_applications', 'access_token_hash'),
      hashed('app_drafts', 'resume_token_hash'),
      hashed('app_files', 'owner_token_hash'),
    ],
    readers: { roles: [], departments: 'none' },
    recipients: [],
    retention: m.text('retention.application'),
  },
  {
    key: 'applications.status_comment',
    label: m.text('statusComment.label'),
    category: 'free_text',
    subject: 'citizen',
    isSensitive: false,
    purpose: m.text('purpose.comment'),
    storedAt: [enc('app_status_history', 'comment_enc')],
    readers: { ...inbox, others: m.text('others.applicant') },
    recipients: [{ to: 'mail_server', receives: m.text('recipient.mailComment') }],
    retention: m.text('retention.application'),
  },
  {
    key: 'applications.note',
    label: m.text('note.label'),
    category: 'free_text',
    subject: 'citizen',
    isSensitive: false,
    purpose: m.text('purpose.note'),
    storedAt: [enc('app_notes', 'body_enc')],
    readers: inbox,
    recipients: [],
    retention: m.text('retention.application'),
  },
  {
    key: 'applications.attachment',
    label: m.text('attachment.label'),
    category: 'application_answer',
    subject: 'citizen',
    isSensitive: false,
    purpose: m.text('purpose.attachment'),
    storedAt: [enc('app_files', 'content_enc'), enc('app_files', 'filename_enc')],
    readers: { ...inbox, others: m.text('others.masked') },
    recipients: [],
    retention: m.text('retention.files'),
  },
];

/**
 * Fees and payments: only procedures that charge a fee (in any version: applications keep theirs) hold them,
 * and the payments scope holds what stays of them after an application was erased. The fee is defined on the
 * procedure's screen, so these items come with the defined ones, scoped to those procedures.
 */
function paymentItems(scopes: string[]): PersonalItem[] {
  const items: Omit<PersonalItem, 'scopes'>[] = [
    {
      key: 'applications.fee',
      label: m.text('fee.label'),
      category: 'payment',
      subject: 'citizen',
      isSensitive: false,
      purpose: m.text('purpose.fee'),
      storedAt: [plain('app_applications', 'fee_amount'), plain('app_applications', 'fee_quantity')],
      readers: { ...inbox, others: m.text('others.applicant') },
      recipients: [],
      retention: m.text('retention.application'),
    },
    {
      key: 'applications.payment',
      label: m.text('payment.label'),
      category: 'payment',
      subject: 'citizen',
      isSensitive: false,
      purpose: m.text('purpose.fee'),
      storedAt: [
        plain('app_payments', 'amount'),
        plain('app_payments', 'reference_number'),
        plain('app_payments', 'refunded_amount'),
        plain('app_payments', 'method'),
        plain('app_refunds', 'amount'),
      ],
      readers: { ...inbox, others: m.text('others.applicantAndPaymentAdmin') },
      recipients: [{ to: 'payment_provider', receives: m.text('recipient.provider') }],
      retention: m.text('retention.payment'),
    },
    {
      key: 'applications.refund_reason',
      label: m.text('refundReason.label'),
      category: 'free_text',
      subject: 'citizen',
      isSensitive: false,
      purpose: m.text('purpose.refundReason'),
      storedAt: [plain('app_refunds', 'reason')],
      readers: { roles: ['payment_admin'], departments: 'all', others: m.text('others.paymentAdmin') },
      recipients: [],
      retention: m.text('retention.payment'),
    },
  ];
  return items.map((i) => ({ ...i, scopes }));
}

/** A defined field's category: by its privacy class, then (for plain personal answers) by its type. */
function categoryOf(f: FieldDefinition): DataCategory {
  if (f.privacy === 'identity_document') return 'identity_document';
  if (f.privacy === 'my_number') return 'government_id';
  if (f.privacy === 'personal') {
    if (f.type === 'email' || f.type === 'phone') return 'contact';
    if (f.type === 'postalCode') return 'address';
    if (f.type === 'kana') return 'name';
  }
  return 'application_answer';
}

const MASKED: ReadonlySet<PrivacyClass> = new Set(['identity_document', 'my_number']);

type VersionRow = {
  procedure_id: string;
  department_id: string;
  is_current: boolean;
  is_public: boolean;
  /** Roles of the department that may read sensitive answers (migration 0055). */
  sensitive_readers: string[];
  definition: unknown;
};

/** Every version of every procedure, the published one (or else the newest) first per procedure. */
async function versions(db: Queryable): Promise<VersionRow[]> {
  const r = await db.query<VersionRow>(
    `SELECT p.id::text AS procedure_id, p.department_id::text AS department_id,
            (v.version = COALESCE(p.published_version, (SELECT max(x.version) FROM app_procedure_versions x WHERE x.procedure_id = p.id))) AS is_current,
            (p.published_version IS NOT NULL AND p.archived_at IS NULL) AS is_public, p.sensitive_readers, v.definition
       FROM app_procedures p JOIN app_procedure_versions v ON v.procedure_id = p.id
      ORDER BY p.id, 3 DESC, v.version DESC`,
  );
  return r.rows;
}

const parse = (d: unknown) => procedureDefinitionSchema.parse(typeof d === 'string' ? JSON.parse(d) : d);
const bilingual = (t: { ja: string; en?: string | undefined }) => ({ ja: t.ja, en: t.en || t.ja });

async function scopes(db: Queryable): Promise<Scope[]> {
  const out: Scope[] = [];
  for (const v of await versions(db)) {
    if (!v.is_current) continue;
    out.push({
      id: `procedure:${v.procedure_id}`,
      label: bilingual(parse(v.definition).title),
      departmentId: v.department_id,
      zone: 'internet',
      isPublic: v.is_public,
    });
  }
  out.push({ id: PAYMENTS_SCOPE, label: m.text('scope.payments'), departmentId: null, zone: 'internet', isPublic: false });
  return out;
}

/**
 * One item per personal field of each procedure. Applications keep the version they were filled in, so the
 * fields of every version count; a key's label, class and retention come from the newest version that has it
 * (the published one first). Sensitive answers are read only by the roles the procedure allows
 * (app_procedures.sensitive_readers). Then the fee and payment items, scoped to the procedures with a fee.
 */
async function definedItems(db: Queryable): Promise<PersonalItem[]> {
  const out = new Map<string, PersonalItem>();
  const withFee = new Set<string>();
  for (const v of await versions(db)) {
    const def = parse(v.definition);
    const scope = `procedure:${v.procedure_id}`;
    if (def.fee) withFee.add(scope);
    const title = bilingual(def.title);
    for (const f of allFields(def)) {
      const key = `${scope}.${f.key}`;
      if (f.privacy === 'none' || out.has(key)) continue;
      const storedAt = [enc('app_applications', 'answers_enc', f.key), enc('app_drafts', 'answers_enc', f.key)];
      out.set(key, {
        key,
        label: bilingual(f.label),
        category: categoryOf(f),
        subject: 'citizen',
        isSensitive: f.privacy === 'sensitive',
        purpose: { ja: m.t('ja', 'purpose.field', { title: title.ja }), en: m.t('en', 'purpose.field', { title: title.en }) },
        // the file itself is where a file field's answer (its id) points
        storedAt: f.type === 'file' ? [enc('app_files', 'content_enc'), enc('app_files', 'filename_enc'), ...storedAt] : storedAt,
        readers:
          f.privacy === 'sensitive'
            ? {
                roles: v.sensitive_readers,
                departments: v.sensitive_readers.length ? 'owning' : 'none',
                others: m.text('others.sensitive'),
              }
            : { ...inbox, others: m.text(MASKED.has(f.privacy) ? 'others.masked' : 'others.applicant') },
        recipients: f.key === def.contactEmailField ? [{ to: 'mail_server', receives: m.text('recipient.fieldMail') }] : [],
        retention: m.text('retention.field', { days: def.retentionDays }),
        scopes: [scope],
      });
    }
  }
  return [...out.values(), ...paymentItems([...withFee, PAYMENTS_SCOPE])];
}

export const applicationsPersonalData: PersonalDataRegister = {
  module: 'applications',
  tables: [
    {
      table: 'app_applications',
      scope: `'procedure:' || t.procedure_id`,
      person: 'COALESCE(t.line_user_id, t.id::text)',
      subject: 'citizen',
      createdAt: 't.submitted_at',
      contact: { email: enc('app_applications', 'email_enc'), line: plain('app_applications', 'line_user_id') },
      auditRecordType: 'application',
      nonPersonal: [
        'id',
        'procedure_id',
        'procedure_version',
        'department_id',
        'status',
        'channel',
        'lang',
        'correction_fields',
        'payable_since',
        'assigned_staff_id',
        'submitted_at',
        'updated_at',
        'status_changed_at',
        'retain_until',
      ],
    },
    {
      table: 'app_drafts',
      scope: `'procedure:' || t.procedure_id`,
      person: `'draft:' || t.id`,
      subject: 'citizen',
      createdAt: 't.created_at',
      contact: { email: enc('app_drafts', 'email_enc') },
      nonPersonal: ['id', 'procedure_id', 'procedure_version', 'step', 'lang', 'created_at', 'updated_at', 'expires_at'],
    },
    {
      table: 'app_files',
      // an upload no application or saved form claimed yet belongs to no procedure (deleted after a day)
      scope: `COALESCE(${procedureOfApplication('t.application_id')}, (SELECT 'procedure:' || d.procedure_id FROM app_drafts d WHERE d.id = t.draft_id))`,
      person: `COALESCE(${personOfApplication('t.application_id')}, 'draft:' || t.draft_id, 'upload:' || t.id)`,
      subject: 'citizen',
      createdAt: 't.created_at',
      auditRecordType: 'app_file',
      nonPersonal: [
        'id',
        'application_id',
        'draft_id',
        'field_key',
        'content_type',
        'size_bytes',
        'sha256',
        'scan_status',
        'metadata_stripped',
        'created_at',
      ],
    },
    {
      table: 'app_status_history',
      scope: procedureOfApplication('t.application_id'),
      person: personOfApplication('t.application_id'),
      subject: 'citizen',
      createdAt: 't.changed_at',
      holdsData: 't.comment_enc IS NOT NULL',
      auditRecordType: 'application',
      auditRecordKey: 'application_id',
      nonPersonal: ['id', 'application_id', 'status', 'correction_fields', 'changed_at', 'changed_by_staff_id', 'actor_type'],
    },
    {
      table: 'app_notes',
      scope: procedureOfApplication('t.application_id'),
      person: personOfApplication('t.application_id'),
      subject: 'citizen',
      createdAt: 't.created_at',
      auditRecordType: 'application',
      auditRecordKey: 'application_id',
      nonPersonal: ['id', 'application_id', 'staff_id', 'created_at'],
    },
    {
      table: 'app_payments',
      scope: `COALESCE(${procedureOfApplication('t.application_id')}, '${PAYMENTS_SCOPE}')`,
      person: `COALESCE(${personOfApplication('t.application_id')}, t.reference_number)`,
      subject: 'citizen',
      createdAt: 't.created_at',
      auditRecordType: 'app_payment',
      nonPersonal: [
        'id',
        'application_id',
        'provider',
        'provider_payment_id',
        'provider_payment_intent',
        'idempotency_key',
        'currency',
        'status',
        'counted',
        'hosted_url',
        'revenue_account_code',
        'created_at',
        'expires_at',
        'paid_at',
        'final_at',
        'last_checked_at',
        'next_check_at',
      ],
    },
    {
      table: 'app_refunds',
      scope: `(SELECT COALESCE(${procedureOfApplication('p.application_id')}, '${PAYMENTS_SCOPE}') FROM app_payments p WHERE p.id = t.payment_id)`,
      person: `(SELECT COALESCE(${personOfApplication('p.application_id')}, p.reference_number) FROM app_payments p WHERE p.id = t.payment_id)`,
      subject: 'citizen',
      createdAt: 't.requested_at',
      auditRecordType: 'app_refund',
      nonPersonal: [
        'id',
        'payment_id',
        'status',
        'automatic',
        'requested_by',
        'requested_at',
        'decided_by',
        'decided_at',
        'provider_refund_id',
        'idempotency_key',
      ],
    },
  ],
  nonPersonalTables: [
    // not this module's own (migration 0001's platform settings), but app_-prefixed: declared here so it is declared once
    { table: 'app_settings', why: "the platform's key/value settings (migration 0001); nothing writes it today" },
    {
      table: 'app_procedures',
      why: 'procedures: department, published version, archiving, the roles allowed to read sensitive answers, creation (staff id)',
    },
    { table: 'app_procedure_versions', why: 'the forms staff build: titles, fields, fees, retention; no answers' },
    {
      table: 'app_payment_events',
      why: "the payment provider's notifications: the provider's event and payment ids, event type and outcome only",
    },
  ],
  items,
  scopes,
  definedItems,
};
