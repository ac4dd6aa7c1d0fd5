/**
 * PostgreSQL's client tools (pg_dump, pg_restore) from PG_BIN_DIR or PATH. The password of DATABASE_URL goes
 * to the child in PGPASSWORD, never on its command line (which `ps` shows to every local user).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { AppContext } from '../../../platform/context.js';

type Tool = 'pg_dump' | 'pg_restore';

function toolPath(ctx: AppContext, tool: Tool): string {
  const dir = ctx.config.operations.backup.pgBinDir;
  return dir ? path.join(dir, tool) : tool;
}

/** The database URL without its password, and the environment that carries the password. */
export function connectionOf(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { url: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

export type ToolRun = {
  /** Feeds the tool's standard input (pg_restore); waits while its pipe is full. */
  write(chunk: Buffer): Promise<void>;
  /** Closes standard input and waits for the tool; rejects with its error output when it fails. */
  done(): Promise<void>;
  kill(): void;
};

/** Starts a tool; `onOutput` receives its standard output chunk by chunk (pg_dump's dump). */
export function startTool(ctx: AppContext, tool: Tool, args: string[], url: string, onOutput?: (chunk: Buffer) => Promise<void>): ToolRun {
  const conn = connectionOf(url);
  const file = toolPath(ctx, tool);
  const child = spawn(file, [...args, `--dbname=${conn.url}`], {
    env: conn.env,
    stdio: [onOutput ? 'ignore' : 'pipe', onOutput ? 'pipe' : 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    if (stderr.length < 4000) stderr += d.toString('utf8');
  });
  child.stdin?.on('error', () => {
    /* the tool stopped reading (it failed): its exit code and stderr say why */
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'ENOENT'
            ? `${tool} was not found (${file}): install the PostgreSQL client tools of the server's major version or higher (Debian: postgresql-client), or set PG_BIN_DIR to the directory that holds ${tool}`
            : `${tool} could not start: ${err.message}`,
        ),
      ),
    );
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${tool} failed (${signal ?? `exit code ${code}`}): ${stderr.trim().slice(0, 2000) || 'no error output'}`));
    });
  });
  exited.catch(() => undefined);
  const reading = (async () => {
    if (!onOutput || !child.stdout) return;
    for await (const chunk of child.stdout) await onOutput(chunk as Buffer);
  })();
  reading.catch(() => child.kill());
  return {
    async write(chunk) {
      const stdin = child.stdin;
      if (!stdin || stdin.destroyed) return;
      if (!stdin.write(chunk))
        await new Promise<void>((resolve) => {
          const go = () => {
            stdin.off('drain', go);
            stdin.off('close', go);
            resolve();
          };
          stdin.on('drain', go);
          stdin.on('close', go);
        });
    },
    async done() {
      child.stdin?.end();
      await Promise.all([exited, reading]);
    },
    kill() {
      child.kill();
    },
  };
}
