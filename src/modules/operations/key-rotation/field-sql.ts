/**
 * The SQL of one registered encrypted field (src/platform/encrypted-fields.ts): its key id per row, the
 * next batch of rows under another key than the current one, and the guarded write of a re-encrypted
 * value. Identifiers come from the registry (constants), never from input; values are parameters.
 */
import type { Queryable } from '../../../platform/db.js';
import type { EncryptedField } from '../../../platform/encrypted-fields.js';

const BINARY_MAGIC = Buffer.from('MGB1', 'ascii');

const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain SQL identifier: ${name}`);
  return `"${name}"`;
};
const literal = (s: string): string => {
  if (!/^[A-Za-z0-9_.-]+$/.test(s)) throw new Error(`not a plain SQL literal: ${s}`);
  return `'${s}'`;
};

/** The value's SQL expression: the column, or the property of the jsonb object as text. */
export function valueExpr(f: EncryptedField): string {
  return f.jsonProperty ? `(${ident(f.column)} ->> ${literal(f.jsonProperty)})` : ident(f.column);
}

function rowsWhere(f: EncryptedField): string {
  if (!f.rowsWhere) return '';
  return ` AND ${ident(f.rowsWhere.column)} IN (${f.rowsWhere.values.map(literal).join(', ')})`;
}

/** The key id of the value, '' for a value that is not in a madoguchi form. */
function kidExpr(f: EncryptedField): string {
  const v = valueExpr(f);
  if (f.form === 'text') return `CASE WHEN ${v} ~ '^v[12]\\.' THEN split_part(${v}, '.', 2) ELSE '' END`;
  return `CASE WHEN substring(${v} from 1 for 4) = '\\x4d474231'::bytea AND length(${v}) > 5
            THEN encode(substring(${v} from 6 for get_byte(${v}, 4)), 'escape') ELSE '' END`;
}

/** How many values the field holds under each key id (read-only). */
export async function countByKey(q: Queryable, f: EncryptedField): Promise<Map<string, number>> {
  const r = await q.query<{ kid: string; n: number }>(
    `SELECT ${kidExpr(f)} AS kid, count(*)::int AS n FROM ${ident(f.table)} WHERE ${valueExpr(f)} IS NOT NULL${rowsWhere(f)} GROUP BY 1`,
  );
  return new Map(r.rows.map((x) => [x.kid, Number(x.n)]));
}

/**
 * What marks a value written under `kid`: for text, the key id itself (the second part of a v1 or v2 value);
 * for bytes, the envelope's prefix.
 */
export function currentPrefix(f: EncryptedField, kid: string): string | Buffer {
  if (f.form === 'text') return kid;
  const k = Buffer.from(kid, 'ascii');
  return Buffer.concat([BINARY_MAGIC, Buffer.of(k.length), k]);
}

/** The SQL types of the key columns, so a cursor kept as text is compared in the column's own order. */
export async function keyTypes(q: Queryable, f: EncryptedField): Promise<string[]> {
  const r = await q.query<{ name: string; type: string }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
       FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped`,
    [f.table],
  );
  const types = new Map(r.rows.map((x) => [x.name, x.type]));
  return f.key.map((k) => {
    const t = types.get(k);
    if (!t || !/^[a-z ]+(\(\d+\))?$/.test(t)) throw new Error(`${f.table}.${k}: key column not found in the database`);
    return t;
  });
}

export type ReadRow = { key: string[]; value: string | Buffer; row: Record<string, unknown> };

/**
 * The next rows (in key order, after `after`) whose value is not under the current key: no lock is
 * taken, so the application's writers are never held up; the write below is conditional instead.
 */
