/** What the backups screen shows: the recent backup runs, the last drill, the generations on disk, the settings. */
import type { AppContext } from '../../../platform/context.js';
import { listBackupFiles } from './create-backup.js';

export type BackupRun = {
  id: number;
  kind: 'backup' | 'drill';
  trigger: 'job' | 'cli' | 'staff';
  startedAt: Date;
  finishedAt: Date;
  outcome: 'success' | 'failure';
  fileName: string | null;
  sizeBytes: number | null;
  summary: { tables?: number; rows?: number; schemaVersion?: number; problems?: string[] };
  error: string | null;
};

type Row = {
  id: number;
  kind: BackupRun['kind'];
  trigger: BackupRun['trigger'];
  started_at: Date;
  finished_at: Date;
  outcome: BackupRun['outcome'];
  file_name: string | null;
  size_bytes: number | null;
  summary: BackupRun['summary'] | null;
  error: string | null;
};

const toRun = (r: Row): BackupRun => ({
  id: Number(r.id),
  kind: r.kind,
  trigger: r.trigger,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  outcome: r.outcome,
  fileName: r.file_name,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  summary: r.summary ?? {},
  error: r.error,
});

export type BackupOverview = {
  backups: BackupRun[];
  lastDrill: BackupRun | undefined;
  filesKept: number;
  dir: string;
  keep: number;
  scheduled: boolean;
  hourJst: number;
  drillIntervalDays: number;
};

export async function readBackupOverview(ctx: AppContext): Promise<BackupOverview> {
  const cols = 'id, kind, trigger, started_at, finished_at, outcome, file_name, size_bytes, summary, error';
  const backups = await ctx.db.query<Row>(
    `SELECT ${cols} FROM backup_runs WHERE kind = 'backup' ORDER BY started_at DESC, id DESC LIMIT 20`,
  );
  const drill = await ctx.db.query<Row>(`SELECT ${cols} FROM backup_runs WHERE kind = 'drill' ORDER BY started_at DESC, id DESC LIMIT 1`);
  const b = ctx.config.operations.backup;
  return {
    backups: backups.rows.map(toRun),
    lastDrill: drill.rows[0] ? toRun(drill.rows[0]) : undefined,
    filesKept: listBackupFiles(b.dir).length,
    dir: b.dir,
    keep: b.keepGenerations,
    scheduled: b.scheduled,
    hourJst: b.hourJst,
    drillIntervalDays: b.drillIntervalDays,
  };
}
