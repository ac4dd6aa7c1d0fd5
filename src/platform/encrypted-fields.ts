/**
 * Every value the database holds under the field-encryption keys (MADOGUCHI_ENCRYPTION_KEYS, see
 * field-crypto.ts): where it is, how to find its rows and the associated data (context) it was written
 * with. Key rotation (`madoguchi keys rotate`) re-encrypts exactly these; the privacy inventory lists them.
 *
 * What counts as "holding ciphertext" (encrypted-fields.test.ts checks it against a migrated, seeded
 * database): a column whose name ends in `_enc` or `_encrypted`; any text or bytea column found holding a
 * "v1.<kid>." or "v2.<kid>." value or an "MGB1" envelope; and any jsonb column found holding such a value in one of
 * its top-level properties (job payloads). A new encrypted column that is not listed here fails that test.
 *
 * The contexts are written out rather than imported: this file is platform code and knows no module.
 * The same test decrypts values written by each module's own code with these contexts, so a drift
 * between a module and this list fails there.
 *
 * Not here, because they are not under these keys: blind indexes (*_bidx, *_index: HMAC under
 * MADOGUCHI_BLIND_INDEX_KEY, one-way), password and token hashes, and the card issuance exchange files
 * (sealed for the other zone's X25519 key, never stored in this database).
 */

/** A row as the rotation reads it: the key columns, the context columns and `value`. */
export type EncryptedRow = Readonly<Record<string, unknown>>;

export type EncryptedField = {
  /** `<table>.<column>`, or `<table>.<column>.<property>` for a value inside a jsonb object. */
  id: string;
  table: string;
  /** The primary key columns (the rotation pages and updates by them). */
  key: readonly string[];
  column: string;
  /** `text`: the "v1.<kid>.…" or "v2.<kid>.…" form in a text column; `bytes`: the "MGB1" envelope in a bytea column. */
  form: 'text' | 'bytes';
  /** For a jsonb column: the top-level property of the object holding the text ciphertext. */
  jsonProperty?: string;
  /** Only rows whose `column` is one of `values` hold this value (e.g. the job queue that writes it). */
  rowsWhere?: { column: string; values: readonly string[] };
  /** Rows may hold no value (NULL column, or no such property). */
  isNullable: boolean;
  /** Columns of the row the context is derived from (read along with the value). */
  contextColumns: readonly string[];
  /** The associated data the value was encrypted with, from the row. */
  context(row: EncryptedRow): string;
  /** The module that writes it. */
  module: string;
  /** What it holds, for people reading the inventory. */
  holds: string;
};

type Spec = Omit<EncryptedField, 'id' | 'contextColumns' | 'context' | 'isNullable' | 'key' | 'form'> & {
  key?: readonly string[];
  form?: EncryptedField['form'];
  isNullable?: boolean;
  /** A fixed context. */
  fixed?: string;
  derived?: Pick<EncryptedField, 'contextColumns' | 'context'>;
};

function field(s: Spec): EncryptedField {
  const { fixed, derived, ...rest } = s;
  const context = derived ?? { contextColumns: [], context: () => fixed as string };
  if (!derived && fixed === undefined) throw new Error(`${s.table}.${s.column}: give a fixed or a derived context`);
  return {
    key: ['id'],
    form: 'text',
    isNullable: false,
    ...rest,
    ...context,
    id: [s.table, s.column, s.jsonProperty].filter(Boolean).join('.'),
  };
}

const payload = (row: EncryptedRow, property: string): string => {
  const v = (row.payload as Record<string, unknown> | null)?.[property];
  if (typeof v !== 'string' || !v) throw new Error(`the job payload has no ${property}`);
  return v;
};