export async function readBatch(
  q: Queryable,
  f: EncryptedField,
  o: { prefix: string | Buffer; types: string[]; after: string[] | undefined; limit: number },
): Promise<ReadRow[]> {
  const v = valueExpr(f);
  // not yet under the current key: for text, not a v1/v2 value whose key id is it; for bytes, not its envelope prefix
  const params: unknown[] = [o.prefix];
  const notCurrent =
    f.form === 'text'
      ? `NOT (${v} ~ '^v[12]\\.' AND split_part(${v}, '.', 2) = $1)`
      : `substring(${v} from 1 for ${(o.prefix as Buffer).length}) <> $1`;
  let cursor = '';
  if (o.after) {
    const placeholders = o.after.map((value, i) => {
      params.push(value);
      return `$${params.length}::${o.types[i]}`;
    });
    cursor = ` AND (${f.key.map(ident).join(', ')}) > (${placeholders.join(', ')})`;
  }
  params.push(o.limit);
  const extra = f.contextColumns.filter((c) => !f.key.includes(c));
  const r = await q.query<Record<string, unknown>>(
    `SELECT ${f.key.map((k, i) => `${ident(k)}::text AS k${i}`).join(', ')}${extra.map((c) => `, ${ident(c)}`).join('')}, ${v} AS value
       FROM ${ident(f.table)}
      WHERE ${v} IS NOT NULL AND ${notCurrent}${rowsWhere(f)}${cursor}
      ORDER BY ${f.key.map(ident).join(', ')}
      LIMIT $${params.length}`,
    params,
  );
  return r.rows.map((row) => {
    const key = f.key.map((_, i) => String(row[`k${i}`]));
    const ctxRow: Record<string, unknown> = { ...row };
    f.key.forEach((k, i) => {
      ctxRow[k] = key[i];
    });
    const value = row.value;
    return { key, value: f.form === 'bytes' ? Buffer.from(value as Uint8Array) : String(value), row: ctxRow };
  });
}

/**
 * Writes the re-encrypted values, each only where the row still holds the value that was read
 * (`col = old`): a value the application changed meanwhile is left alone (it was written with the
 * application's key and is counted again by the next pass). Returns how many rows were written.
 */
export async function writeBatch(
  q: Queryable,
  f: EncryptedField,
  types: string[],
  rows: { key: string[]; old: string | Buffer; value: string | Buffer }[],
): Promise<number> {
  if (!rows.length) return 0;
  const where = f.key.map((k, i) => `t.${ident(k)} = v.k${i}::${types[i]}`).join(' AND ');
  if (f.form === 'bytes') {
    // Files one by one: a batch of several megabytes per value is not worth an array parameter.
    let n = 0;
    for (const r of rows) {
      const keyParams = r.key.map((_, i) => `$${i + 3}::text AS k${i}`).join(', ');
      const u = await q.query(
        `UPDATE ${ident(f.table)} t SET ${ident(f.column)} = $1 FROM (SELECT ${keyParams}) v
          WHERE ${where} AND t.${ident(f.column)} = $2`,
        [r.value, r.old, ...r.key],
      );
      n += u.rowCount;
    }
    return n;
  }
  const cols = [...f.key.map((_, i) => `k${i}`), 'old', 'new'];
  const params = [...f.key.map((_, i) => rows.map((r) => r.key[i])), rows.map((r) => r.old), rows.map((r) => r.value)];
  const set = f.jsonProperty
    ? `${ident(f.column)} = jsonb_set(t.${ident(f.column)}, ARRAY[${literal(f.jsonProperty)}], to_jsonb(v.new))`
    : `${ident(f.column)} = v.new`;
  const current = f.jsonProperty ? `(t.${ident(f.column)} ->> ${literal(f.jsonProperty)})` : `t.${ident(f.column)}`;
  const u = await q.query(
    `UPDATE ${ident(f.table)} t SET ${set}
       FROM unnest(${cols.map((_, i) => `$${i + 1}::text[]`).join(', ')}) AS v(${cols.join(', ')})
      WHERE ${where} AND ${current} = v.old`,
    params,
  );
  return u.rowCount;
}
