/**
 * Bulk writes for large imports, in one transaction: COPY FROM STDIN on a dedicated PostgreSQL
 * connection (pg-copy-streams), or multi-row INSERT … SELECT FROM unnest(…) batches of 1,000 rows on
 * PGlite (which has no client COPY stream through our adapter). Either way the rows and everything
 * else written in `fn` (import record, audit) commit together or not at all.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';

export type Column = { name: string; type: 'text' | 'uuid' | 'int' | 'timestamptz' };
export type BulkWriter = (table: string, columns: Column[], rows: Iterable<(string | number | Date | null)[]>) => Promise<number>;

const BATCH = 1000;

/** COPY text format escaping (backslash, tab, newline, carriage return); null is \N. */
function copyValue(v: string | number | Date | null): string {
  if (v === null) return '\\N';
  if (v instanceof Date) return v.toISOString();
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export async function withBulkTransaction<T>(ctx: AppContext, fn: (tx: Queryable, write: BulkWriter) => Promise<T>): Promise<T> {
  if (ctx.db.kind === 'postgres' && ctx.config.databaseUrl) {
    const client = new pg.Client({ connectionString: ctx.config.databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      const tx: Queryable = {
        async query<R>(sql: string, params?: readonly unknown[]) {
          const r = await client.query(sql, params as unknown[]);
          return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
        },
        async exec(sql: string) {
          await client.query(sql);
        },
      };
      const write: BulkWriter = async (table, columns, rows) => {
        let n = 0;
        const stream = client.query(copyFrom(`COPY ${table} (${columns.map((c) => c.name).join(', ')}) FROM STDIN`));
        async function* lines() {
          let buf = '';
          for (const r of rows) {
            buf += `${r.map(copyValue).join('\t')}\n`;
            n++;
            if (buf.length > 1 << 16) {
              yield buf;
              buf = '';
            }
          }
          if (buf) yield buf;
        }
        await pipeline(Readable.from(lines()), stream);
        return n;
      };
      const result = await fn(tx, write);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await client.end();
    }
  }
  return ctx.db.transaction((tx) => fn(tx, unnestWriter(tx)));
}

/** Multi-row INSERT through unnest: one statement and one parameter per column for each 1,000 rows. */
export function unnestWriter(tx: Queryable): BulkWriter {
  return async (table, columns, rows) => {
    const sql = `INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')})
      SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type === 'int' ? 'integer' : c.type}[]`).join(', ')})`;
    let n = 0;
    let batch: (string | number | Date | null)[][] = columns.map(() => []);
    let size = 0;
    const flush = async () => {
      if (size === 0) return;
      await tx.query(sql, batch);
      n += size;
      batch = columns.map(() => []);
      size = 0;
    };
    for (const r of rows) {
      for (let i = 0; i < columns.length; i++) (batch[i] as unknown[]).push(r[i] ?? null);
      size++;
      if (size >= BATCH) await flush();
    }
    await flush();
    return n;
  };
}
