/**
 * The personal data of card issuance (the privacy register, src/platform/personal-data.ts), in its two zones,
 * each its own scope: the internal zone (card_int_*: full personal data of every card, encrypted, with keyed
 * blind indexes for exact search) and the internet zone's booking site (card_net_*: pseudonymous — control
 * and shipping numbers, a password verifier, an optional e-mail address and memo). Each zone's items are
 * stored only in that zone's tables, so a zone's database lists exactly its own.
 *
 * A person is a card's control number (製造管理番号): the same in both zones, and one card is one person.
 */
import type { Queryable } from '../../platform/db.js';
import type { PersonalDataRegister, PersonalItem, Readers, Scope, StoredAt } from '../../platform/personal-data.js';
import { cardPersonalDataMessages as m } from './personal-data.messages.js';

const INTERNAL = 'module:card-issuance-internal';
const INTERNET = 'module:card-issuance-internet';

const enc = (table: string, column: string): StoredAt => ({ table, column, protection: 'encrypted' });
const plain = (table: string, column: string): StoredAt => ({ table, column, protection: 'plain' });
const hashed = (table: string, column: string): StoredAt => ({ table, column, protection: 'hashed' });

/** Every member of the card office's or booking site's department, whatever the role (card.policy.ts). */
const office: Readers = { roles: ['sys-admin', 'dept-admin', 'staff'], departments: 'owning' };
const nobody: Readers = { roles: [], departments: 'none' };

const CARDS = 'card_int_cards';
const letter = { to: 'postal_letter', receives: m.text('recipient.letter') } as const;
const toInternal = { to: 'internal_zone', receives: m.text('recipient.internalFile') } as const;

type ItemSpec = Omit<PersonalItem, 'key' | 'label' | 'subject' | 'isSensitive' | 'scopes'> & { label: Parameters<typeof m.text>[0] };
const item = (key: string, scope: string, s: ItemSpec): PersonalItem => ({
  ...s,
  key: `card-issuance.${key}`,
  label: m.text(s.label),
  subject: 'citizen',
  isSensitive: false,
  scopes: [scope],
});

const internal = (key: string, s: ItemSpec) => item(key, INTERNAL, s);
const internet = (key: string, s: ItemSpec) => item(`net_${key}`, INTERNET, s);

const internalRetention = m.text('retention.internal');
const personalReaders: Readers = { ...office, others: m.text('others.internal') };

