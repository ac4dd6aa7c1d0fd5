/**
 * The reservations module's personal data (privacy register, src/platform/personal-data.ts): what people
 * give when they book a counter or consultation (name, phone, e-mail, LINE user id, the service's own
 * questions), the tokens of their booking links and My Page, and the reasons staff give for a cancellation.
 *
 * Scopes: one per reservation service (card pickup locations are the card module's: their bookings are not
 * stored here), and `module:reservations-my-page` for the My Page sign-in links and sessions, which belong
 * to an address rather than to one service. Readers: members of the service's department (reservations.policy.ts:
 * a sys-admin membership there counts, payment_admin never); sensitive answers only the roles the service lists
 * (rsv_services.sensitive_readers). The retention job (retention.ts) erases a booking's personal data
 * `retention_days` after its appointment and the stored idempotency answer after a day.
 *
 * The fields staff define per service (rsv_service_fields) join the register as `service:<id>.<key>` items
 * stored in fields_enc under their key; 'none' fields hold nothing personal and are left out.
 */
import type { Queryable } from '../../platform/db.js';
import type { PersonalDataRegister, PersonalItem, Readers, Scope, StoredAt } from '../../platform/personal-data.js';
import { reservationsPersonalDataMessages as m } from './personal-data.messages.js';

const MY_PAGE = 'module:reservations-my-page';
/** The scope of a booking's child row, through its booking. */
const BOOKING_SCOPE = "(SELECT 'service:' || r.service_id FROM rsv_reservations r WHERE r.id = t.reservation_id)";
/** The person a booking is about: the same address or phone number across bookings is one person. */
const PERSON = 'coalesce(t.email_index, t.phone_index, t.line_user_id, t.id::text)';
const BOOKING_PERSON =
  '(SELECT coalesce(r.email_index, r.phone_index, r.line_user_id, r.id::text) FROM rsv_reservations r WHERE r.id = t.reservation_id)';
/** Fields every service has, stored in their own columns (name_enc, phone_enc, email_enc), not in fields_enc. */
const CORE_FIELDS = ['name', 'phone', 'email'];

const ROLES = ['sys-admin', 'dept-admin', 'staff'];
const departmentStaff: Readers = { roles: ROLES, departments: 'owning', others: m.text('readers.self') };
const nobody: Readers = { roles: [], departments: 'none', others: m.text('readers.self') };

const mail = { to: 'mail_server', receives: m.text('mail.receives') } as const;
const line = { to: 'line', receives: m.text('line.receives') } as const;

const booking = (column: string, protection: StoredAt['protection'] = 'encrypted'): StoredAt => ({
  table: 'rsv_reservations',
  column,
  protection,
});

const item = (key: string, p: Omit<PersonalItem, 'key' | 'subject' | 'isSensitive'>): PersonalItem => ({
  key: `reservations.${key}`,
  subject: 'citizen',
  isSensitive: false,
  ...p,
});

type FieldRow = {
  service_id: string;
  key: string;
  label_ja: string;
  label_en: string | null;
  classification: 'personal' | 'sensitive';
  service_name: string;
  service_name_en: string | null;
  retention_days: number;
  sensitive_readers: string[];
};

/** The fields staff defined on the services' settings screens that hold personal data. */
async function definedItems(db: Queryable): Promise<PersonalItem[]> {
  const r = await db.query<FieldRow>(
    `SELECT f.service_id, f.key, f.label_ja, f.label_en, f.classification, s.name AS service_name, s.name_en AS service_name_en,
            s.retention_days, s.sensitive_readers
       FROM rsv_service_fields f JOIN rsv_services s ON s.id = f.service_id
      WHERE s.kind <> 'card_pickup' AND f.classification IN ('personal', 'sensitive') AND f.key <> ALL($1::text[])
      ORDER BY s.position, s.name, f.position, f.key`,
    [CORE_FIELDS],
  );
  return r.rows.map((f): PersonalItem => {
    const isSensitive = f.classification === 'sensitive';
    const purpose = {
      ja: m.t('ja', 'purpose.definedField', { service: f.service_name }),
      en: m.t('en', 'purpose.definedField', { service: f.service_name_en ?? f.service_name }),
    };
    const readers: Readers = isSensitive
      ? { roles: f.sensitive_readers, departments: f.sensitive_readers.length ? 'owning' : 'none', others: m.text('readers.self') }
      : departmentStaff;
    return {
      key: `service:${f.service_id}.${f.key}`,
      label: { ja: f.label_ja, en: f.label_en ?? f.label_ja },
      category: 'application_answer',
      subject: 'citizen',
      isSensitive,
      purpose,
      storedAt: [{ table: 'rsv_reservations', column: 'fields_enc', property: f.key, protection: 'encrypted' }],
      readers,
      recipients: [],
      retention: m.text('retention.bookingDays', { days: f.retention_days }),
      scopes: [`service:${f.service_id}`],
    };
  });
}

