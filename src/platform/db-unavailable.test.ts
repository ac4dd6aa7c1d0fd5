/**
 * Which errors mean "the database is away" (answered 503 with Retry-After, logged once per outage)
 * and which are a statement's own (a 4xx or a 500 with its stack in the log), on real errors of each
 * driver: PGlite, node-postgres against the test server, and a port nobody listens on.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createServerDatabase, dbKind, migratedPgliteImage, serverUrl } from '../../test/helpers.js';
import { isDatabaseUnavailable, onDatabaseAvailable, openDb, reportDatabaseUnavailable, type Db } from './db.js';

const onPostgres = { skip: !serverUrl && 'a PostgreSQL server connection is needed' } as const;
const onPglite = { skip: Boolean(serverUrl) && 'PGlite only' } as const;

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  assert.fail('expected the statement to fail');
}

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function capturingLog() {
  const lines: { level: 'warn' | 'info'; obj: Record<string, unknown> }[] = [];
  return {
    lines,
    warn: (obj: object) => void lines.push({ level: 'warn', obj: obj as Record<string, unknown> }),
    info: (obj: object) => void lines.push({ level: 'info', obj: obj as Record<string, unknown> }),
  };
}

describe(`database unavailable or not (${dbKind})`, () => {
  let db: Db;
  let drop: (() => Promise<void>) | undefined;
  let url: string | undefined;
  before(async () => {
    if (serverUrl) {
      const s = await createServerDatabase(serverUrl);
      url = s.url;
      db = await openDb({ url, poolSize: 3 });
      drop = async () => {
        await db.close();
        await s.drop();
      };
    } else {
      // a clone of the migrated template: starting an empty PGlite costs more than loading one
      db = await openDb({ memory: true, image: await migratedPgliteImage() });
      drop = () => db.close();
    }
    await db.exec('CREATE TABLE t (a int PRIMARY KEY)');
  });
  after(() => drop?.());

  it("does not take a statement's own error for an outage (unique key, division by zero, syntax, a rolled-back transaction)", async () => {
    await db.query('INSERT INTO t VALUES (1)');
    const failures = [
      await rejection(db.query('INSERT INTO t VALUES (1)')),
      await rejection(db.query('SELECT 1 / 0')),
      await rejection(db.query('SELEC 1')),
      await rejection(
        db.transaction(async (tx) => {
          await tx.query('INSERT INTO t VALUES (2)');
          await tx.query('INSERT INTO t VALUES (2)');
        }),
      ),
    ];
    assert.deepEqual(
      failures.map((e) => (e as { code?: string }).code),
      ['23505', '22012', '42601', '23505'],
    );
    for (const e of failures) assert.equal(isDatabaseUnavailable(e), false, String(e));
    assert.equal((await db.query('SELECT count(*)::int AS n FROM t')).rows[0]?.n, 1, 'and the database is still there');
  });

  it('takes the SQLSTATEs and words of a lost server for an outage, through causes and aggregated errors', () => {
    for (const code of ['57P01', '57P02', '57P03', '08006', '08001', '08P01', '53300'])
      assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), true, code);
    for (const code of ['40001', '40P01', '23505', '57014', '0A000', '08'])
      assert.equal(isDatabaseUnavailable(Object.assign(new Error('x'), { code })), false, code);
    assert.equal(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')), true);
    assert.equal(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')), true);
    assert.equal(
      isDatabaseUnavailable(new Error('booking failed', { cause: new Error('Connection terminated unexpectedly') })),
      true,
      'a wrapped cause',
    );
    assert.equal(isDatabaseUnavailable(new AggregateError([new Error('y'), Object.assign(new Error('x'), { code: '57P03' })])), true);
    assert.equal(isDatabaseUnavailable(new Error('Connection terminated')), false, 'a client ended on purpose');
    assert.equal(isDatabaseUnavailable('57P01'), false);
    assert.equal(isDatabaseUnavailable(undefined), false);
  });

  it("answers a refused connection as the database's, but not another service's refused connection", async () => {
    const port = await closedPort();
    const gone = await openDb({ url: `postgres://postgres@127.0.0.1:${port}/none`, poolSize: 1 });
    try {
      const viaQuery = await rejection(gone.query('SELECT 1'));
      const viaTransaction = await rejection(gone.transaction((tx) => tx.query('SELECT 1')));
      assert.equal((viaQuery as { code?: string }).code, 'ECONNREFUSED');
      assert.equal(isDatabaseUnavailable(viaQuery), true);
      assert.equal(isDatabaseUnavailable(viaTransaction), true);
    } finally {
      await gone.close();
    }
    // the same socket error from an HTTP client (a payment provider, the LINE API) is that service's problem
    const other = await rejection(fetch(`http://127.0.0.1:${port}/`));
    assert.equal((other as { cause?: { code?: string } }).cause?.code, 'ECONNREFUSED');
    assert.equal(isDatabaseUnavailable(other), false);
  });

  it('survives a connection the server ends in the middle of a transaction, and the pool replaces it', onPostgres, async () => {
    const other = await openDb({ url: url as string, poolSize: 1 });
    try {
      const err = await rejection(
        db.transaction(async (tx) => {
          const pid = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
          await tx.query('INSERT INTO t VALUES (100)');
          await other.query('SELECT pg_terminate_backend($1)', [pid]);
          // between two statements the server's FATAL arrives as an 'error' event on the idle client:
          // without a listener the process would end here
          await new Promise((r) => setTimeout(r, 100));
          await tx.query('INSERT INTO t VALUES (101)');
        }),
      );
      assert.equal(isDatabaseUnavailable(err), true, String(err));
      const rows = await db.query<{ a: number }>('SELECT a FROM t WHERE a >= 100');
      assert.deepEqual(rows.rows, [], 'nothing of the lost transaction committed, and the next statement works');
    } finally {
      await other.close();
    }
  });

  it('gives up waiting for a pooled connection after the connect timeout', onPostgres, async () => {
    const small = await openDb({ url: url as string, poolSize: 1, connectTimeoutMs: 200 });
    let release: () => void = () => undefined;
    const holding = small.transaction(() => new Promise<void>((r) => (release = r)));
    try {
      const started = performance.now();
      const err = await rejection(small.query('SELECT 1'));
      const waited = performance.now() - started;
      assert.equal((err as Error).message, 'timeout exceeded when trying to connect');
      assert.equal(isDatabaseUnavailable(err), true);
      assert.ok(waited >= 150 && waited < 3000, `waited ${Math.round(waited)} ms`);
    } finally {
      release();
      await holding;
      await small.close();
    }
  });

  it('logs an outage once, and its end once after a quiet second with a statement that succeeds', async () => {
    const log = capturingLog();
    let ended = 0;
    const unsubscribe = onDatabaseAvailable(db, () => ended++);
    try {
      for (let i = 0; i < 5; i++)
        reportDatabaseUnavailable(db, Object.assign(new Error('the database system is shutting down'), { code: '57P03' }), log);
      await db.query('SELECT 1');
      assert.deepEqual(
        log.lines.map((l) => [l.level, l.obj.event, l.obj.code]),
        [['warn', 'database_unavailable', '57P03']],
        'one warning; a statement right after a failure does not end the outage',
      );
      await new Promise((r) => setTimeout(r, 1100));
      await db.query('SELECT 1');
      await db.query('SELECT 1');
      assert.equal(log.lines.length, 2);
      assert.equal(log.lines[1]?.level, 'info');
      assert.equal(log.lines[1]?.obj.event, 'database_available');
      assert.equal(log.lines[1]?.obj.refused, 5);
      assert.equal(ended, 1, 'the listeners hear of it once');
      reportDatabaseUnavailable(db, new Error('Connection terminated unexpectedly'), log);
      assert.equal(log.lines.length, 3, 'the next outage is logged again');
      assert.doesNotMatch(JSON.stringify(log.lines), /\n\s+at /, 'no stack');
    } finally {
      unsubscribe();
    }
  });

  it('takes a closed PGlite for an outage', onPglite, async () => {
    // the suite's database, last (a fresh PGlite costs seconds to start)
    await db.close();
    drop = undefined;
    assert.equal(isDatabaseUnavailable(await rejection(db.query('SELECT 1'))), true);
  });
});
