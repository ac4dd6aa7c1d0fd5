/**
 * A PGlite data directory belongs to one process at a time. The server holds a lock file with its
 * pid; the CLI refuses to open the embedded database while that process is alive.
 */
import fs from 'node:fs';
import path from 'node:path';

const lockFile = (dataDir: string) => path.join(dataDir, 'server.pid');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function assertDataDirFree(dataDir: string): void {
  const f = lockFile(dataDir);
  if (!fs.existsSync(f)) return;
  const pid = Number(fs.readFileSync(f, 'utf8'));
  if (pid && pid !== process.pid && alive(pid))
    throw new Error(
      `The embedded database in ${dataDir} is in use by a running madoguchi server (pid ${pid}). Stop the server first, or use PostgreSQL (DATABASE_URL) to run commands while it serves.`,
    );
}

/** Takes the data directory for this process; returns a release function. */
export function lockDataDir(dataDir: string): () => void {
  assertDataDirFree(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(lockFile(dataDir), String(process.pid));
  return () => {
    try {
      if (Number(fs.readFileSync(lockFile(dataDir), 'utf8')) === process.pid) fs.unlinkSync(lockFile(dataDir));
    } catch {
      /* already gone */
    }
  };
}
