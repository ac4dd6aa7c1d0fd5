/**
 * Which key each encrypted value is under, per registered field (read-only): what `madoguchi keys status`
 * shows and what the rotation reports at its end, including which old keys no value needs any more.
 */
import type { AppContext } from '../../../platform/context.js';
import { ENCRYPTED_FIELDS, type EncryptedField } from '../../../platform/encrypted-fields.js';
import { countByKey } from './field-sql.js';

export type FieldUsage = { field: string; byKey: Record<string, number> };

export type KeyUsage = {
  currentKey: string;
  fields: FieldUsage[];
  /** Values per key id other than the current one (all fields together); '' = not a madoguchi ciphertext. */
  oldKeyValues: Record<string, number>;
  /** Configured keys other than the current one that no value is under: they can be removed. */
  retirableKeys: string[];
  /** Key ids found in the database that the configuration does not have (their values cannot be read). */
  unknownKeys: string[];
};

export async function readKeyUsage(
  ctx: Pick<AppContext, 'db' | 'secrets'>,
  fields: readonly EncryptedField[] = ENCRYPTED_FIELDS,
): Promise<KeyUsage> {
  const ring = ctx.secrets.encryption;
  const usage: FieldUsage[] = [];
  const oldKeyValues: Record<string, number> = {};
  for (const f of fields) {
    const byKey = Object.fromEntries(await countByKey(ctx.db, f));
    usage.push({ field: f.id, byKey });
    for (const [kid, n] of Object.entries(byKey)) if (kid !== ring.current) oldKeyValues[kid] = (oldKeyValues[kid] ?? 0) + n;
  }
  return {
    currentKey: ring.current,
    fields: usage,
    oldKeyValues,
    retirableKeys: [...ring.keys.keys()].filter((k) => k !== ring.current && !oldKeyValues[k]),
    unknownKeys: Object.keys(oldKeyValues).filter((k) => !ring.keys.has(k)),
  };
}

const keyName = (kid: string) => (kid ? `key ${kid}` : 'no key (not a madoguchi ciphertext)');

/** The closing lines for an operator: what can be removed from MADOGUCHI_ENCRYPTION_KEYS and what still needs a key. */
export function describeRetirement(u: KeyUsage): string[] {
  const lines: string[] = [];
  for (const kid of u.retirableKeys)
    lines.push(`No value under key ${kid} remains: it can be removed from MADOGUCHI_ENCRYPTION_KEYS (keep ${u.currentKey} first).`);
  for (const [kid, n] of Object.entries(u.oldKeyValues)) {
    const where = u.fields
      .filter((f) => f.byKey[kid])
      .map((f) => `${f.field} ${f.byKey[kid]}`)
      .join(', ');
    const hint = !kid
      ? 'these values are not madoguchi ciphertext: look at those rows'
      : u.unknownKeys.includes(kid)
        ? `key ${kid} is not configured: add it to MADOGUCHI_ENCRYPTION_KEYS (after ${u.currentKey}) and run \`madoguchi keys rotate\``
        : `keep ${kid} in MADOGUCHI_ENCRYPTION_KEYS and run \`madoguchi keys rotate\``;
    lines.push(`${n} value(s) remain under ${keyName(kid)} (${where}): ${hint}.`);
  }
  if (!Object.keys(u.oldKeyValues).length) lines.push(`Every encrypted value is under the current key ${u.currentKey}.`);
  return lines;
}
