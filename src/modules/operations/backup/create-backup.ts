/**
 * `madoguchi backup`, the daily job and the administrators' button: one consistent, encrypted backup file
 * (backup-file.ts), recorded in backup_runs and the audit log, then the generations beyond
 * BACKUP_KEEP_GENERATIONS removed — only after a backup succeeded, so a failing backup never costs an old one.
 *
 * Consistency: the manifest's row counts and the dump come from one snapshot. PostgreSQL: a REPEATABLE READ
 * transaction exports its snapshot and pg_dump runs with --snapshot while it is open. PGlite: one session,
 * and the counts and the data-directory image are taken inside one transaction, which holds the instance
 * exclusively (nothing writes in between). Inside the job's own transaction on PGlite (`tx`), the counts
 * and the image are taken before that transaction writes anything, for the same reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import zlib from 'node:zlib';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { type AuditEvent, recordAudit } from '../../audit/index.js';
import { recordSecurityEvent } from '../../security/index.js';
import { type BackupManifest, BackupWriter } from './backup-file.js';
import { type DatabaseFacts, readDatabaseFacts } from './database-facts.js';
import { startTool } from './pg-tools.js';

export type BackupTrigger = 'job' | 'cli' | 'staff';
export type BackupRequester = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

export type BackupResult =
  | { isOk: true; runId: number; file: string; size: number; sha256: string; manifest: BackupManifest; removed: string[] }
  | { isOk: false; runId: number; error: string };

const FILE_NAME = /^madoguchi-backup-\d{8}T\d{6}\.\d{3}Z\.mgbk$/;

/** Backup files in `dir`, oldest first (their names sort by time). */
export function listBackupFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => FILE_NAME.test(f))
    .sort();
}

/** A name that sorts by time: the clock's UTC instant to the millisecond, moved on a millisecond if taken. */
function newFileName(dir: string, at: Date): string {
  for (let t = at.getTime(); ; t++) {
    const name = `madoguchi-backup-${new Date(t).toISOString().replace(/[-:]/g, '')}.mgbk`;
    if (!fs.existsSync(path.join(dir, name)) && !fs.existsSync(path.join(dir, `${name}.partial`))) return name;
  }
}

async function dumpPostgres(ctx: AppContext, writer: BackupWriter): Promise<DatabaseFacts> {
  const url = ctx.config.databaseUrl as string;
  return ctx.db.transaction(
    async (tx) => {
      const snapshot = (await tx.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]?.id as string;
      const facts = await readDatabaseFacts(tx);
      const dump = startTool(ctx, 'pg_dump', ['--format=custom', `--snapshot=${snapshot}`, '--no-password'], url, (c) => writer.write(c));
      await dump.done();
      return facts;
    },
    { isolation: 'repeatable read' },
  );
}

async function dumpPglite(ctx: AppContext, writer: BackupWriter, tx: Queryable | undefined): Promise<DatabaseFacts> {
  const dumpImage = ctx.db.dumpImage;
  if (!dumpImage) throw new Error('this database cannot write an image');
  const take = async (q: Queryable) => {
    await q.query('CHECKPOINT'); // less WAL to replay when the image is opened
    return { facts: await readDatabaseFacts(q), image: await dumpImage() };
  };
  const { facts, image } = tx ? await take(tx) : await ctx.db.transaction(take);
  await pipeline(
    Readable.fromWeb(image.stream() as WebReadableStream<Uint8Array>),
    zlib.createGzip({ level: 1 }),
    async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) await writer.write(chunk);
    },
  );
  return facts;
}

/**
 * Writes one backup into `outDir` (default BACKUP_DIR). Never throws for a failed backup: the failure is
 * recorded (backup_runs, audit 'backup.failed', security event 'backup.failed') and returned. `tx`: the
 * caller's transaction (a job's) to record in; on PGlite the counts and the image are taken in it too.
 */