async function scopes(db: Queryable): Promise<Scope[]> {
  const r = await db.query<{ id: string; name: string; name_en: string | null; department_id: string; is_active: boolean }>(
    `SELECT id, name, name_en, department_id, is_active FROM rsv_services WHERE kind <> 'card_pickup' ORDER BY position, name, id`,
  );
  return [
    ...r.rows.map(
      (s): Scope => ({
        id: `service:${s.id}`,
        label: { ja: s.name, en: s.name_en ?? s.name },
        departmentId: s.department_id,
        zone: 'internet',
        isPublic: s.is_active,
      }),
    ),
    { id: MY_PAGE, label: m.text('myPageScope'), departmentId: null, zone: 'internet', isPublic: true },
  ];
}

export const reservationsPersonalData: PersonalDataRegister = {
  module: 'reservations',
  tables: [
    {
      table: 'rsv_reservations',
      scope: "'service:' || t.service_id",
      person: PERSON,
      subject: 'citizen',
      createdAt: 't.created_at',
      holdsData: 't.anonymised_at IS NULL',
      contact: { email: booking('email_enc'), line: booking('line_user_id', 'plain'), phone: booking('phone_enc') },
      auditRecordType: 'reservation',
      nonPersonal: [
        'id',
        'reservation_number',
        'service_id',
        'department_id',
        'slot_id',
        'starts_at',
        'ends_at',
        'status',
        'channel',
        'created_by_staff_id',
        'status_changed_at',
        'status_changed_by',
        'created_at',
        'updated_at',
        'cancelled_at',
        'anonymised_at',
        'lang',
        'idem_scope',
        'idem_key',
      ],
    },
    {
      table: 'rsv_status_history',
      scope: BOOKING_SCOPE,
      person: BOOKING_PERSON,
      subject: 'citizen',
      createdAt: 't.changed_at',
      holdsData: 't.reason IS NOT NULL',
      auditRecordType: 'reservation',
      auditRecordKey: 'reservation_id',
      nonPersonal: ['id', 'reservation_id', 'status', 'changed_at', 'changed_by_staff_id', 'actor_type'],
    },
    {
      table: 'rsv_email_links',
      sweep: { delete: "t.expires_at < $1::timestamptz - interval '1 day'" },
      scope: `'${MY_PAGE}'`,
      person: 't.email_index',
      subject: 'citizen',
      createdAt: 't.created_at',
      nonPersonal: ['id', 'created_at', 'expires_at', 'used_at'],
    },
    {
      table: 'rsv_my_sessions',
      sweep: { delete: "t.expires_at < $1::timestamptz - interval '1 day' OR t.revoked_at < $1::timestamptz - interval '1 day'" },
      scope: `'${MY_PAGE}'`,
      person: 'coalesce(t.email_index, t.id::text)',
      subject: 'citizen',
      createdAt: 't.created_at',
      nonPersonal: ['id', 'created_at', 'expires_at', 'revoked_at'],
    },
  ],
  nonPersonalTables: [
    {
      table: 'rsv_services',
      why: 'Service definitions: names, descriptions, places, booking rules, retention days and who may read sensitive answers.',
    },
    { table: 'rsv_service_fields', why: 'Definitions of the booking forms’ fields: keys, labels, types, options and privacy class.' },
    { table: 'rsv_schedule_ranges', why: 'Weekly opening hours of each service.' },
    { table: 'rsv_slots', why: 'Time slots with their capacity and the number of seats taken.' },
    { table: 'rsv_calendar_exceptions', why: 'Closed or extra-open days of a service or the whole city, with staff’s note about the day.' },
    { table: 'rsv_closure_notices', why: 'Which booking was told of which closure, and when (ids and a time).' },
    { table: 'rsv_my_session_grants', why: 'Which bookings a My Page session may open (ids only).' },
  ],
  items: [
    item('name', {
      label: m.text('name.label'),
      category: 'name',
      purpose: m.text('purpose.booking'),
      storedAt: [booking('name_enc')],
      readers: departmentStaff,
      recipients: [],
      retention: m.text('retention.booking'),
    }),
    item('phone', {
      label: m.text('phone.label'),
      category: 'contact',
      purpose: m.text('purpose.booking'),
      storedAt: [booking('phone_enc'), booking('phone_index', 'hashed')],
      readers: departmentStaff,
      recipients: [],
      retention: m.text('retention.booking'),
    }),
    item('email', {
      label: m.text('email.label'),
      category: 'contact',
      purpose: m.text('purpose.email'),
      storedAt: [booking('email_enc'), booking('email_index', 'hashed')],
      readers: departmentStaff,
      recipients: [mail],
      retention: m.text('retention.booking'),
    }),
    item('line_user_id', {
      label: m.text('lineUserId.label'),
      category: 'online_identifier',
      purpose: m.text('purpose.line'),
      storedAt: [booking('line_user_id', 'plain')],
      readers: departmentStaff,
      recipients: [line],
      retention: m.text('retention.booking'),
    }),
    item('answers', {
      label: m.text('answers.label'),
      category: 'application_answer',
      purpose: m.text('purpose.answers'),
      storedAt: [booking('fields_enc')],
      readers: departmentStaff,
      recipients: [],
      retention: m.text('retention.booking'),
    }),
    item('access_token', {
      label: m.text('accessToken.label'),
      category: 'credential',
      purpose: m.text('purpose.accessToken'),
      storedAt: [booking('access_token_hash', 'hashed')],
      readers: nobody,
      recipients: [],
      retention: m.text('retention.booking'),
    }),
    item('idempotency', {
      label: m.text('idempotency.label'),
      category: 'credential',
      purpose: m.text('purpose.idempotency'),
      storedAt: [booking('idem_response_enc'), booking('idem_request_hash', 'hashed')],
      readers: { roles: [], departments: 'none' },
      recipients: [],
      retention: m.text('retention.idempotency'),
    }),
    item('cancel_reason', {
      label: m.text('cancelReason.label'),
      category: 'free_text',
      purpose: m.text('purpose.cancelReason'),
      storedAt: [{ table: 'rsv_status_history', column: 'reason', protection: 'plain' }],
      readers: departmentStaff,
      recipients: [
        { to: 'mail_server', receives: m.text('cancelReason.mailReceives') },
        { to: 'line', receives: m.text('cancelReason.lineReceives') },
      ],
      retention: m.text('retention.booking'),
    }),
    item('my_page_address', {
      label: m.text('myPageAddress.label'),
      category: 'contact',
      purpose: m.text('purpose.myPage'),
      storedAt: [
        { table: 'rsv_email_links', column: 'email_index', protection: 'hashed' },
        { table: 'rsv_my_sessions', column: 'email_index', protection: 'hashed' },
      ],
      readers: { roles: [], departments: 'none' },
      recipients: [],
      retention: m.text('retention.myPage'),
      scopes: [MY_PAGE],
    }),
    item('my_page_token', {
      label: m.text('myPageToken.label'),
      category: 'credential',
      purpose: m.text('purpose.myPage'),
      storedAt: [
        { table: 'rsv_email_links', column: 'token_hash', protection: 'hashed' },
        { table: 'rsv_my_sessions', column: 'token_hash', protection: 'hashed' },
      ],
      readers: { roles: [], departments: 'none' },
      recipients: [],
      retention: m.text('retention.myPage'),
      scopes: [MY_PAGE],
    }),
  ],
  scopes,
  definedItems,
};
