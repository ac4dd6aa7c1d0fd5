/**
 * Database access: one small interface over PGlite (embedded, in-process) and node-postgres (server).
 * Both speak the same PostgreSQL dialect; SQL is written once. int8 values are parsed to numbers on
 * both drivers (all our int8 values stay below 2^53).
 */
import crypto from 'node:crypto';
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

/**
 * Hot statements that node-postgres sends as named prepared statements (parsed and planned once per
 * connection instead of on every execution). The name is a hash of the text, so one text is one name
 * on every connection and two texts never share one. Only statements registered here: a plan cached
 * across DDL that changes a statement's result type fails ("cached plan must not change result
 * type"), which the migrating and restoring tests would meet with every statement named. PGlite
 * parses each statement anyway (one session in process; nothing to name).
 */
const preparedNames = new Map<string, string>();

/** Registers `sql` as a named prepared statement on PostgreSQL; returns it unchanged (use it as the query text). */
export function prepared(sql: string): string {
  if (!preparedNames.has(sql)) preparedNames.set(sql, `mg_${crypto.createHash('sha256').update(sql).digest('hex').slice(0, 24)}`);
  return sql;
}

/** node-postgres' query config: named when the text is registered (see prepared). */
function pgQuery(sql: string, params: readonly unknown[] | undefined): pg.QueryConfig {
  const name = preparedNames.get(sql);
  return name ? { name, text: sql, values: params as unknown[] } : { text: sql, values: params as unknown[] };
}

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
  /** PostgreSQL: how long to wait for a pooled connection before failing (default CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number;
};

export async function openDb(options: DbOptions): Promise<Db> {
  if (options.url) return openPostgres(options.url, options.poolSize ?? 16, options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS);
  return openPglite(options.memory ? undefined : options.dataDir, options.memory ? options.image : undefined);
}

/**
 * How long a request waits for a pooled connection — a new one to a server that does not answer, or a
 * free one when all are busy (pg-pool has one timer for both) — before it fails and is answered 503
 * instead of hanging. A restarted or stopped server refuses connections at once; this bounds the silent
 * cases (a dropped network, a pool whose connections hang). Above the booking admission's 8 s wait, so
 * that a rush the admission limiter accepted is not refused by the pool while it is merely slow.
 */
const CONNECT_TIMEOUT_MS = 10_000;

/*
 * No statement_timeout or client query_timeout: migrations, backups, key rotation and exports run long
 * statements on purpose, and pg's query_timeout gives up on the caller while the statement keeps running
 * on a connection that goes back to the pool. TCP keep-alive instead ends a connection whose server has
 * vanished without closing it, so even a query in flight fails rather than waits forever.
 */
async function openPostgres(url: string, poolSize: number, connectTimeoutMs: number): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: connectTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  pool.on('error', () => {
    /* an idle client died (server restart); the pool drops it and opens a new one on next use */
  });
  const availability = new Availability();
  const query = async <T>(sql: string, params?: readonly unknown[]) => {
    const r = await fromDriver(pool.query(pgQuery(sql, params)));
    availability.succeeded();
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };
  const db: Db = {
    kind: 'postgres',
    query,
    async exec(sql) {
      await fromDriver(pool.query(sql));
      availability.succeeded();
    },
    transaction: (fn, options) => inPgTransaction(pool, availability, options, (tx) => fn(tx)),
    bulkTransaction: (fn) =>
      inPgTransaction(pool, availability, undefined, (tx, client) =>
        fn(tx, async (sql, data) => {
          await fromDriver(pipeline(Readable.from(data), client.query(copyFromStdin(sql))));
        }),
      ),
    async close() {
      await pool.end();
    },
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: poolSize }),
  };
  availabilities.set(db, availability);
  return db;
}

/** BEGIN … COMMIT on one pooled connection; ROLLBACK when fn throws. */
async function inPgTransaction<T>(
  pool: pg.Pool,
  availability: Availability,
  options: TransactionOptions | undefined,
  fn: (tx: Queryable, client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await fromDriver(pool.connect());
  // A checked-out client has no listener of the pool's: a connection ended by the server between two
  // statements (shutdown, restart) would otherwise be an unhandled 'error' event and end the process.
  // The next statement fails with the client's "not queryable" error, and the transaction with it.
  let connectionError: unknown;
  const onError = (err: unknown) => {
    connectionError = err;
  };
  client.on('error', onError);
  try {
    await fromDriver(client.query(options?.isolation ? `BEGIN ISOLATION LEVEL ${options.isolation.toUpperCase()}` : 'BEGIN'));
    const tx: Queryable = {
      async query<R>(sql: string, params?: readonly unknown[]) {
        const r = await fromDriver(client.query(pgQuery(sql, params)));
        return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
      },
      async exec(sql: string) {
        await fromDriver(client.query(sql));
      },
    };
    const result = await fn(tx, client);
    // A COMMIT that fails on a lost connection leaves the outcome unknown to us (it may have committed
    // just before); callers answer 503, and an Idempotency-Key retry finds the stored answer if it did.
    await fromDriver(client.query('COMMIT'));
    client.removeListener('error', onError);
    client.release();
    availability.succeeded();
    return result;
  } catch (err) {
    const broken = connectionError !== undefined || isDatabaseUnavailable(err);
    if (!broken) await client.query('ROLLBACK').catch(() => undefined);
    // The server discards an unfinished transaction when its connection ends; the client is not reused.
    client.removeListener('error', onError);
    client.release(broken ? toError(connectionError ?? err) : undefined);
    throw err;
  }
}

function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
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
  const availability = new Availability();
  const ok = <T>(value: T): T => {
    availability.succeeded();
    return value;
  };
  const out: Db = {
    kind: 'pglite',
    query: async (sql, params) => ok(await wrap(db, sql, params)),
    async exec(sql) {
      ok(await db.exec(sql));
    },
    // PGlite is a single session: its transaction() holds the instance exclusively, so
    // transactions are serialised and isolation levels above read committed change nothing.
    transaction: async (fn) => ok(await db.transaction((tx) => fn(pgliteTx(tx)))),
    bulkTransaction: async (fn) => ok(await db.transaction((tx) => fn(pgliteTx(tx), undefined))),
    async close() {
      await db.close();
    },
    dumpImage: () => db.dumpDataDir('none'),
  };
  availabilities.set(out, availability);
  return out;
}

