/**
 * A PostgreSQL server of the test's own (initdb + pg_ctl in a temporary directory, on a free port,
 * listening on 127.0.0.1 only), so that a test can stop, kill and restart it without touching any
 * other database. initdb and the server refuse to run as root: as root they run as the `postgres`
 * OS user (runuser), which owns the temporary directory.
 *
 * fsync is off (a test database need not survive a power cut; a crash of the server alone loses
 * nothing, the WAL is in the operating system's cache), synchronous_commit stays on: a commit the
 * client was told about must survive `pg_ctl stop -m immediate`, which is what the tests check.
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The newest PostgreSQL server binaries directory (Debian's /usr/lib/postgresql/N/bin, else PATH). */
export function findPgBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  const newest = versions.at(-1);
  if (newest) return path.join(root, newest, 'bin');
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  return onPath && fs.existsSync(path.join(path.dirname(onPath), 'pg_ctl')) ? path.dirname(onPath) : undefined;
}

/** Why a scratch server cannot run here, or undefined when it can. */
export function scratchPostgresUnavailable(): string | undefined {
  if (!findPgBin()) return 'the PostgreSQL server binaries (initdb, pg_ctl) are not installed (apt-get install postgresql)';
  if (process.getuid?.() === 0 && !osUser('postgres'))
    return 'running as root and there is no `postgres` OS user to run initdb and the server as';
  return undefined;
}

function osUser(name: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

export type ScratchPostgres = {
  /** postgres://postgres@127.0.0.1:PORT/postgres (trust authentication, local only). */
  url: string;
  port: number;
  /** `pg_ctl stop -m <mode>`: fast ends every session (57P01); immediate kills the server (crash recovery on start). */
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** The server's log (for a failure message). */
  log(): string;
  /** Stops the server if running and removes its directory. */
  destroy(): void;
};

export async function startScratchPostgres(): Promise<ScratchPostgres> {
  const bin = findPgBin();
  if (!bin) throw new Error(scratchPostgresUnavailable());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-scratch-pg-'));
  const asRoot = process.getuid?.() === 0;
  const owner = asRoot ? osUser('postgres') : undefined;
  if (asRoot && !owner) throw new Error(scratchPostgresUnavailable());
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const argvOf = (program: string, args: string[]) =>
    owner ? ['runuser', '-u', 'postgres', '--', path.join(bin, program), ...args] : [path.join(bin, program), ...args];
  // Asynchronous: the app under test may run in this process, and must keep serving while pg_ctl waits.
  const run = async (program: string, args: string[]) => {
    const argv = argvOf(program, args);
    try {
      await promisify(execFile)(argv[0] as string, argv.slice(1), { timeout: 60_000 });
    } catch (err) {
      const e = err as { stderr?: string; stdout?: string };
      throw new Error(`${program} ${args.join(' ')} failed: ${e.stderr ?? ''}${e.stdout ?? ''}${logOf()}`, { cause: err });
    }
  };
  const data = path.join(dir, 'data');
  const logFile = path.join(dir, 'server.log');
  const logOf = () => (fs.existsSync(logFile) ? `\nserver log:\n${fs.readFileSync(logFile, 'utf8').slice(-4000)}` : '');
  const port = await freePort();
  let running = false;
  await run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c max_connections=60',
  ].join(' ');
  const server: ScratchPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async start() {
      running = true; // from the first moment: a test that fails half-way still stops it
      await run('pg_ctl', ['-D', data, '-l', logFile, '-w', '-t', '60', '-o', options, 'start']);
    },
    async stop(mode) {
      await run('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
      running = false;
    },
    log: () => logOf(),
    destroy() {
      process.removeListener('exit', stopNow);
      stopNow();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  // Synchronous, so that it also runs from a test process's 'exit': no server is left behind.
  const stopNow = () => {
    if (!running) return;
    const argv = argvOf('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(argv[0] as string, argv.slice(1), { stdio: 'ignore' });
    running = false;
  };
  process.on('exit', stopNow);
  await server.start();
  return server;
}
