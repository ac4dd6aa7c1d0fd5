/**
 * Database access: one small interface over PGlite (embedded, in-process) and node-postgres (server).
 * Both speak the same PostgreSQL dialect; SQL is written once. int8 values are parsed to numbers on
 * both drivers (all our int8 values stay below 2^53).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFromStdin } from 'pg-copy-streams';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';

export type Row = Record<string, unknown>;
export type QueryResult<T> = { rows: T[]; rowCount: number };

export type Queryable = {
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations, test setup). */
  exec(sql: string): Promise<void>;
};

export type TransactionOptions = { isolation?: 'read committed' | 'repeatable read' | 'serializable' };

/** Runs one `COPY … FROM STDIN` statement, feeding it `data` (text or binary COPY format). */
export type CopyFrom = (sql: string, data: AsyncIterable<string | Uint8Array>) => Promise<void>;

export type Db = Queryable & {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * One transaction for bulk writes: on PostgreSQL `copyFrom` streams COPY … FROM STDIN on the
   * transaction's own pooled connection (pg-copy-streams), so the rows commit with everything else
   * written in fn; PGlite has no client COPY stream here, so `copyFrom` is undefined and the caller
   * inserts in batches (e.g. INSERT … SELECT FROM unnest).
   */
  bulkTransaction<T>(fn: (tx: Queryable, copyFrom: CopyFrom | undefined) => Promise<T>): Promise<T>;
  /** A dedicated connection for LISTEN or long COPY; PGlite returns itself. */
  close(): Promise<void>;
  /**
   * PGlite only: the data directory as an uncompressed tarball, which `openDb({ memory: true, image })`
   * starts from (tests clone one migrated database this way instead of migrating each one).
   */
  dumpImage?: () => Promise<Blob>;
  /** PostgreSQL only: the connection pool right now (metrics). PGlite has one in-process session and no pool. */
  poolStats?: () => { total: number; idle: number; waiting: number; max: number };
};

pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
pg.types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD'

export type DbOptions = {
  url?: string;
  dataDir?: string;
  poolSize?: number;
  memory?: boolean;
  /** With `memory`: start from this PGlite data directory tarball (see Db.dumpImage) instead of an empty database. */
  image?: Blob;
};

export async function openDb(options: DbOptions): Promise<Db> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 16);
  return openPglite(options.memory ? undefined : options.dataDir, options.memory ? options.image : undefined);
}

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000 });
  pool.on('error', () => {
    /* an idle client died (server restart); the pool replaces it on next use */
  });
  const query = async <T>(sql: string, params?: readonly unknown[]) => {
    const r = await pool.query(sql, params as unknown[]);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };
  return {
    kind: 'postgres',
    query,
    async exec(sql) {
      await pool.query(sql);
    },
    transaction: (fn, options) => inPgTransaction(pool, options, (tx) => fn(tx)),
    bulkTransaction: (fn) =>
      inPgTransaction(pool, undefined, (tx, client) =>
        fn(tx, async (sql, data) => {
          await pipeline(Readable.from(data), client.query(copyFromStdin(sql)));
        }),
      ),
    async close() {
      await pool.end();
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: poolSize }),
  };
}

/** BEGIN … COMMIT on one pooled connection; ROLLBACK when fn throws. */
async function inPgTransaction<T>(
  pool: pg.Pool,
  options: TransactionOptions | undefined,
  fn: (tx: Queryable, client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(options?.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation.toUpperCase()}` : 'BEGIN');
    const tx: Queryable = {
      async query<R>(sql: string, params?: readonly unknown[]) {
        const r = await client.query(sql, params as unknown[]);
        return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
      },
      async exec(sql: string) {
        await client.query(sql);
      },
    };
    const result = await fn(tx, client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

async function openPglite(dataDir: string | undefined, image: Blob | undefined): Promise<Db> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const parsers = {
    [pgliteTypes.INT8]: (v: string) => Number(v),
    [pgliteTypes.NUMERIC]: (v: string) => Number(v),
    [pgliteTypes.DATE]: (v: string) => v,
  };
  const db = dataDir ? new PGlite(dataDir, { parsers }) : new PGlite({ parsers, ...(image ? { loadDataDir: image } : {}) });
  await db.waitReady;
  const wrap = async <T>(q: { query: PGlite['query'] }, sql: string, params?: readonly unknown[]) => {
    const r = await q.query<T>(sql, params as unknown[]);
    // rowCount as node-postgres reports it: the count in the statement's command tag (rows returned
    // by a SELECT, rows changed by INSERT/UPDATE/DELETE). PGlite's affectedRows is 0 for every SELECT,
    // including `WITH … (UPDATE …) SELECT`, so it must not be used here.
    return { rows: r.rows, rowCount: r.rowCount ?? r.rows.length };
  };
  const pgliteTx = (tx: Parameters<Parameters<PGlite['transaction']>[0]>[0]): Queryable => ({
    query: (sql, params) => wrap(tx, sql, params),
    async exec(sql) {
      await tx.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    query: (sql, params) => wrap(db, sql, params),
    async exec(sql) {
      await db.exec(sql);
    },
    // PGlite is a single session: its transaction() holds the instance exclusively, so
    // transactions are serialised and isolation levels above read committed change nothing.
    transaction: (fn) => db.transaction((tx) => fn(pgliteTx(tx))),
    bulkTransaction: (fn) => db.transaction((tx) => fn(pgliteTx(tx), undefined)),
    async close() {
      await db.close();
    },
    dumpImage: () => db.dumpDataDir('none'),
  };
}

/** True when err is a PostgreSQL error with the given SQLSTATE (e.g. '23505' unique violation). */
export function isPgError(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

export function pgConstraint(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? ((err as { constraint?: string }).constraint ?? undefined) : undefined;
}
