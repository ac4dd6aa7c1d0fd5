/**
 * Forward-only, numbered SQL migrations (migrations/NNNN_name.sql), the same files on PGlite and
 * PostgreSQL. Each file runs in its own transaction; an advisory lock keeps two processes from
 * migrating at once; a changed checksum of an applied file is refused rather than silently ignored.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

export const migrationsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export type Migration = { version: number; name: string; sql: string; checksum: string };

export function readMigrations(dir = migrationsDir): Migration[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = fs.readFileSync(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: crypto.createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/**
 * A fingerprint of the migration files (names and contents): a database migrated from the same
 * fingerprint has the same schema, so tests may clone one such database instead of migrating each.
 */
export function migrationsFingerprint(dir = migrationsDir): string {
  const h = crypto.createHash('sha256');
  for (const m of readMigrations(dir)) h.update(`${m.name}\0${m.checksum}\n`);
  return h.digest('hex');
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(db: Db, dir = migrationsDir): Promise<string[]> {
  const migrations = readMigrations(dir);
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7201001)');
      const existing = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE version = $1', [m.version]);
      const row = existing.rows[0];
      if (row) {
        if (row.checksum !== m.checksum)
          throw new Error(`Migration ${m.name} was changed after it was applied. Migrations are forward-only: add a new file instead.`);
        return false;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [m.version, m.name, m.checksum]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  return applied;
}