const items: PersonalItem[] = [
  // the internal zone: personal_enc is one envelope over the array [name, kana, birth date, sex, postal code, address, application id]
  internal('name', {
    label: 'name.label',
    category: 'name',
    purpose: m.text('purpose.issue'),
    storedAt: [enc(CARDS, 'personal_enc')],
    readers: personalReaders,
    recipients: [letter],
    retention: internalRetention,
  }),
  internal('kana', {
    label: 'kana.label',
    category: 'name',
    purpose: m.text('purpose.search'),
    storedAt: [enc(CARDS, 'personal_enc'), hashed(CARDS, 'kana_bidx')],
    readers: office,
    recipients: [],
    retention: internalRetention,
  }),
  internal('birth_date_sex', {
    label: 'birthSex.label',
    category: 'birth_date',
    purpose: m.text('purpose.search'),
    storedAt: [enc(CARDS, 'personal_enc'), hashed(CARDS, 'birth_bidx')],
    readers: office,
    recipients: [],
    retention: internalRetention,
  }),
  internal('address', {
    label: 'address.label',
    category: 'address',
    purpose: m.text('purpose.issue'),
    storedAt: [enc(CARDS, 'personal_enc'), hashed(CARDS, 'address_bidx')],
    readers: personalReaders,
    recipients: [letter],
    retention: internalRetention,
  }),
  internal('application_id', {
    label: 'applicationId.label',
    category: 'government_id',
    purpose: m.text('purpose.search'),
    storedAt: [enc(CARDS, 'personal_enc'), hashed(CARDS, 'application_bidx')],
    readers: office,
    recipients: [],
    retention: internalRetention,
  }),
  internal('card_numbers', {
    label: 'cardNumbers.label',
    category: 'government_id',
    purpose: m.text('purpose.numbers'),
    // the booking-file import's report lists the control and booking numbers of rows it could not match
    storedAt: [
      plain(CARDS, 'control_no'),
      plain(CARDS, 'shipping_no'),
      plain(CARDS, 'booking_ref'),
      plain('card_int_booking_imports', 'report'),
    ],
    readers: personalReaders,
    recipients: [letter],
    retention: m.text('retention.numbers'),
  }),
  internal('password', {
    label: 'password.label',
    category: 'credential',
    purpose: m.text('purpose.password'),
    storedAt: [enc(CARDS, 'password_enc'), hashed(CARDS, 'verifier')],
    readers: { roles: [], departments: 'none', others: m.text('others.internal') },
    recipients: [letter],
    retention: internalRetention,
  }),
  internal('booking_email', {
    label: 'bookingEmail.label',
    category: 'contact',
    purpose: m.text('purpose.booking'),
    storedAt: [enc(CARDS, 'booking_email_enc')],
    readers: office,
    recipients: [],
    retention: internalRetention,
  }),
  internal('booking_memo', {
    label: 'bookingMemo.label',
    category: 'free_text',
    purpose: m.text('purpose.booking'),
    storedAt: [enc(CARDS, 'booking_memo_enc')],
    readers: office,
    recipients: [],
    retention: internalRetention,
  }),
  internal('household', {
    label: 'household.label',
    category: 'household',
    purpose: m.text('purpose.household'),
    storedAt: [plain(CARDS, 'booking_group')],
    readers: office,
    recipients: [],
    retention: internalRetention,
  }),
  internal('note', {
    label: 'note.label',
    category: 'free_text',
    purpose: m.text('purpose.note'),
    storedAt: [enc('card_int_notes', 'body_enc')],
    readers: office,
    recipients: [],
    retention: internalRetention,
  }),

  // the internet zone (booking site)
  internet('card_numbers', {
    label: 'netCardNumbers.label',
    category: 'government_id',
    purpose: m.text('purpose.numbers'),
    storedAt: [
      plain('card_net_cards', 'reservation_id'),
      plain('card_net_cards', 'shipping_no'),
      plain('card_net_booking_members', 'reservation_id'),
      plain('card_net_sessions', 'reservation_id'),
      plain('card_net_login_guard', 'id_key'),
    ],
    readers: office,
    recipients: [toInternal],
    retention: m.text('retention.internet'),
  }),
  internet('password_verifier', {
    label: 'netVerifier.label',
    category: 'credential',
    purpose: m.text('purpose.password'),
    storedAt: [hashed('card_net_cards', 'verifier')],
    readers: nobody,
    recipients: [],
    retention: m.text('retention.internet'),
  }),
  internet('session', {
    label: 'netSession.label',
    category: 'credential',
    purpose: m.text('purpose.session'),
    storedAt: [hashed('card_net_sessions', 'token_hash'), plain('card_net_sessions', 'csrf_token')],
    readers: nobody,
    recipients: [],
    retention: m.text('retention.session'),
  }),
  internet('booking_ref', {
    label: 'netBookingRef.label',
    category: 'government_id',
    purpose: m.text('purpose.booking'),
    storedAt: [plain('card_net_bookings', 'ref')],
    readers: office,
    recipients: [{ to: 'mail_server', receives: m.text('recipient.mailRef') }, toInternal],
    retention: m.text('retention.booking'),
  }),
  internet('booking_email', {
    label: 'netEmail.label',
    category: 'contact',
    purpose: m.text('purpose.mail'),
    storedAt: [enc('card_net_bookings', 'email_enc')],
    readers: { ...nobody, others: m.text('others.bookingStaff') },
    recipients: [{ to: 'mail_server', receives: m.text('recipient.mail') }, toInternal],
    retention: m.text('retention.booking'),
  }),
  internet('booking_memo', {
    label: 'netMemo.label',
    category: 'free_text',
    purpose: m.text('purpose.booking'),
    storedAt: [enc('card_net_bookings', 'memo_enc')],
    readers: office,
    recipients: [toInternal],
    retention: m.text('retention.booking'),
  }),
];

/** The department running a zone when exactly one does (else the scope names none). */
async function zoneScope(db: Queryable, id: string, table: string, departmentsSql: string): Promise<Scope | undefined> {
  const exists = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [table]);
  if (!exists.rows[0]?.t) return undefined;
  const d = await db.query<{ id: string }>(`SELECT DISTINCT department_id::text AS id FROM (${departmentsSql}) x`);
  const isInternal = id === INTERNAL;
  return {
    id,
    label: m.text(isInternal ? 'scope.internal' : 'scope.internet'),
    departmentId: d.rows.length === 1 ? (d.rows[0]?.id ?? null) : null,
    zone: isInternal ? 'internal' : 'internet',
    isPublic: !isInternal,
  };
}

async function scopes(db: Queryable): Promise<Scope[]> {
  const found = [
    await zoneScope(db, INTERNAL, 'card_int_settings', 'SELECT department_id FROM card_int_settings'),
    await zoneScope(
      db,
      INTERNET,
      'card_net_locations',
      'SELECT department_id FROM card_net_locations UNION SELECT department_id FROM card_net_bundle_imports',
    ),
  ];
  return found.filter((s): s is Scope => s !== undefined);
}

const controlNoOfCard = (id: string) => `(SELECT c.control_no FROM card_int_cards c WHERE c.id = ${id})`;