export async function createBackup(
  ctx: AppContext,
  options: { trigger: BackupTrigger; by: BackupRequester; outDir?: string; tx?: Queryable },
): Promise<BackupResult> {
  const startedAt = ctx.clock.now();
  const dir = path.resolve(options.outDir ?? ctx.config.operations.backup.dir);
  let partial: string | undefined;
  let writer: BackupWriter | undefined;
  let done: { file: string; size: number; sha256: string; manifest: BackupManifest } | undefined;
  let error: string | undefined;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const name = newFileName(dir, startedAt);
    partial = path.join(dir, `${name}.partial`);
    writer = await BackupWriter.create(partial, ctx.secrets.backup, ctx.db.kind);
    const facts = ctx.db.kind === 'postgres' ? await dumpPostgres(ctx, writer) : await dumpPglite(ctx, writer, options.tx);
    const sealed = await writer.finish({
      format: 1,
      createdAt: startedAt.toISOString(),
      database: ctx.db.kind,
      dumpFormat: ctx.db.kind === 'postgres' ? 'pg_dump-custom' : 'pglite-datadir-tar-gzip',
      ...facts,
    });
    writer = undefined;
    const file = path.join(dir, name);
    fs.renameSync(partial, file);
    done = { file, ...sealed };
  } catch (err) {
    error = (err as Error).message || String(err);
    await writer?.abort();
    if (partial) fs.rmSync(partial, { force: true });
  }
  const record = (tx: Queryable) =>
    done ? recordSuccess(ctx, tx, options, startedAt, dir, done) : recordFailure(ctx, tx, options, startedAt, error ?? 'unknown error');
  return options.tx ? record(options.tx) : ctx.db.transaction(record);
}

type Written = { file: string; size: number; sha256: string; manifest: BackupManifest };

/** The manifest without the dump details, for backup_runs and the audit entry (ids and numbers only). */
function summaryOf(m: BackupManifest) {
  return {
    database: m.database,
    schemaVersion: m.schemaVersion,
    tables: Object.keys(m.tables).length,
    rows: Object.values(m.tables).reduce((a, b) => a + b, 0),
    auditHeadSeq: m.auditHead.seq,
  };
}

async function recordSuccess(
  ctx: AppContext,
  tx: Queryable,
  options: { trigger: BackupTrigger; by: BackupRequester },
  startedAt: Date,
  dir: string,
  w: Written,
): Promise<BackupResult> {
  const now = ctx.clock.now();
  const name = path.basename(w.file);
  const summary = summaryOf(w.manifest);
  const run = await tx.query<{ id: number }>(
    `INSERT INTO backup_runs (kind, trigger, started_at, finished_at, outcome, file_name, size_bytes, checksum, summary)
     VALUES ('backup', $1, $2, $3, 'success', $4, $5, $6, $7) RETURNING id`,
    [options.trigger, startedAt, now, name, w.size, w.sha256, JSON.stringify(summary)],
  );
  const runId = Number(run.rows[0]?.id);
  await recordAudit(
    tx,
    {
      ...options.by,
      action: 'backup.created',
      recordType: 'backup',
      recordId: name,
      detail: { trigger: options.trigger, bytes: w.size, sha256: w.sha256, ...summary },
    },
    now,
  );
  // Generations: the newest N stay; the new file is among them, so a failed backup (no new file) removes nothing.
  const files = listBackupFiles(dir);
  const removed = files.slice(0, Math.max(0, files.length - ctx.config.operations.backup.keepGenerations));
  for (const f of removed) {
    fs.rmSync(path.join(dir, f), { force: true });
    await recordAudit(
      tx,
      {
        ...options.by,
        action: 'backup.removed',
        recordType: 'backup',
        recordId: f,
        detail: { keep: ctx.config.operations.backup.keepGenerations },
      },
      now,
    );
  }
  // A backup cut short by a killed process leaves its .partial file; one a day old is nobody's work in progress.
  for (const f of fs.readdirSync(dir))
    if (f.endsWith('.mgbk.partial') && now.getTime() - fs.statSync(path.join(dir, f)).mtimeMs > 86_400_000)
      fs.rmSync(path.join(dir, f), { force: true });
  return { isOk: true, runId, ...w, removed };
}

async function recordFailure(
  ctx: AppContext,
  tx: Queryable,
  options: { trigger: BackupTrigger; by: BackupRequester },
  startedAt: Date,
  error: string,
): Promise<BackupResult> {
  const now = ctx.clock.now();
  const text = error.slice(0, 2000);
  ctx.log.error({ trigger: options.trigger, err: text }, 'backup failed');
  const run = await tx.query<{ id: number }>(
    `INSERT INTO backup_runs (kind, trigger, started_at, finished_at, outcome, error) VALUES ('backup', $1, $2, $3, 'failure', $4) RETURNING id`,
    [options.trigger, startedAt, now, text],
  );
  const runId = Number(run.rows[0]?.id);
  await recordAudit(
    tx,
    {
      ...options.by,
      action: 'backup.failed',
      outcome: 'failure',
      recordType: 'backup',
      recordId: String(runId),
      detail: { trigger: options.trigger, error: text.slice(0, 300) },
    },
    now,
  );
  await recordSecurityEvent(
    tx,
    {
      kind: 'backup.failed',
      severity: 'alert',
      subject: `backup_run:${runId}`,
      detail: { trigger: options.trigger, error: text.slice(0, 300) },
    },
    now,
  );
  return { isOk: false, runId, error: text };
}
