/** `madoguchi backup`, `madoguchi backup verify`, `madoguchi restore`. */
import path from 'node:path';
import { CliError, type CliCommand } from '../../../platform/cli-command.js';
import { BackupFileError } from './backup-file.js';
import { type BackupRequester, createBackup } from './create-backup.js';
import { RestoreRefused, restoreBackup } from './restore-backup.js';
import { runDrill } from './run-drill.js';

const cli: BackupRequester = { actor: { type: 'system', label: 'cli' } };

const backup: CliCommand = {
  name: 'backup',
  summary:
    'Write one encrypted backup (MADOGUCHI_BACKUP_KEY) of the database with its manifest and print its path; then keep the newest BACKUP_KEEP_GENERATIONS backups in that directory and remove older ones. Exits 1 when the backup failed (nothing is removed then).',
  options: { out: { description: 'Directory to write into (default BACKUP_DIR, <data dir>/backups)' } },
  async run(ctx, { options }, io) {
    const r = await createBackup(ctx, { trigger: 'cli', by: cli, outDir: typeof options.out === 'string' ? options.out : undefined });
    if (!r.isOk) {
      io.err(`Backup failed: ${r.error}`);
      return 1;
    }
    const rows = Object.values(r.manifest.tables).reduce((a, b) => a + b, 0);
    io.err(
      `Backup written: ${r.size} bytes, ${Object.keys(r.manifest.tables).length} tables, ${rows} rows, schema version ${r.manifest.schemaVersion}, audit chain head ${r.manifest.auditHead.seq}; sha256 ${r.sha256}.${r.removed.length ? ` Removed ${r.removed.length} older generation(s): ${r.removed.join(', ')}.` : ''}`,
    );
    io.out(r.file);
  },
};

const verify: CliCommand = {
  name: 'backup verify',
  summary:
    'Restore a backup (default: the newest in BACKUP_DIR) into a scratch database, compare rows per table, schema version and audit chain head with its manifest and verify the audit chain; recorded as a drill. Exits 0 when the copy matches, 1 naming each difference.',
  args: [{ name: 'file', description: 'The backup file (default: the newest in BACKUP_DIR)' }],
  async run(ctx, { args }, io) {
    const r = await runDrill(ctx, { trigger: 'cli', by: cli, file: args[0] });
    if (!r.isOk) {
      io.err(`Backup verification FAILED${r.file ? ` for ${r.file}` : ''}:`);
      for (const p of r.problems) io.err(`  ${p}`);
      return 1;
    }
    const m = r.manifest!;
    io.out(
      `Backup verified: ${r.file} (written ${m.createdAt}) restored into a scratch database; ${Object.keys(m.tables).length} tables with ${Object.values(m.tables).reduce((a, b) => a + b, 0)} rows match the manifest, schema version ${m.schemaVersion}, audit chain of ${r.auditEntries} entries verified up to head ${m.auditHead.seq}.`,
    );
  },
};

const restore: CliCommand = {
  name: 'restore',
  summary:
    'Restore a backup into the configured database, which must be empty (no table in schema public). PostgreSQL: run it as the owner role; embedded database: stop the server first.',
  raw: true,
  args: [{ name: 'file', description: 'The backup file', required: true }],
  options: {
    'into-non-empty': {
      flag: true,
      description:
        'Replace a database that is not empty: PostgreSQL drops everything in schema public first; the embedded data directory is moved aside to pglite.replaced-<time>',
    },
  },
  async run(ctx, { args, options }, io) {
    const file = path.resolve(args[0] as string);
    try {
      const r = await restoreBackup(ctx, file, { intoNonEmpty: options['into-non-empty'] === true, by: cli });
      io.out(
        `Restored ${file} (written ${r.manifest.createdAt}, schema version ${r.manifest.schemaVersion}, audit chain head ${r.manifest.auditHead.seq}).`,
      );
      if (r.movedAside)
        io.out(`The previous data directory was moved to ${r.movedAside}; remove it when the restored database is confirmed.`);
      if (r.appRoleGranted) io.out('The application role madoguchi_app got its privileges back (audit tables: read and append only).');
    } catch (err) {
      if (err instanceof RestoreRefused) throw new CliError(err.message);
      if (err instanceof BackupFileError) {
        io.err(`Restore refused, nothing was changed: ${err.message}`);
        return 1;
      }
      throw err;
    }
  },
};

export const backupCommands: CliCommand[] = [backup, verify, restore];
