/**
 * The privacy register's shape (issue 14): every module declares the personal data it holds, where,
 * why, who reads it, who outside receives it and for how long. The privacy module (src/modules/privacy)
 * brings the declarations together into the inventory (データ項目台帳), the offline bundle, the
 * breach-impact report and the citizens' transparency pages; a test reads the live schema and fails on a
 * column that is neither declared here nor marked as holding nothing personal.
 *
 * Platform code: it knows no module. Each module exports its `PersonalDataRegister` on its Module
 * (`personalData`), declared in `<module>/personal-data.ts` with its texts in `personal-data.messages.ts`.
 *
 * SQL fragments below are expressions over one row of the declared table, which the queries alias `t`
 * (for example `'service:' || t.service_id`). They are written by developers, never from input.
 */
import type { Queryable } from './db.js';

export type Bilingual = { ja: string; en: string };

/** What kind of data an item is (the PPC report's 項目 groups items by these). */
export const DATA_CATEGORIES = [
  'name', // 氏名, kana
  'contact', // phone, e-mail
  'address', // postal address
  'birth_date',
  'identity_document', // an image or number of a document proving identity
  'government_id', // card control and shipping numbers, application ids (not the My Number itself)
  'online_identifier', // LINE user id, IP address, session, device
  'application_answer', // answers to a procedure's or service's own questions
  'free_text', // memos and notes that may hold anything
  'payment', // fee, amount, payment reference
  'employment', // facility staff roster: role, hours, hiring dates, experience
  'qualification', // licences and their numbers
  'credential', // password hashes, one-time codes, TOTP secrets
  'activity_record', // audit and access records: who did what when
  'household', // household members booked together
  'child_record', // children's counts per facility (aggregate, no names)
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Whose data it is. */
export const DATA_SUBJECTS = ['citizen', 'staff', 'facility_user', 'facility_staff'] as const;
export type DataSubject = (typeof DATA_SUBJECTS)[number];

/** Who outside the city's system receives (part of) an item. */
export const RECIPIENTS = ['line', 'payment_provider', 'mail_server', 'internal_zone', 'postal_letter'] as const;
export type RecipientKind = (typeof RECIPIENTS)[number];

/** Where an item is stored: a column, or a top-level property of a jsonb or encrypted JSON column. */
export type StoredAt = {
  table: string;
  column: string;
  /** A property inside the column's (decrypted) JSON object, e.g. a procedure field's key in answers_enc. */
  property?: string;
  /** Encrypted at rest under the field keys (src/platform/encrypted-fields.ts), or a one-way hash. */
  protection: 'encrypted' | 'hashed' | 'plain';
};

/** Who inside the city may read an item. */
export type Readers = {
  /** Staff roles that may read it (sys-admin, dept-admin, staff, payment_admin), or [] for nobody on screen. */
  roles: readonly string[];
  /** 'owning': members of the department that owns the scope; 'all': any department; 'none': no staff. */
  departments: 'owning' | 'all' | 'none';
  /** Others who read it (the person themself, the facility's own users), in words. */
  others?: Bilingual;
};

export type PersonalItem = {
  /** Unique in the whole register: `<module>.<item>`, or for a defined field `service:<id>.<key>`. */
  key: string;
  label: Bilingual;
  category: DataCategory;
  subject: DataSubject;
  /** 要配慮個人情報 (APPI art. 2(3)): race, creed, social status, medical history, disability, criminal record… */
  isSensitive: boolean;
  purpose: Bilingual;
  /** The first entry is the primary one: the inventory counts records there. */
  storedAt: readonly StoredAt[];
  readers: Readers;
  recipients: readonly { to: RecipientKind; receives: Bilingual }[];
  retention: Bilingual;
  /** Scope ids the item belongs to (e.g. one service's field); absent: every scope of its table. */
  scopes?: readonly string[];
};

/** How the privacy module reads a declared table: its rows' scope, person, age, contact channels. */
export type PersonalTable = {
  table: string;
  /** SQL expression giving a row's scope id (see Scope.id), e.g. `'service:' || t.service_id`. */
  scope: string;
  /** SQL expression identifying the person a row is about (distinct values = people), or null. */
  person: string | null;
  subject: DataSubject;
  /** Column giving when the row was created (oldest record), or null. */
  createdAt: string | null;
  /**
   * SQL condition true for rows that still hold personal data (e.g. `t.anonymised_at IS NULL`); rows
   * erased after use are not counted. Absent: every row.
   */
  holdsData?: string;
  /** Columns a person can be reached through, to count who can be notified after a breach. */
  contact?: Partial<Record<'email' | 'line' | 'phone' | 'post', StoredAt>>;
  /** The audit log's record_type for rows of this table (staff views and exports point at record_id). */
  auditRecordType?: string;
  /** The column audit_log.record_id holds for this table (default `id`). */
  auditRecordKey?: string;
  /** Columns holding nothing personal (ids, states, times, counts, settings). */
  nonPersonal: readonly string[];
  /**
   * Erasure after use that the privacy module's daily sweep applies (src/modules/privacy/sweep): rows
   * matching `delete` are deleted; rows matching `scrub.where` get `scrub.set`. SQL over the row `t`,
   * with `$1` the sweep's time. For data no operation of the module removes once it has served (expired
   * sessions, finished jobs' payloads); the module's own erasure (retention jobs) stays where it is.
   */
  sweep?: { delete?: string; scrub?: { set: string; where: string } };
};

export type Scope = {
  /** `module:<name>`, `service:<uuid>`, `procedure:<uuid>`, `facility:<uuid>`, … */
  id: string;
  label: Bilingual;
  departmentId: string | null;
  /** Which zone's database holds it. */
  zone: 'internet' | 'internal';
  /** A page citizens can read about it (transparency), if it faces citizens. */
  isPublic: boolean;
};

export type PersonalDataRegister = {
  module: string;
  tables: readonly PersonalTable[];
  /** Tables that hold nothing personal at all, each with the reason. */
  nonPersonalTables: readonly { table: string; why: string }[];
  /** Items declared in code. */
  items: readonly PersonalItem[];
  /** The module's scopes as they are now (every service, every procedure, or one whole-module scope). */
  scopes(db: Queryable): Promise<Scope[]>;
  /** Items staff define on screens (service fields, procedure fields): they join the register automatically. */
  definedItems?(db: Queryable): Promise<PersonalItem[]>;
};
