/**
 * `madoguchi restore FILE`: puts a backup into the configured database. The whole file is authenticated first
 * (a damaged or altered backup changes nothing), then:
 *
 * - The database must be empty — no table in schema public — unless `intoNonEmpty`: then everything in schema
 *   public is dropped (PostgreSQL) or the embedded data directory is moved aside (PGlite) first.
 * - PostgreSQL: pg_restore --no-owner --no-privileges in one transaction, run as the owner role (the one that
 *   runs migrations), so the restored objects belong to it; the application role `madoguchi_app`, when it exists,
 *   gets back the privileges of docs/architecture.md (tables read/write, then audit_restrict_role narrows the
 *   audit tables to read and append). Restoring as madoguchi_app is refused: it would own the audit tables.
 * - PGlite: the image is written into the data directory, which only works while no server holds it (the CLI
 *   refuses while the server runs).
 *
 * Afterwards 'backup.restored' is audited in the restored database, continuing its chain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import type { AppContext } from '../../../platform/context.js';
import { openDb } from '../../../platform/db.js';
import { readMigrations } from '../../../platform/migrate.js';
import { recordAudit } from '../../audit/index.js';
import { type BackupManifest, readBackupDatabaseKind, readBackupFile } from './backup-file.js';
import type { BackupRequester } from './create-backup.js';
import { tableNames } from './database-facts.js';
import { startTool } from './pg-tools.js';

/** A restore that was refused before anything changed (the CLI exits 2 with the message). */
export class RestoreRefused extends Error {}

const APP_ROLE = 'madoguchi_app';

export type RestoreResult = { manifest: BackupManifest; replaced: boolean; movedAside?: string; appRoleGranted: boolean };

export async function restoreBackup(
  ctx: AppContext,
  file: string,
  options: { intoNonEmpty: boolean; by: BackupRequester },
): Promise<RestoreResult> {
  const name = path.basename(file);
  const kind = await readBackupDatabaseKind(file);
  if (kind !== ctx.db.kind)
    throw new RestoreRefused(
      `${name} is a backup of ${kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : 'the embedded database'}, but this configuration uses ${ctx.db.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database'}: restore it with the same kind of database.`,
    );
  // Pass 1: every block authenticated and the checksum matched before the database is touched.
  const manifest = await readBackupFile(file, ctx.secrets.backup);
  const known = Math.max(0, ...readMigrations().map((m) => m.version));
  if (manifest.schemaVersion > known)
    throw new RestoreRefused(
      `${name} has schema version ${manifest.schemaVersion}, newer than this madoguchi knows (${known}): restore it with the version that wrote it.`,
    );
  const tables = await tableNames(ctx.db);
  if (tables.length && !options.intoNonEmpty)
    throw new RestoreRefused(
      `The configured database is not empty: schema public has ${tables.length} tables (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}). restore writes only into an empty database, one with no table in schema public: ${
        ctx.db.kind === 'postgres'
          ? 'create a new database (createdb) and point DATABASE_URL at it'
          : `stop the server and move ${path.join(ctx.config.dataDir, 'pglite')} away`
      }. To replace everything in this database with the backup, run again with --into-non-empty.`,
    );
  const result =
    ctx.db.kind === 'postgres' ? await restorePostgres(ctx, file, tables.length > 0) : await restorePglite(ctx, file, tables.length > 0);
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      {
        ...options.by,
        action: 'backup.restored',
        recordType: 'backup',
        recordId: name,
        detail: {
          createdAt: manifest.createdAt,
          schemaVersion: manifest.schemaVersion,
          auditHeadSeq: manifest.auditHead.seq,
          replaced: tables.length > 0,
        },
      },
      ctx.clock.now(),
    ),
  );
  return { manifest, replaced: tables.length > 0, ...result };
}

async function restorePostgres(ctx: AppContext, file: string, replace: boolean): Promise<Omit<RestoreResult, 'manifest' | 'replaced'>> {
  const who = (await ctx.db.query<{ u: string }>('SELECT current_user AS u')).rows[0]?.u;
  if (who === APP_ROLE)
    throw new RestoreRefused(
      `restore runs as ${APP_ROLE}, the application's role: the restored tables would belong to it, and it could then disable the audit log's append-only triggers. Run restore with DATABASE_URL of the owner role that runs migrations.`,
    );
  if (replace) await ctx.db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  const restore = startTool(
    ctx,
    'pg_restore',
    ['--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', '--no-password'],
    ctx.config.databaseUrl as string,
  );
  try {
    await readBackupFile(file, ctx.secrets.backup, (c) => restore.write(c));
  } catch (err) {
    restore.kill();
    await restore.done().catch(() => undefined);
    throw err;
  }
  await restore.done();
  const role = await ctx.db.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
  if (role.rowCount === 0) return { appRoleGranted: false };
  await ctx.db.exec(`GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
    GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
    SELECT audit_restrict_role('${APP_ROLE}');`);
  return { appRoleGranted: true };
}

async function restorePglite(ctx: AppContext, file: string, replace: boolean): Promise<Omit<RestoreResult, 'manifest' | 'replaced'>> {
  const dir = path.join(ctx.config.dataDir, 'pglite');
  const compressed: Buffer[] = [];
  await readBackupFile(file, ctx.secrets.backup, (c) => {
    compressed.push(c);
  });
  const image = await promisify(zlib.gunzip)(Buffer.concat(compressed));
  compressed.length = 0;
  // The open instance must be shut down before its directory is replaced (its shutdown writes into it).
  await ctx.db.close();
  let movedAside: string | undefined;
  try {
    if (replace) {
      movedAside = `${dir}.replaced-${ctx.clock.now().toISOString().replace(/[-:.]/g, '')}`;
      fs.renameSync(dir, movedAside);
    } else fs.rmSync(dir, { recursive: true, force: true }); // an instance with no table: nothing to keep
    const loader = new PGlite(dir, { loadDataDir: new Blob([image]) });
    await loader.waitReady;
    await loader.close();
  } catch (err) {
    // Put the previous directory back, so a failed restore leaves the database as it was.
    if (movedAside && fs.existsSync(movedAside)) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(movedAside, dir);
    }
    ctx.db = await openDb({ dataDir: dir });
    throw err;
  }
  // The context goes on with the restored database (the CLI closes it; the audit entry goes into it).
  ctx.db = await openDb({ dataDir: dir });
  return { movedAside, appRoleGranted: false };
}