export const cardPersonalData: PersonalDataRegister = {
  module: 'card-issuance',
  tables: [
    {
      table: CARDS,
      scope: `'${INTERNAL}'`,
      person: 't.control_no',
      subject: 'citizen',
      createdAt: 't.received_at',
      // after erasure only the control and shipping numbers, state and dates remain, tied to nobody
      holdsData: 't.personal_erased_at IS NULL',
      contact: { email: enc(CARDS, 'booking_email_enc'), post: enc(CARDS, 'personal_enc') },
      auditRecordType: 'card',
      nonPersonal: [
        'id',
        'department_id',
        'import_id',
        'line_no',
        'state',
        'received_at',
        'setup_done_at',
        'letter_sent_at',
        'booked_at',
        'issued_at',
        'returned_at',
        'destroyed_at',
        'uncollected_at',
        'state_changed_at',
        'password_policy',
        'letter_printed_at',
        'letter_print_count',
        'booking_location',
        'booking_start',
        'booking_end',
        'booking_file_id',
        'personal_erased_at',
      ],
    },
    {
      table: 'card_int_notes',
      scope: `'${INTERNAL}'`,
      person: controlNoOfCard('t.card_id'),
      subject: 'citizen',
      createdAt: 't.created_at',
      auditRecordType: 'card',
      auditRecordKey: 'card_id',
      nonPersonal: ['id', 'card_id', 'created_at', 'created_by'],
    },
    {
      table: 'card_int_booking_imports',
      scope: `'${INTERNAL}'`,
      person: null,
      subject: 'citizen',
      createdAt: 't.imported_at',
      auditRecordType: 'card_booking_file',
      auditRecordKey: 'file_id',
      nonPersonal: ['file_id', 'department_id', 'sequence', 'row_count', 'matched', 'unmatched', 'conflicts', 'imported_at', 'imported_by'],
    },
    {
      table: 'card_net_cards',
      scope: `'${INTERNET}'`,
      person: 't.reservation_id',
      subject: 'citizen',
      // a card's row is rewritten by each bundle: no creation time is kept
      createdAt: null,
      auditRecordType: 'card',
      auditRecordKey: 'reservation_id',
      nonPersonal: ['department_id', 'is_active', 'bundle_id', 'updated_at'],
    },
    {
      table: 'card_net_login_guard',
      scope: `'${INTERNET}'`,
      person: 't.id_key',
      subject: 'citizen',
      createdAt: null,
      auditRecordType: 'card',
      auditRecordKey: 'id_key',
      nonPersonal: ['attempts', 'locked_until', 'updated_at', 'lock_count', 'failures_total', 'staff_unlock_required'],
    },
    {
      table: 'card_net_sessions',
      sweep: { delete: "t.expires_at < $1::timestamptz - interval '1 day'" },
      scope: `'${INTERNET}'`,
      person: 't.reservation_id',
      subject: 'citizen',
      createdAt: 't.created_at',
      nonPersonal: ['created_at', 'expires_at'],
    },
    {
      table: 'card_net_bookings',
      scope: `'${INTERNET}'`,
      person: '(SELECT min(x.reservation_id) FROM card_net_booking_members x WHERE x.booking_id = t.id)',
      subject: 'citizen',
      createdAt: 't.created_at',
      contact: { email: enc('card_net_bookings', 'email_enc') },
      auditRecordType: 'card_booking',
      nonPersonal: ['id', 'slot_id', 'party_size', 'status', 'created_at', 'cancelled_at', 'created_by_staff', 'reminder_sent_at', 'lang'],
    },
    {
      table: 'card_net_booking_members',
      scope: `'${INTERNET}'`,
      person: 't.reservation_id',
      subject: 'citizen',
      createdAt: '(SELECT b.created_at FROM card_net_bookings b WHERE b.id = t.booking_id)',
      auditRecordType: 'card_booking',
      auditRecordKey: 'booking_id',
      nonPersonal: ['booking_id', 'is_active'],
    },
  ],
  nonPersonalTables: [
    {
      table: 'card_int_deferred_indexes',
      why: 'a marker row per import transaction whose secondary indexes are rebuilt after its COPY (a transaction id)',
    },
    {
      table: 'card_int_settings',
      why: "the card office's settings: id pattern, password policy, column mapping, deadlines, the office's own contact",
    },
    { table: 'card_int_imports', why: 'imported issuance-list files: file hash, name, encoding, row count, time, staff id' },
    { table: 'card_int_state_log', why: "cards' state changes: card id, states, time and source only" },
    { table: 'card_int_bundle_exports', why: 'bundles sent to the booking site: id, sequence, card count, hash, time, staff id' },
    { table: 'card_int_result_imports', why: 'progress result files: kind, hash, row count, time, staff id' },
    { table: 'card_net_bundle_imports', why: 'bundles received from the internal zone: id, sequence, card count, time, staff id' },
    { table: 'card_net_booking_exports', why: 'booking files sent to the internal zone: id, sequence, row count, hash, time, staff id' },
    { table: 'card_net_locations', why: 'pickup places: name, counters, service' },
    {
      table: 'card_net_offices',
      why: "the card office's contact as printed on every letter (counter, phone, hours) and its password policy",
    },
    { table: 'card_net_login_settings', why: "the booking site's log-in thresholds and circuit breaker" },
  ],
  items,
  scopes,
};