/** True when err is a PostgreSQL error with the given SQLSTATE (e.g. '23505' unique violation). */
export function isPgError(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

export function pgConstraint(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? ((err as { constraint?: string }).constraint ?? undefined) : undefined;
}

/**
 * SQLSTATEs that mean the server is not there for us right now, not that the statement was wrong:
 * class 08 (connection exception), 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03
 * cannot_connect_now (starting up or shutting down), 53300 too_many_connections.
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
/** node-postgres, pg-pool and PGlite say it in words only. */
const UNAVAILABLE_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'PGlite is closed',
]);
/**
 * Socket errors of a server that is down, restarting or unreachable. Any client of any service meets
 * them (a payment provider, the LINE API), so they count only when this module saw them come from the
 * database driver (fromDriver marks them).
 */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const FROM_DATABASE = Symbol('madoguchi.fromDatabase');

function hasUnavailableErrno(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_ERRNOS.has(e.code)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => hasUnavailableErrno(x, depth + 1))) return true;
  return hasUnavailableErrno(e.cause, depth + 1);
}

/** Rejects with the driver's error, marked as the database's when it is a socket error (see UNAVAILABLE_ERRNOS). */
function fromDriver<T>(p: Promise<T>): Promise<T> {
  return p.catch((err: unknown) => {
    if (typeof err === 'object' && err !== null && hasUnavailableErrno(err) && Object.isExtensible(err))
      Object.defineProperty(err, FROM_DATABASE, { value: true });
    throw err;
  });
}

/**
 * True when err (or its cause, or one of an AggregateError's errors) says the database cannot be
 * reached or went away — the request can succeed later unchanged, so it is answered 503 with
 * Retry-After, not 500. A statement's own error (constraint, syntax, serialisation) is not one, nor
 * a socket error of another service.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown; [FROM_DATABASE]?: boolean };
  if (e[FROM_DATABASE]) return true;
  if (typeof e.code === 'string' && (/^08[0-9A-Z]{3}$/.test(e.code) || UNAVAILABLE_STATES.has(e.code))) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.has(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** What an unavailable-database error says, for one log line (no stack: it is not a bug here). */
function describeUnavailable(err: unknown): { code?: string; reason: string } {
  const e = err as { code?: unknown; message?: unknown };
  return { ...(typeof e?.code === 'string' ? { code: e.code } : {}), reason: String(e?.message ?? err).slice(0, 200) };
}

type OutageLog = { warn(obj: object, msg: string): void; info(obj: object, msg: string): void };

/**
 * An outage ends with a statement that succeeds this long after the last failure: around a shutdown a
 * statement that was already answered still succeeds between failures, which is not the end of it.
 */
const OUTAGE_QUIET_MS = 1000;

/**
 * One process's view of its database being away: logged once at warn when the first request or job
 * finds it gone, and once at info when statements succeed again (with how long and how many were
 * refused), instead of a line and a stack per request while it is down.
 */
class Availability {
  private downSince: number | undefined;
  private lastFailure = 0;
  private refused = 0;
  private log: OutageLog | undefined;
  readonly listeners = new Set<() => void>();

  failed(err: unknown, log: OutageLog): void {
    this.refused++;
    this.lastFailure = Date.now();
    if (this.downSince !== undefined) return;
    this.downSince = this.lastFailure;
    this.log = log;
    log.warn(
      { event: 'database_unavailable', ...describeUnavailable(err) },
      'database unavailable: requests are answered 503 with Retry-After and jobs wait until it is back',
    );
  }

  succeeded(): void {
    if (this.downSince === undefined) return;
    const now = Date.now();
    if (now - this.lastFailure < OUTAGE_QUIET_MS) return;
    this.log?.info({ event: 'database_available', downMs: now - this.downSince, refused: this.refused }, 'database available again');
    this.downSince = undefined;
    this.refused = 0;
    for (const listener of this.listeners) {
      try {
        listener();
      } catch (err) {
        // a listener's bug must not fail the statement that just succeeded
        this.log?.warn({ event: 'database_available_listener_failed', reason: String(err) }, 'a database-available listener failed');
      }
    }
  }
}

const availabilities = new WeakMap<Db, Availability>();

function availabilityOf(db: Db): Availability {
  let a = availabilities.get(db);
  if (!a) {
    a = new Availability();
    availabilities.set(db, a);
  }
  return a;
}

/**
 * Records that `db` was found unavailable (see isDatabaseUnavailable); logs at the start of an outage
 * only. The outage ends with a statement that succeeds on the same Db a second after the last failure.
 */
export function reportDatabaseUnavailable(db: Db, err: unknown, log: OutageLog): void {
  availabilityOf(db).failed(err, log);
}

/** Calls `listener` each time an outage of `db` ends (see reportDatabaseUnavailable); returns the unsubscribe. */
export function onDatabaseAvailable(db: Db, listener: () => void): () => void {
  const a = availabilityOf(db);
  a.listeners.add(listener);
  return () => a.listeners.delete(listener);
}