export const ENCRYPTED_FIELDS: readonly EncryptedField[] = [
  // staff
  field({
    module: 'staff',
    table: 'staff',
    column: 'totp_secret_enc',
    isNullable: true,
    fixed: 'staff.totp_secret',
    holds: 'second-factor (TOTP) secret',
  }),
  field({
    module: 'staff',
    table: 'staff',
    column: 'totp_pending_secret_enc',
    isNullable: true,
    fixed: 'staff.totp_secret',
    holds: 'second-factor secret being set up',
  }),

  // reservations
  field({
    module: 'reservations',
    table: 'rsv_reservations',
    column: 'name_enc',
    isNullable: true,
    fixed: 'reservations.name',
    holds: 'name',
  }),
  field({
    module: 'reservations',
    table: 'rsv_reservations',
    column: 'phone_enc',
    isNullable: true,
    fixed: 'reservations.phone',
    holds: 'phone number',
  }),
  field({
    module: 'reservations',
    table: 'rsv_reservations',
    column: 'email_enc',
    isNullable: true,
    fixed: 'reservations.email',
    holds: 'e-mail address',
  }),
  field({
    module: 'reservations',
    table: 'rsv_reservations',
    column: 'fields_enc',
    isNullable: true,
    fixed: 'reservations.fields',
    holds: "the booking form's other answers (JSON)",
  }),
  field({
    module: 'reservations',
    table: 'rsv_reservations',
    column: 'idem_response_enc',
    isNullable: true,
    fixed: 'reservations.idempotency',
    holds: 'the stored answer to a booking request (its access token)',
  }),
  field({
    module: 'reservations',
    table: 'jobs',
    column: 'payload',
    jsonProperty: 'emailEnc',
    rowsWhere: { column: 'queue', values: ['reservations.my-page-link'] },
    fixed: 'reservations.my-page-link.email',
    holds: 'e-mail address a My Page link is mailed to',
  }),

  // card issuance
  field({
    module: 'card-issuance',
    table: 'card_int_cards',
    column: 'personal_enc',
    fixed: 'card_int_cards.personal',
    holds: 'name, kana, birth date, sex, postal code, address, application id (JSON)',
  }),
  field({
    module: 'card-issuance',
    table: 'card_int_cards',
    column: 'password_enc',
    isNullable: true,
    fixed: 'card_int_cards.password',
    holds: 'booking-site password printed on the letter',
  }),
  field({
    module: 'card-issuance',
    table: 'card_int_cards',
    column: 'booking_email_enc',
    isNullable: true,
    fixed: 'card_int_cards.booking_email',
    holds: "the booking's e-mail address",
  }),
  field({
    module: 'card-issuance',
    table: 'card_int_cards',
    column: 'booking_memo_enc',
    isNullable: true,
    fixed: 'card_int_cards.booking_memo',
    holds: "the booking's memo",
  }),
  field({
    module: 'card-issuance',
    table: 'card_int_notes',
    column: 'body_enc',
    fixed: 'card_int_cards.note',
    holds: "staff's note on a card",
  }),
  field({
    module: 'card-issuance',
    table: 'card_net_bookings',
    column: 'email_enc',
    isNullable: true,
    fixed: 'card_net_bookings.email',
    holds: 'e-mail address of a pickup booking',
  }),
  field({
    module: 'card-issuance',
    table: 'card_net_bookings',
    column: 'memo_enc',
    isNullable: true,
    fixed: 'card_net_bookings.memo',
    holds: 'memo of a pickup booking',
  }),

  // applications
  field({
    module: 'applications',
    table: 'app_applications',
    column: 'answers_enc',
    isNullable: true,
    fixed: 'app_applications.answers_enc',
    holds: "the application's answers (JSON)",
  }),
  field({
    module: 'applications',
    table: 'app_applications',
    column: 'email_enc',
    isNullable: true,
    fixed: 'app_applications.email_enc',
    holds: "the applicant's e-mail address",
  }),
  field({
    module: 'applications',
    table: 'app_status_history',
    column: 'comment_enc',
    isNullable: true,
    fixed: 'app_status_history.comment_enc',
    holds: "staff's comment to the applicant",
  }),
  field({ module: 'applications', table: 'app_notes', column: 'body_enc', fixed: 'app_notes.body_enc', holds: "staff's internal note" }),
  field({
    module: 'applications',
    table: 'app_drafts',
    column: 'answers_enc',
    fixed: 'app_drafts.answers_enc',
    holds: "a saved draft's answers (JSON)",
  }),
  field({
    module: 'applications',
    table: 'app_drafts',
    column: 'email_enc',
    fixed: 'app_drafts.email_enc',
    holds: "a saved draft's e-mail address",
  }),
  field({
    module: 'applications',
    table: 'app_files',
    column: 'filename_enc',
    fixed: 'app_files.filename_enc',
    holds: "an attachment's file name",
  }),
  field({
    module: 'applications',
    table: 'app_files',
    column: 'content_enc',
    form: 'bytes',
    derived: { contextColumns: ['id'], context: (r) => `app_files.content_enc:${String(r.id)}` },
    holds: "an attachment's bytes",
  }),
  field({
    module: 'applications',
    table: 'jobs',
    column: 'payload',
    jsonProperty: 'tokenEnc',
    rowsWhere: { column: 'queue', values: ['applications.confirmation', 'applications.resume-link'] },
    fixed: 'jobs.payload.application_token',
    holds: "the secret token of an application's or a draft's mailed link",
  }),

  // facility claims
  field({
    module: 'facility-claims',
    table: 'fc_users',
    column: 'display_name_enc',
    fixed: 'fc_users.display_name',
    holds: "a facility user's name",
  }),
  field({
    module: 'facility-claims',
    table: 'fc_users',
    column: 'email_enc',
    fixed: 'fc_users.email',
    holds: "a facility user's e-mail address",
  }),
  field({
    module: 'facility-claims',
    table: 'fc_staff',
    column: 'name_enc',
    fixed: 'fc_staff.name',
    holds: "a facility staff member's name",
  }),
  field({
    module: 'facility-claims',
    table: 'fc_staff',
    column: 'name_kana_enc',
    isNullable: true,
    fixed: 'fc_staff.name_kana',
    holds: 'name in kana',
  }),
  field({ module: 'facility-claims', table: 'fc_staff', column: 'birth_date_enc', fixed: 'fc_staff.birth_date', holds: 'birth date' }),
  field({ module: 'facility-claims', table: 'fc_staff', column: 'address_enc', fixed: 'fc_staff.address', holds: 'address' }),
  field({
    module: 'facility-claims',
    table: 'fc_staff',
    column: 'qualification_number_enc',
    isNullable: true,
    fixed: 'fc_staff.qualification_number',
    holds: 'qualification registration number',
  }),
  field({
    module: 'facility-claims',
    table: 'fc_staff_history',
    column: 'note_enc',
    isNullable: true,
    fixed: 'fc_staff_history.note',
    holds: "note on a staff member's event",
  }),
  field({
    module: 'facility-claims',
    table: 'fc_submissions',
    column: 'content_enc',
    fixed: 'fc_submissions.content',
    holds: 'a submitted form (may name staff and children counts; JSON)',
  }),
  field({
    module: 'facility-claims',
    table: 'fc_count_reviews',
    key: ['facility_id', 'month'],
    column: 'query_text_enc',
    isNullable: true,
    fixed: 'fc_count_reviews.query_text',
    holds: "a facility's query about its child counts",
  }),
  field({
    module: 'facility-claims',
    table: 'fc_count_reviews',
    key: ['facility_id', 'month'],
    column: 'answer_text_enc',
    isNullable: true,
    fixed: 'fc_count_reviews.answer_text',
    holds: "the city's answer to a count query",
  }),
  field({
    module: 'facility-claims',
    table: 'jobs',
    column: 'payload',
    jsonProperty: 'codeEnc',
    rowsWhere: { column: 'queue', values: ['facility.login-code-mail'] },
    derived: { contextColumns: ['payload'], context: (r) => `fc_otp_challenges.mail_code:${payload(r, 'challengeId')}` },
    holds: 'one-time log-in code being mailed',
  }),
];
