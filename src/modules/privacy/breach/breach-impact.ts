/**
 * A breach-impact report's facts as data (JSON-able): what the staff screen shows, what the PPC draft is
 * built from and what `madoguchi privacy breach-report --json` prints. Counts and definitions only; the
 * contact list of the people affected is a separate, audited export.
 */
import type { Bilingual, DataCategory, DataSubject, StoredAt } from '../../../platform/personal-data.js';
import type { ScopeKind } from './breach-scope.js';

export const CHANNELS = ['email', 'line', 'phone', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

export type BreachItem = {
  key: string;
  module: string;
  label: Bilingual;
  category: DataCategory;
  subject: DataSubject;
  sensitive: boolean;
  /** Encrypted at rest under the field keys, or one-way hashed. */
  encrypted: boolean;
  protection: StoredAt['protection'];
  /** Affected rows holding the item. */
  records: number;
};

/** What the counts could not cover, said plainly in the report. */
export type BreachNote =
  /** Rows created before the window's end that hold no personal data any more: when they were erased is not recorded. */
  | { kind: 'erased'; table: string; rows: number }
  /** The table records no creation time: all its rows are counted, whenever they were created. */
  | { kind: 'noCreatedAt'; table: string }
  /** Rows the audit log names that are no longer in the database. */
  | { kind: 'gone'; rows: number }
  /** Lists and exports whose audit entries record only a count, not which rows. */
  | { kind: 'unresolved'; action: string; entries: number; records: number }
  /** Counted from an offline bundle: the counts are those held when it was written, whatever the window. */
  | { kind: 'bundle'; generatedAt: string }
  /** A person in two scopes of a bundle counts twice (the bundle holds counts per scope only). */
  | { kind: 'bundlePeopleSummed' };

export type BreachImpact = {
  /** The scope as given, normalised (`service:ID`, `staff:LOGIN`, `table:a.x,b`…). */
  scope: string;
  scopeKind: ScopeKind;
  /** Japan-time days, inclusive. */
  window: { from: string; to: string };
  generatedAt: string;
  source: 'database' | 'bundle';
  /** The register's scopes the affected rows belong to. */
  scopes: { id: string; module: string; label: Bilingual }[];
  items: BreachItem[];
  /** Distinct people the affected rows are about. */
  people: number;
  /** Affected rows about a person (of tables that name no person, when the scope holds only such tables). */
  records: number;
  departments: { id: string; code: string; name: string; nameEn: string | null }[];
  /** Affected values (item × row) by protection at rest. */
  encryption: { encrypted: number; hashed: number; plain: number };
  /** People reachable by each channel (a person may count under several); `none`: by none. Null from a bundle. */
  notifiable: (Record<Channel, number> & { none: number }) | null;
  /** For a staff scope: the account's audit entries in the window and the rows they name. */
  staffActivity?: { entries: number; referenced: number };
  notes: BreachNote[];
};
