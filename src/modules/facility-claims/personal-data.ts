/**
 * The personal data of childcare facility claims (the privacy register, src/platform/personal-data.ts): the
 * facility users who log in to the portal, the staff roster (職員名簿) each facility keeps, the forms that
 * carry its lines, and the children counts (aggregate: no child's name is stored). One scope per facility
 * (`facility:<id>`), filed under the facility childcare division (FACILITY_REVIEW_DEPARTMENT), and one for the
 * module's own records (price tables).
 *
 * People: a facility user is their e-mail address's blind index; a roster member is their row. Counts,
 * reviews and submissions are about a facility, not one person.
 */
import type { Queryable } from '../../platform/db.js';
import type { PersonalDataRegister, PersonalItem, Readers, Scope, StoredAt } from '../../platform/personal-data.js';
import { facilityPersonalDataMessages as m } from './personal-data.messages.js';

const MODULE_SCOPE = 'module:facility-claims';

/**
 * The review division's department code (config.facility.reviewDepartmentCode), set when the module is
 * attached to a context; the register's scopes read only the database. The default is config.ts's.
 */
let reviewDepartmentCode = 'hoiku-shisetsu';
export function useReviewDepartment(code: string): void {
  reviewDepartmentCode = code;
}

const enc = (table: string, column: string, property?: string): StoredAt => ({ table, column, property, protection: 'encrypted' });
const plain = (table: string, column: string): StoredAt => ({ table, column, protection: 'plain' });
const hashed = (table: string, column: string): StoredAt => ({ table, column, protection: 'hashed' });

/** Members of the facility childcare division (the scope's department; facility.policy.ts 'view'). */
const division: Readers = { roles: ['sys-admin', 'dept-admin', 'staff'], departments: 'owning' };
const nobody: Readers = { roles: [], departments: 'none' };

type Key = Parameters<typeof m.text>[0];
type ItemSpec = Omit<PersonalItem, 'key' | 'label' | 'purpose' | 'retention' | 'isSensitive'> & {
  label: Key;
  purpose: Key;
  retention: Key;
};
const item = (key: string, s: ItemSpec): PersonalItem => ({
  ...s,
  key: `facility-claims.${key}`,
  label: m.text(s.label),
  purpose: m.text(s.purpose),
  retention: m.text(s.retention),
  isSensitive: false,
});

const noRecipients = { recipients: [] } as const;

