/**
 * The inventory (データ項目台帳) as data: what `computeInventory` returns, what the staff screens and the
 * CSV show, what `madoguchi privacy inventory --json` prints (in its pinned, narrower shape) and what the
 * offline bundle stores as inventory.json. Counts and definitions only: never a person's data.
 */
import type { Bilingual, DataCategory, DataSubject, Readers, RecipientKind, Scope, StoredAt } from '../../../platform/personal-data.js';

export type InventoryItem = {
  key: string;
  label: Bilingual;
  category: DataCategory;
  subject: DataSubject;
  isSensitive: boolean;
  /** The primary storage is encrypted at rest (or one-way hashed). */
  isEncrypted: boolean;
  storedAt: readonly StoredAt[];
  /** Rows in this scope holding the item (at its primary storage), now. */
  records: number;
  purpose: Bilingual;
  readers: Readers;
  recipients: readonly { to: RecipientKind; receives: Bilingual }[];
  retention: Bilingual;
};

export type InventoryScope = {
  module: string;
  scope: Scope;
  department: { id: string; code: string; name: string; nameEn: string | null } | null;
  /** Rows of the scope's tables that are about a person and still hold personal data. */
  records: number;
  /** Distinct people those rows are about. */
  people: number;
  /** When the oldest of those rows was created (ISO 8601), or null. */
  oldest: string | null;
  items: InventoryItem[];
};

export type InventoryReport = {
  /** ISO 8601. */
  generatedAt: string;
  /** The schema version (newest migration) the counts were read from. */
  schemaVersion: string;
  scopes: InventoryScope[];
};

/** `madoguchi privacy inventory --json` (pinned: outside checks rely on it). */
export type PinnedInventory = {
  module: string;
  scope: string;
  items: { key: string; category: DataCategory; sensitive: boolean; encrypted: boolean; records: number }[];
}[];
