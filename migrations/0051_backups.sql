-- Backups and restore drills (src/modules/operations/backup): one row per run, whatever its outcome, so the
-- administrators' page shows the last backups and the last drill, and the checker can tell that no backup
-- succeeded for too long. A run is written once, when it has finished: a backup's own row is never in its file.
CREATE TABLE backup_runs (
  id bigserial PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('backup', 'drill')),
  -- who started it: the daily or drill job, the command line, a system administrator's button
  trigger text NOT NULL CHECK (trigger IN ('job', 'cli', 'staff')),
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('success', 'failure')),
  -- the backup file (name only; the directory is configuration), its size and SHA-256
  file_name text,
  size_bytes bigint,
  checksum text,
  -- the manifest's summary (database kind, schema version, tables, rows, audit head); for a drill, what differed
  summary jsonb NOT NULL DEFAULT '{}',
  error text,
  CHECK (finished_at >= started_at),
  CHECK (outcome = 'failure' OR kind = 'drill' OR (file_name IS NOT NULL AND size_bytes IS NOT NULL AND checksum IS NOT NULL))
);
CREATE INDEX backup_runs_kind_started ON backup_runs (kind, started_at DESC);