const items: PersonalItem[] = [
  // facilities: a person runs some (家庭的保育)
  item('operator_name', {
    ...noRecipients,
    label: 'operatorName.label',
    category: 'name',
    subject: 'facility_staff',
    purpose: 'purpose.facility',
    storedAt: [plain('fc_facilities', 'operator_name')],
    readers: { ...division, others: m.text('others.facility') },
    retention: 'retention.facility',
  }),
  item('facility_address', {
    ...noRecipients,
    label: 'facilityAddress.label',
    category: 'address',
    subject: 'facility_staff',
    purpose: 'purpose.facility',
    // the form's header copies the facility's profile (shared/types.ts FacilityProfile)
    storedAt: [plain('fc_facilities', 'address'), plain('fc_facilities', 'postal_code'), enc('fc_submissions', 'content_enc', 'facility')],
    readers: { ...division, others: m.text('others.facility') },
    retention: 'retention.facility',
  }),

  // facility users
  item('user_name', {
    ...noRecipients,
    label: 'userName.label',
    category: 'name',
    subject: 'facility_user',
    purpose: 'purpose.account',
    storedAt: [enc('fc_users', 'display_name_enc')],
    readers: { ...division, others: m.text('others.user') },
    retention: 'retention.user',
  }),
  item('user_email', {
    label: 'userEmail.label',
    category: 'contact',
    subject: 'facility_user',
    purpose: 'purpose.account',
    storedAt: [enc('fc_users', 'email_enc'), hashed('fc_users', 'email_index')],
    readers: { ...division, others: m.text('others.user') },
    recipients: [{ to: 'mail_server', receives: m.text('recipient.codeMail') }],
    retention: 'retention.user',
  }),
  item('user_login_id', {
    ...noRecipients,
    label: 'userLoginId.label',
    category: 'online_identifier',
    subject: 'facility_user',
    purpose: 'purpose.account',
    storedAt: [plain('fc_users', 'login_id')],
    readers: { ...division, others: m.text('others.user') },
    retention: 'retention.user',
  }),
  item('user_password', {
    ...noRecipients,
    label: 'userPassword.label',
    category: 'credential',
    subject: 'facility_user',
    purpose: 'purpose.account',
    storedAt: [hashed('fc_users', 'password_hash')],
    readers: nobody,
    retention: 'retention.user',
  }),
  item('login_code', {
    ...noRecipients,
    label: 'loginCode.label',
    category: 'credential',
    subject: 'facility_user',
    purpose: 'purpose.account',
    storedAt: [hashed('fc_otp_challenges', 'code_hash')],
    readers: nobody,
    retention: 'retention.challenge',
  }),
  item('login_ip', {
    ...noRecipients,
    label: 'loginIp.label',
    category: 'online_identifier',
    subject: 'facility_user',
    purpose: 'purpose.login',
    storedAt: [plain('fc_otp_challenges', 'client_ip')],
    readers: { ...nobody, others: m.text('others.user') },
    retention: 'retention.challenge',
  }),
  item('session', {
    ...noRecipients,
    label: 'session.label',
    category: 'credential',
    subject: 'facility_user',
    purpose: 'purpose.account',
    storedAt: [hashed('fc_sessions', 'token_hash'), plain('fc_sessions', 'csrf_token')],
    readers: nobody,
    retention: 'retention.session',
  }),

  // the staff roster (職員名簿)
  ...(
    [
      ['staff_name', 'staffName.label', 'name', enc('fc_staff', 'name_enc')],
      ['staff_kana', 'staffKana.label', 'name', enc('fc_staff', 'name_kana_enc')],
      ['staff_birth_date', 'staffBirthDate.label', 'birth_date', enc('fc_staff', 'birth_date_enc')],
      ['staff_address', 'staffAddress.label', 'address', enc('fc_staff', 'address_enc')],
      ['staff_qualification_number', 'staffQualificationNumber.label', 'qualification', enc('fc_staff', 'qualification_number_enc')],
      ['staff_qualifications', 'staffQualifications.label', 'qualification', plain('fc_staff', 'qualifications')],
    ] as const
  ).map(([key, label, category, at]) =>
    item(key, {
      ...noRecipients,
      label,
      category,
      subject: 'facility_staff',
      purpose: 'purpose.roster',
      storedAt: [at],
      readers: { ...nobody, others: m.text('others.roster') },
      retention: 'retention.roster',
    }),
  ),
  item('staff_employment', {
    ...noRecipients,
    label: 'staffEmployment.label',
    category: 'employment',
    subject: 'facility_staff',
    purpose: 'purpose.roster',
    storedAt: [
      plain('fc_staff', 'role'),
      plain('fc_staff', 'employment'),
      plain('fc_staff', 'weekly_hours'),
      plain('fc_staff', 'hired_on'),
      plain('fc_staff', 'left_on'),
      plain('fc_staff', 'prior_experience_months'),
      plain('fc_staff_history', 'kind'),
      plain('fc_staff_history', 'effective_on'),
      plain('fc_staff_history', 'role'),
      plain('fc_staff_history', 'employment'),
      plain('fc_staff_history', 'weekly_hours'),
    ],
    readers: { ...nobody, others: m.text('others.roster') },
    retention: 'retention.roster',
  }),
  item('staff_history_note', {
    ...noRecipients,
    label: 'staffHistoryNote.label',
    category: 'free_text',
    subject: 'facility_staff',
    purpose: 'purpose.roster',
    storedAt: [enc('fc_staff_history', 'note_enc')],
    readers: { ...nobody, others: m.text('others.roster') },
    retention: 'retention.roster',
  }),

  // what facilities submit, and the counts the city imports
  item('form_staff', {
    ...noRecipients,
    label: 'formStaff.label',
    category: 'employment',
    subject: 'facility_staff',
    purpose: 'purpose.review',
    storedAt: [enc('fc_submissions', 'content_enc', 'staff')],
    readers: { ...division, others: m.text('others.facility') },
    retention: 'retention.submission',
  }),
  item('child_counts', {
    ...noRecipients,
    label: 'childCounts.label',
    category: 'child_record',
    subject: 'citizen',
    purpose: 'purpose.counts',
    storedAt: [plain('fc_child_counts', 'count'), enc('fc_submissions', 'content_enc', 'counts')],
    readers: { ...division, others: m.text('others.counts') },
    retention: 'retention.counts',
  }),
  item('count_query', {
    ...noRecipients,
    label: 'countQuery.label',
    category: 'free_text',
    subject: 'facility_user',
    purpose: 'purpose.review',
    storedAt: [enc('fc_count_reviews', 'query_text_enc'), enc('fc_count_reviews', 'answer_text_enc')],
    readers: { ...division, others: m.text('others.counts') },
    retention: 'retention.counts',
  }),
  item('submission_comment', {
    ...noRecipients,
    label: 'submissionComment.label',
    category: 'free_text',
    subject: 'facility_user',
    purpose: 'purpose.review',
    storedAt: [plain('fc_submission_events', 'comment')],
    readers: { ...division, others: m.text('others.facility') },
    retention: 'retention.submission',
  }),

  // the module's own records
  item('price_importer', {
    ...noRecipients,
    label: 'priceImporter.label',
    category: 'activity_record',
    subject: 'staff',
    purpose: 'purpose.importer',
    storedAt: [plain('fc_price_tables', 'imported_by')],
    readers: nobody,
    retention: 'retention.facility',
    scopes: [MODULE_SCOPE],
  }),
];

