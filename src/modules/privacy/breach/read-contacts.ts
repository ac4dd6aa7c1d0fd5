/**
 * The channels each affected person can be reached through (PersonalTable.contact): for the notifiable
 * counts, whether a value is there; for the officer's contact list, the value itself, decrypted with the
 * context src/platform/encrypted-fields.ts records for its column. A value inside an encrypted JSON
 * container (an address in a card's personal data) is decrypted even to count it; without the keys
 * (`crypto` absent), a present container counts as reachable.
 */
import type { Queryable } from '../../../platform/db.js';
import { ENCRYPTED_FIELDS, type EncryptedRow } from '../../../platform/encrypted-fields.js';
import type { FieldCrypto } from '../../../platform/field-crypto.js';
import type { StoredAt } from '../../../platform/personal-data.js';
import { CHANNELS, type Channel } from './breach-impact.js';
import type { TableSelection } from './breach-scope.js';

export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export type PersonContacts = { person: string; scope: string | null; channels: Map<Channel, string | null> };

const encryptedFieldOf = (s: StoredAt) => ENCRYPTED_FIELDS.find((f) => f.table === s.table && f.column === s.column && !f.jsonProperty);

function valueOf(
  s: StoredAt,
  raw: unknown,
  row: EncryptedRow,
  crypto: FieldCrypto | undefined,
  wanted: boolean,
): string | null | undefined {
  if (raw === null || raw === undefined) return undefined;
  let v: unknown = raw;
  if (s.protection === 'encrypted') {
    const f = encryptedFieldOf(s);
    // Without the keys, or in a form this list cannot read, the value is there but unread.
    if (!crypto || !f || f.form !== 'text' || typeof raw !== 'string') return null;
    if (!s.property && !wanted) return null;
    v = crypto.decrypt(raw, f.context(row));
    if (s.property) v = (JSON.parse(v as string) as Record<string, unknown>)[s.property];
  } else if (s.property)
    v = (typeof raw === 'string' ? (JSON.parse(raw) as Record<string, unknown>) : (raw as Record<string, unknown>))[s.property];
  if (v === null || v === undefined || v === '') return undefined;
  return wanted ? (typeof v === 'string' ? v : JSON.stringify(v)) : null;
}

/**
 * Per affected row about a person: its channels (value null when only presence was read). `where` is the
 * selection's condition with any further conditions (their parameters after the selection's).
 */
export async function readContacts(
  db: Queryable,
  sel: TableSelection,
  where: string,
  params: readonly unknown[],
  o: { crypto?: FieldCrypto; withValues: boolean },
): Promise<PersonContacts[]> {
  const t = sel.table;
  if (!t.person) return [];
  const contact = CHANNELS.flatMap((c) => {
    const s = t.contact?.[c];
    return s && s.protection !== 'hashed' && s.table === t.table ? [{ channel: c, s }] : [];
  });
  const contextColumns = new Set(contact.flatMap(({ s }) => encryptedFieldOf(s)?.contextColumns ?? []));
  const cols = [
    `(${t.person})::text AS "_person"`,
    `(${t.scope})::text AS "_scope"`,
    ...[...new Set(contact.map(({ s }) => s.column))].map((c) => `t.${ident(c)} AS ${ident(`c_${c}`)}`),
    ...[...contextColumns].map((c) => `t.${ident(c)} AS ${ident(c)}`),
  ];
  const r = await db.query<Record<string, unknown>>(`SELECT ${cols.join(', ')} FROM ${ident(t.table)} t WHERE ${where}`, params);
  return r.rows.flatMap((row) => {
    if (row._person === null) return [];
    const channels = new Map<Channel, string | null>();
    for (const { channel, s } of contact) {
      const v = valueOf(s, row[`c_${s.column}`], row, o.crypto, o.withValues);
      if (v !== undefined) channels.set(channel, v);
    }
    return [{ person: String(row._person), scope: row._scope === null ? null : String(row._scope), channels }];
  });
}
