/**
 * `madoguchi backup verify` and the restore drill: opens a backup, restores it into a scratch database and
 * compares that copy with the manifest — rows per table, schema version, audit chain head — and walks the
 * copy's audit chain. PostgreSQL: a database madoguchi_verify_<random> on the same server, dropped afterwards
 * whatever happened (the role needs CREATEDB). PGlite: an in-memory instance started from the image.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import pg from 'pg';
import type { AppContext } from '../../../platform/context.js';
import { type Db, isPgError, openDb } from '../../../platform/db.js';
import { verifyAuditChain } from '../../audit/index.js';
import { type BackupManifest, BackupFileError, readBackupDatabaseKind, readBackupFile } from './backup-file.js';
import { compareFacts, readDatabaseFacts } from './database-facts.js';
import { startTool } from './pg-tools.js';

export type VerifyOutcome = {
  isOk: boolean;
  file: string;
  manifest?: BackupManifest;
  /** Each difference or failure, named ("rsv_reservations: expected 12, found 11"). */
  problems: string[];
  auditEntries?: number;
  /** PostgreSQL: the scratch database for the copy (dropped again before this returns, whatever happened). */
  scratchDatabase?: string;
};

/** What is compared in a restored copy: its facts against the manifest, and its audit chain. */
async function checkCopy(ctx: AppContext, db: Db, manifest: BackupManifest): Promise<{ problems: string[]; auditEntries: number }> {
  const problems = compareFacts(manifest, await readDatabaseFacts(db));
  const chain = await verifyAuditChain(db, { publicKey: ctx.secrets.auditSigning.publicKey, publicKeyId: ctx.secrets.auditSigning.id });
  if (!chain.isOk && chain.problem)
    problems.push(`audit chain: ${chain.problem.kind} at seq ${chain.problem.seq}: ${chain.problem.message}`);
  return { problems, auditEntries: chain.entries };
}

async function verifyPglite(ctx: AppContext, file: string): Promise<Omit<VerifyOutcome, 'file' | 'isOk'>> {
  const compressed: Buffer[] = [];
  const manifest = await readBackupFile(file, ctx.secrets.backup, (c) => {
    compressed.push(c);
  });
  const image = await promisify(zlib.gunzip)(Buffer.concat(compressed));
  compressed.length = 0;
  const db = await openDb({ memory: true, image: new Blob([image]) });
  try {
    return { manifest, ...(await checkCopy(ctx, db, manifest)) };
  } finally {
    await db.close();
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function verifyPostgres(ctx: AppContext, file: string, name: string): Promise<Omit<VerifyOutcome, 'file' | 'isOk'>> {
  const url = ctx.config.databaseUrl as string;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } catch (err) {
      if (isPgError(err, '42501'))
        throw new Error(
          `the database role may not create databases: verification restores into a scratch database (${name}) and drops it afterwards. Grant CREATEDB to the role that runs it (ALTER ROLE … CREATEDB), or run it as the owner role`,
        );
      throw err;
    }
    const scratch = withDatabase(url, name);
    const restore = startTool(
      ctx,
      'pg_restore',
      ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '--no-password'],
      scratch,
    );
    let manifest: BackupManifest;
    try {
      manifest = await readBackupFile(file, ctx.secrets.backup, (c) => restore.write(c));
    } catch (err) {
      restore.kill();
      await restore.done().catch(() => undefined);
      throw err;
    }
    await restore.done();
    const db = await openDb({ url: scratch, poolSize: 2 });
    try {
      return { manifest, ...(await checkCopy(ctx, db, manifest)) };
    } finally {
      await db.close();
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch((err: Error) => {
      ctx.log.error({ err: err.message, database: name }, 'could not drop the scratch database of a backup verification; drop it by hand');
    });
    await admin.end();
  }
}

/** Verifies one backup file; never throws: a verification that cannot run is a failed one, with the reason. */
export async function verifyBackupFile(ctx: AppContext, file: string): Promise<VerifyOutcome> {
  const scratch = ctx.db.kind === 'postgres' ? { scratchDatabase: `madoguchi_verify_${crypto.randomBytes(6).toString('hex')}` } : {};
  try {
    const kind = await readBackupDatabaseKind(file);
    if (kind !== ctx.db.kind)
      return {
        isOk: false,
        file,
        problems: [
          `${path.basename(file)} is a backup of ${kind === 'postgres' ? 'PostgreSQL' : 'the embedded database (PGlite)'}; this configuration uses ${ctx.db.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database'}. Verify it where DATABASE_URL points at the same kind of database.`,
        ],
      };
    const r = scratch.scratchDatabase ? await verifyPostgres(ctx, file, scratch.scratchDatabase) : await verifyPglite(ctx, file);
    return { isOk: r.problems.length === 0, file, ...scratch, ...r };
  } catch (err) {
    const message = (err as Error).message || String(err);
    return {
      isOk: false,
      file,
      problems: [err instanceof BackupFileError ? message : `the backup could not be restored for checking: ${message}`],
    };
  }
}