async function scopes(db: Queryable): Promise<Scope[]> {
  const d = await db.query<{ id: string }>('SELECT id::text AS id FROM departments WHERE code = $1', [reviewDepartmentCode]);
  const departmentId = d.rows[0]?.id ?? null;
  const r = await db.query<{ id: string; name: string }>('SELECT id::text AS id, name FROM fc_facilities ORDER BY code');
  return [
    ...r.rows.map(
      (f): Scope => ({ id: `facility:${f.id}`, label: { ja: f.name, en: f.name }, departmentId, zone: 'internet', isPublic: false }),
    ),
    { id: MODULE_SCOPE, label: m.text('scope.module'), departmentId, zone: 'internet', isPublic: false },
  ];
}

const facilityOfUser = (id: string) => `(SELECT 'facility:' || u.facility_id FROM fc_users u WHERE u.id = ${id})`;
const personOfUser = (id: string) => `(SELECT u.email_index FROM fc_users u WHERE u.id = ${id})`;

export const facilityPersonalData: PersonalDataRegister = {
  module: 'facility-claims',
  tables: [
    {
      table: 'fc_facilities',
      scope: `'facility:' || t.id`,
      person: null,
      subject: 'facility_staff',
      createdAt: 't.created_at',
      auditRecordType: 'fc_facility',
      nonPersonal: ['id', 'code', 'name', 'type', 'region_percent', 'capacity_1', 'capacity_23', 'active', 'created_at', 'updated_at'],
    },
    {
      table: 'fc_users',
      scope: `'facility:' || t.facility_id`,
      person: 't.email_index',
      subject: 'facility_user',
      createdAt: 't.created_at',
      contact: { email: enc('fc_users', 'email_enc') },
      auditRecordType: 'fc_user',
      nonPersonal: [
        'id',
        'facility_id',
        'status',
        'failed_logins',
        'locked_until',
        'last_login_at',
        'created_by',
        'created_at',
        'updated_at',
      ],
    },
    {
      table: 'fc_otp_challenges',
      scope: facilityOfUser('t.user_id'),
      person: personOfUser('t.user_id'),
      subject: 'facility_user',
      createdAt: 't.created_at',
      auditRecordType: 'fc_user',
      auditRecordKey: 'user_id',
      nonPersonal: ['id', 'user_id', 'attempts', 'status', 'created_at', 'expires_at', 'closed_at'],
    },
    {
      table: 'fc_sessions',
      sweep: {
        delete: "t.absolute_expires_at < $1::timestamptz - interval '1 day' OR t.idle_expires_at < $1::timestamptz - interval '1 day'",
      },
      scope: `'facility:' || t.facility_id`,
      person: personOfUser('t.user_id'),
      subject: 'facility_user',
      createdAt: 't.created_at',
      auditRecordType: 'fc_user',
      auditRecordKey: 'user_id',
      nonPersonal: ['user_id', 'facility_id', 'created_at', 'last_seen_at', 'idle_expires_at', 'absolute_expires_at'],
    },
    {
      table: 'fc_staff',
      scope: `'facility:' || t.facility_id`,
      person: 't.id::text',
      subject: 'facility_staff',
      createdAt: 't.created_at',
      contact: { post: enc('fc_staff', 'address_enc') },
      auditRecordType: 'fc_staff',
      nonPersonal: ['id', 'facility_id', 'created_at', 'updated_at'],
    },
    {
      table: 'fc_staff_history',
      scope: `(SELECT 'facility:' || s.facility_id FROM fc_staff s WHERE s.id = t.staff_id)`,
      person: 't.staff_id::text',
      subject: 'facility_staff',
      createdAt: 't.recorded_at',
      auditRecordType: 'fc_staff',
      auditRecordKey: 'staff_id',
      nonPersonal: ['id', 'staff_id', 'recorded_by', 'recorded_at'],
    },
    {
      table: 'fc_child_counts',
      scope: `'facility:' || t.facility_id`,
      person: null,
      subject: 'citizen',
      createdAt: null,
      auditRecordType: 'fc_count_import',
      auditRecordKey: 'import_id',
      nonPersonal: ['facility_id', 'month', 'cert_class', 'age_band', 'need', 'import_id'],
    },
    {
      table: 'fc_count_reviews',
      scope: `'facility:' || t.facility_id`,
      person: null,
      subject: 'facility_user',
      createdAt: 't.updated_at',
      holdsData: 't.query_text_enc IS NOT NULL OR t.answer_text_enc IS NOT NULL',
      auditRecordType: 'fc_count_import',
      auditRecordKey: 'import_id',
      nonPersonal: ['facility_id', 'month', 'import_id', 'status', 'updated_by_user', 'updated_by_staff', 'updated_at'],
    },
    {
      table: 'fc_submissions',
      scope: `'facility:' || t.facility_id`,
      person: null,
      subject: 'facility_staff',
      createdAt: 't.created_at',
      auditRecordType: 'fc_submission',
      nonPersonal: [
        'id',
        'facility_id',
        'form',
        'period',
        'version',
        'status',
        // non-personal totals beside the encrypted content (shared/types.ts SubmissionSummary)
        'summary',
        'total_amount',
        'submitted_at',
        'submitted_by',
        'decided_at',
        'decided_by',
        'created_at',
        'updated_at',
      ],
    },
    {
      table: 'fc_submission_events',
      scope: `(SELECT 'facility:' || s.facility_id FROM fc_submissions s WHERE s.id = t.submission_id)`,
      person: null,
      subject: 'facility_user',
      createdAt: 't.at',
      holdsData: 't.comment IS NOT NULL',
      auditRecordType: 'fc_submission',
      auditRecordKey: 'submission_id',
      nonPersonal: ['id', 'submission_id', 'action', 'actor_type', 'actor_id', 'at'],
    },
    {
      table: 'fc_price_tables',
      scope: `'${MODULE_SCOPE}'`,
      person: 't.imported_by',
      subject: 'staff',
      createdAt: 't.imported_at',
      auditRecordType: 'fc_price_table',
      nonPersonal: ['id', 'fiscal_year', 'label', 'is_sample', 'rounding', 'source_sha256', 'entry_count', 'imported_at'],
    },
  ],
  nonPersonalTables: [
    { table: 'fc_count_imports', why: "imported count files: month, hash, the core system's file name, counts, time, staff id" },
    { table: 'fc_items', why: "a facility's addition items per fiscal year: codes, dates, numeric values (numbers of staff, days, rates)" },
    { table: 'fc_price_entries', why: 'unit prices of an imported price table' },
  ],
  items,
  scopes,
};
