/**
 * The restore drill: verifies a backup (the newest in BACKUP_DIR unless a file is named), records the run as a
 * drill in backup_runs, audits 'backup.verified' (outcome success or failure) and, when the copy does not match
 * or the drill could not run, records the security event 'backup.drill_failed' for the alerting.
 */
import path from 'node:path';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { recordAudit } from '../../audit/index.js';
import { recordSecurityEvent } from '../../security/index.js';
import { type BackupRequester, type BackupTrigger, listBackupFiles } from './create-backup.js';
import { type VerifyOutcome, verifyBackupFile } from './verify-backup.js';

/** The newest backup file in `dir`, or undefined when there is none. */
export function newestBackupFile(dir: string): string | undefined {
  const files = listBackupFiles(dir);
  const last = files[files.length - 1];
  return last ? path.join(dir, last) : undefined;
}

export async function runDrill(
  ctx: AppContext,
  options: { trigger: BackupTrigger; by: BackupRequester; file?: string; tx?: Queryable },
): Promise<VerifyOutcome & { runId: number }> {
  const startedAt = ctx.clock.now();
  const dir = ctx.config.operations.backup.dir;
  const file = options.file ? path.resolve(options.file) : newestBackupFile(dir);
  const outcome: VerifyOutcome = file
    ? await verifyBackupFile(ctx, file)
    : { isOk: false, file: '', problems: [`there is no backup in ${dir} to verify (BACKUP_DIR); run \`madoguchi backup\` first`] };
  const record = async (tx: Queryable) => {
    const now = ctx.clock.now();
    const name = outcome.file ? path.basename(outcome.file) : null;
    const summary = {
      ...(outcome.manifest
        ? {
            createdAt: outcome.manifest.createdAt,
            schemaVersion: outcome.manifest.schemaVersion,
            tables: Object.keys(outcome.manifest.tables).length,
          }
        : {}),
      auditEntries: outcome.auditEntries ?? null,
      problems: outcome.problems.slice(0, 50),
    };
    const run = await tx.query<{ id: number }>(
      `INSERT INTO backup_runs (kind, trigger, started_at, finished_at, outcome, file_name, summary, error)
       VALUES ('drill', $1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        options.trigger,
        startedAt,
        now,
        outcome.isOk ? 'success' : 'failure',
        name,
        JSON.stringify(summary),
        outcome.isOk ? null : outcome.problems.join('\n').slice(0, 4000),
      ],
    );
    const runId = Number(run.rows[0]?.id);
    const detail = { trigger: options.trigger, problems: outcome.problems.length, first: outcome.problems[0]?.slice(0, 300) ?? null };
    await recordAudit(
      tx,
      {
        ...options.by,
        action: 'backup.verified',
        outcome: outcome.isOk ? 'success' : 'failure',
        recordType: 'backup',
        recordId: name ?? String(runId),
        detail,
      },
      now,
    );
    if (!outcome.isOk)
      await recordSecurityEvent(tx, { kind: 'backup.drill_failed', severity: 'alert', subject: `backup_run:${runId}`, detail }, now);
    return { ...outcome, runId };
  };
  return options.tx ? record(options.tx) : ctx.db.transaction(record);
}
