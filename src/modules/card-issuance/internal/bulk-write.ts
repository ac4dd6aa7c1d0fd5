/**
 * Bulk writes for large imports, in one transaction: COPY FROM STDIN on PostgreSQL (platform/db.ts
 * bulkTransaction: pg-copy-streams on the transaction's pooled connection; text format for rows given as values, binary for rows already in binary
 * COPY format), or multi-row INSERT … SELECT FROM unnest(…) batches of 1,000 rows on PGlite (which has
 * no client COPY stream through our adapter). Rows may arrive as an async stream of batches, so writing
 * starts while the producer is still reading its file. Either way the rows and everything else written
 * in `fn` (import record, audit) commit together or not at all.
 */
import type { AppContext } from '../../../platform/context.js';
import type { CopyFrom, Queryable } from '../../../platform/db.js';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, copyBinaryRows, type CopyBinary } from './copy-binary.js';

export type Column = { name: string; type: 'text' | 'uuid' | 'int' | 'timestamptz' };
export type BulkRow = (string | number | Date | null)[];
/** Rows as values, or already in binary COPY format (producers that format off the main thread send these). */
export type BulkBatch = BulkRow[] | CopyBinary;
/** Rows one by one from a list, or batches as they are produced (a batch stream lets COPY start early). */
export type BulkRows = Iterable<BulkRow> | AsyncIterable<BulkBatch>;
export type BulkWriter = (table: string, columns: Column[], rows: BulkRows) => Promise<number>;

const BATCH = 1000;
const COPY_STATEMENT_ROWS = 50_000;

const COPY_SPECIAL = /[\\\t\n\r]/;

/** COPY text format escaping (backslash, tab, newline, carriage return); null is \N. */
function copyValue(v: string | number | Date | null): string {
  if (v === null) return '\\N';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'number') return String(v);
  if (!COPY_SPECIAL.test(v)) return v;
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function copyLine(r: BulkRow): string {
  let line = copyValue(r[0] ?? null);
  for (let i = 1; i < r.length; i++) line += `\t${copyValue(r[i] ?? null)}`;
  return `${line}\n`;
}

/** Batches, whichever form the rows come in. */
async function* batches(rows: BulkRows): AsyncGenerator<BulkBatch> {
  if (Symbol.asyncIterator in rows) {
    yield* rows;
    return;
  }
  let batch: BulkRow[] = [];
  for (const r of rows) {
    batch.push(r);
    if (batch.length >= BATCH) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export async function withBulkTransaction<T>(ctx: AppContext, fn: (tx: Queryable, write: BulkWriter) => Promise<T>): Promise<T> {
  return ctx.db.bulkTransaction((tx, copyFrom) => fn(tx, copyFrom ? copyWriter(copyFrom) : unnestWriter(tx)));
}

/** COPY FROM STDIN, text format for rows given as values, binary for rows already in binary COPY format. */
function copyWriter(copyFrom: CopyFrom): BulkWriter {
  return async (table, columns, rows) => {
    let n = 0;
    const source = batches(rows)[Symbol.asyncIterator]();
    let next = await source.next();
    const binary = !next.done && !Array.isArray(next.value);
    const sql = `COPY ${table} (${columns.map((c) => c.name).join(', ')}) FROM STDIN${binary ? ' WITH (FORMAT binary)' : ''}`;
    // One COPY statement per COPY_STATEMENT_ROWS rows: a statement's foreign-key checks run when it
    // ends, so the database checks one part while the next is still being prepared, instead of
    // checking every row after the last one arrived.
    while (!next.done) {
      let inStatement = 0;
      async function* data() {
        if (binary) yield COPY_BINARY_HEADER;
        let buf = '';
        while (!next.done && inStatement < COPY_STATEMENT_ROWS) {
          const batch = next.value;
          if (Array.isArray(batch) === binary) throw new Error('A bulk write takes rows in one format, values or binary COPY.');
          if (Array.isArray(batch)) {
            for (const r of batch) buf += copyLine(r);
            inStatement += batch.length;
            if (buf.length > 1 << 16) {
              yield buf;
              buf = '';
            }
          } else {
            yield batch.copyBinary;
            inStatement += batch.count;
          }
          next = await source.next();
        }
        if (buf) yield buf;
        if (binary) yield COPY_BINARY_TRAILER;
      }
      await copyFrom(sql, data());
      n += inStatement;
    }
    return n;
  };
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
    for await (const b of batches(rows))
      for (const r of Array.isArray(b) ? b : copyBinaryRows(b.copyBinary, columns)) {
        for (let i = 0; i < columns.length; i++) (batch[i] as unknown[]).push(r[i] ?? null);
        size++;
        if (size >= BATCH) await flush();
      }
    await flush();
    return n;
  };
}
