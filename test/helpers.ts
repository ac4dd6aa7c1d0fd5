/**
 * Test support: a fresh database per test app (in-memory PGlite by default; a brand-new database
 * on the PostgreSQL server when DATABASE_URL is set, dropped afterwards) and an app built on it.
 *
 * Migrating costs seconds of CPU per database, so each is cloned from one migrated template per
 * migrations fingerprint: on PGlite a data-directory tarball cached in the temp folder, on
 * PostgreSQL a template database (`CREATE DATABASE … TEMPLATE …`). Tests of migrations themselves
 * open empty databases (`openDb({ memory: true })`, `createServerDatabase(url)`).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../src/config.js';
import { startApp, type App } from '../src/bootstrap.js';
import type { Clock } from '../src/platform/clock.js';
import './network-guard.js';
import { openDb } from '../src/platform/db.js';
import { migrate, migrationsDir, migrationsFingerprint } from '../src/platform/migrate.js';
import { generateCardKeyValues, generateSecretValues } from '../src/platform/secrets.js';
import { DEMO_SECRET_MARK } from '../src/config.js';

export const serverUrl = process.env.DATABASE_URL || undefined;
export const dbKind = serverUrl ? 'postgres' : 'pglite';
/**
 * Test options for a race between transactions: PGlite serialises every transaction of a process, so
 * the race cannot be lost there (the test would pass by construction); it runs on PostgreSQL.
 */
export const postgresRace = { skip: !serverUrl && 'PGlite serialises transactions: this race can only be lost on PostgreSQL' } as const;

/** Keys a template: the migrations and, for PGlite's on-disk format, the PGlite version. */
function templateKey(): string {
  let pgliteVersion = '';
  try {
    const pkg = path.resolve(migrationsDir, '../node_modules/@electric-sql/pglite/package.json');
    pgliteVersion = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  } catch {
    /* unknown version: the migrations alone key the template */
  }
  return crypto.createHash('sha256').update(`${migrationsFingerprint()}\0${pgliteVersion}`).digest('hex').slice(0, 16);
}

let pgliteTemplate: Promise<Blob> | undefined;

/**
 * A data-directory tarball for PGlite's `loadDataDir`, which reads it with `arrayBuffer()`. Node 20's own Blob
 * takes ~0.3 s to wrap a 45 MB image and ~0.4 s again for every read (every test app); this one hands out a
 * copy of the bytes it holds (~10 ms).
 */
class ImageBlob extends Blob {
  constructor(private readonly image: Uint8Array) {
    super([]);
  }
  override get size(): number {
    return this.image.byteLength;
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.image.slice().buffer;
  }
}

/**
 * A migrated PGlite data directory as a tarball, built once per migrations fingerprint and shared by
 * every test process through a file in the temp folder (written to a private name, then renamed, so a
 * reader never sees half a file; two processes building at once both produce the same schema).
 */
export function migratedPgliteImage(): Promise<Blob> {
  pgliteTemplate ??= (async () => {
    const dir = path.join(os.tmpdir(), 'madoguchi-test-templates');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `pglite-${templateKey()}.tar`);
    // One process builds while the others wait for the file (a lock older than 10 minutes is a
    // killed build's and is taken over).
    const lock = `${file}.lock`;
    for (;;) {
      if (fs.existsSync(file)) return new ImageBlob(fs.readFileSync(file));
      try {
        fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
        break;
      } catch {
        const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
        if (age > 600_000) fs.rmSync(lock, { force: true });
        else await new Promise((r) => setTimeout(r, 200));
      }
    }
    const db = await openDb({ memory: true });
    try {
      await migrate(db);
      const image = await (db.dumpImage as NonNullable<typeof db.dumpImage>)();
      const tmp = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
      fs.writeFileSync(tmp, Buffer.from(await image.arrayBuffer()));
      fs.renameSync(tmp, file);
      // Templates of older migrations (and leftovers of a killed build) go after a day.
      for (const f of fs.readdirSync(dir)) {
        const p = path.join(dir, f);
        if (p !== file && p !== lock && Date.now() - fs.statSync(p).mtimeMs > 86_400_000) fs.rmSync(p, { force: true });
      }
      return image;
    } finally {
      fs.rmSync(lock, { force: true });
      await db.close();
    }
  })();
  return pgliteTemplate;
}

let serverTemplate: Promise<string> | undefined;

/**
 * The name of a migrated template database on the server, built once per migrations fingerprint.
 * Built under an advisory lock (concurrent test processes wait rather than race), under a temporary
 * name renamed only when complete, so a template that exists is always fully migrated.
 */
export function migratedServerTemplate(baseUrl: string): Promise<string> {
  serverTemplate ??= (async () => {
    const name = `madoguchi_tpl_${templateKey()}`;
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock(7201002)');
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount === 0) {
        const building = `${name}_build`;
        await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
        await admin.query(`CREATE DATABASE ${building}`);
        const u = new URL(baseUrl);
        u.pathname = `/${building}`;
        const db = await openDb({ url: u.toString(), poolSize: 1 });
        try {
          await migrate(db);
        } finally {
          await db.close();
        }
        await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
      }
      return name;
    } finally {
      await admin.query('SELECT pg_advisory_unlock(7201002)').catch(() => undefined);
      await admin.end();
    }
  })();
  serverTemplate.catch(() => {
    serverTemplate = undefined;
  });
  return serverTemplate;
}

/**
 * Creates a database on the server and returns its URL and a drop function: empty by default,
 * a clone of the migrated template with `{ migrated: true }`.
 */
export async function createServerDatabase(
  baseUrl: string,
  options: { migrated?: boolean; template?: string } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  const template = options.template ?? (options.migrated ? await migratedServerTemplate(baseUrl) : undefined);
  const name = `madoguchi_t_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    MADOGUCHI_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    RUN_WORKER: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
}

export type TestApp = App & {
  server: FastifyInstance;
  /** Base URL when started with listen: true. */
  url: string;
  databaseUrl: string | undefined;
};

/** A full app on a fresh database. Call close() in after(). */
export async function startTestApp(
  options: { env?: Record<string, string>; clock?: Clock; listen?: boolean; demo?: boolean } = {},
): Promise<TestApp> {
  const demo = options.demo ? await seededDemoTemplate(options.env ?? {}, options.clock) : undefined;
  const serverDb = serverUrl
    ? await createServerDatabase(serverUrl, demo?.serverTemplate ? { template: demo.serverTemplate } : { migrated: true })
    : undefined;
  const pgliteImage = serverUrl ? undefined : (demo?.image ?? (await migratedPgliteImage()));
  const config = testConfig({
    ...(serverDb ? { DATABASE_URL: serverDb.url } : {}),
    ...(demo?.secrets ?? {}),
    ...(options.env ?? {}),
  });
  if (options.demo) config.env = 'demo';
  const app = await startApp(config, { clock: options.clock, memory: true, pgliteImage, listen: false, worker: false });
  let url = '';
  if (options.listen) url = await app.server.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...app,
    url,
    databaseUrl: serverDb?.url,
    async close() {
      await app.close();
      await serverDb?.drop();
    },
  };
}

type DemoTemplate = { secrets: Record<string, string>; image?: Blob; serverTemplate?: string };
const demoTemplates = new Map<string, Promise<DemoTemplate>>();

/**
 * The demo seed costs seconds per app (the facility claims alone about 9 s on PGlite), and many test files
 * start a demo app: each gets a clone of one seeded database instead. A template is keyed by the migrated
 * template, every source file (a changed seed builds a new one), the test's environment and the hour of the
 * clock it starts at (seeds write days relative to now), and comes with the secrets its data was encrypted
 * under (a demo app in memory otherwise generates its own). Shared between test processes like the migrated
 * template: a file (PGlite) or a database (PostgreSQL), built once under a lock.
 */
function seededDemoTemplate(env: Record<string, string>, clock: Clock | undefined): Promise<DemoTemplate> {
  const hour = (clock ?? { now: () => new Date() }).now().toISOString().slice(0, 13);
  const key = crypto
    .createHash('sha256')
    .update(`${templateKey()}\0${sourceFingerprint()}\0${JSON.stringify(Object.entries(env).sort())}\0${hour}\0${dbKind}`)
    .digest('hex')
    .slice(0, 16);
  let t = demoTemplates.get(key);
  if (!t) {
    t = buildDemoTemplate(key, env, clock);
    demoTemplates.set(key, t);
    t.catch(() => demoTemplates.delete(key));
  }
  return t;
}

let sources: string | undefined;
function sourceFingerprint(): string {
  if (sources) return sources;
  const h = crypto.createHash('sha256');
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (!e.name.endsWith('.test.ts')) h.update(p).update(fs.readFileSync(p));
    }
  };
  walk(path.resolve(migrationsDir, '../src'));
  sources = h.digest('hex');
  return sources;
}

async function buildDemoTemplate(key: string, env: Record<string, string>, clock: Clock | undefined): Promise<DemoTemplate> {
  const dir = path.join(os.tmpdir(), 'madoguchi-test-templates');
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `demo-${dbKind}-${key}`);
  const secretsFile = `${base}.secrets.json`;
  const imageFile = `${base}.tar`;
  const serverTemplate = `madoguchi_demo_${key}`;
  const lock = `${base}.lock`;
  const ready = async () => {
    if (!fs.existsSync(secretsFile)) return false;
    if (!serverUrl) return fs.existsSync(imageFile);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
      return (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [serverTemplate])).rowCount === 1;
    } finally {
      await admin.end();
    }
  };
  const load = (): DemoTemplate => ({
    secrets: JSON.parse(fs.readFileSync(secretsFile, 'utf8')) as Record<string, string>,
    ...(serverUrl ? { serverTemplate } : { image: new ImageBlob(fs.readFileSync(imageFile)) }),
  });
  for (;;) {
    if (await ready()) return load();
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 600_000) fs.rmSync(lock, { force: true });
      else await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (await ready()) return load();
    const secrets = { ...generateSecretValues(DEMO_SECRET_MARK), ...generateCardKeyValues(DEMO_SECRET_MARK) };
    const building = serverUrl ? await createServerDatabase(serverUrl, { migrated: true }) : undefined;
    const config = testConfig({ ...(building ? { DATABASE_URL: building.url } : {}), ...secrets, ...env });
    config.env = 'demo';
    const pgliteImage = serverUrl ? undefined : await migratedPgliteImage();
    const app = await startApp(config, { clock, memory: true, pgliteImage, listen: false, worker: false });
    let image: Blob | undefined;
    try {
      if (!serverUrl) image = await (app.ctx.db.dumpImage as NonNullable<typeof app.ctx.db.dumpImage>)();
    } finally {
      await app.close();
    }
    if (building) {
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      try {
        const name = new URL(building.url).pathname.slice(1);
        await admin.query(`ALTER DATABASE ${name} RENAME TO ${serverTemplate}`);
        await admin.query(`COMMENT ON DATABASE ${serverTemplate} IS '${Date.now()}'`);
        // Demo templates of earlier hours or sources go after three hours (none is cloned that late).
        const old = await admin.query<{ datname: string }>(
          `SELECT datname FROM pg_database d WHERE datname LIKE 'madoguchi\\_demo\\_%'
             AND coalesce(shobj_description(d.oid, 'pg_database'), '0')::bigint < $1`,
          [Date.now() - 3 * 3_600_000],
        );
        for (const r of old.rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    }
    if (image) {
      const tmp = `${imageFile}.${process.pid}`;
      fs.writeFileSync(tmp, Buffer.from(await image.arrayBuffer()));
      fs.renameSync(tmp, imageFile);
      for (const f of fs.readdirSync(dir)) {
        const p = path.join(dir, f);
        if (f.startsWith('demo-') && !p.startsWith(base) && Date.now() - fs.statSync(p).mtimeMs > 3 * 3_600_000)
          fs.rmSync(p, { force: true });
      }
    }
    const tmp = `${secretsFile}.${process.pid}`;
    fs.writeFileSync(tmp, JSON.stringify(secrets), { mode: 0o600 });
    fs.renameSync(tmp, secretsFile);
    return load();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

export type MigratedInstallation = {
  /** A temporary directory holding the data directory (removed by `remove`). */
  tmp: string;
  /** MADOGUCHI_DATA_DIR: on PGlite it holds the migrated embedded database. */
  dataDir: string;
  /** On PostgreSQL: a fresh migrated database of its own. */
  databaseUrl: string | undefined;
  remove(): Promise<void>;
};

/**
 * A migrated installation on disk, as a city has it, for tests that run the real program (bin/madoguchi.js):
 * on PostgreSQL a fresh migrated database, else an embedded one in the data directory — without migrating it
 * through the program under test.
 */
export async function migratedInstallation(prefix: string): Promise<MigratedInstallation> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `madoguchi-${prefix}-`));
  const dataDir = path.join(tmp, 'data');
  fs.mkdirSync(dataDir, { recursive: true });
  let server: { url: string; drop(): Promise<void> } | undefined;
  if (serverUrl) server = await createServerDatabase(serverUrl, { migrated: true });
  else {
    const { PGlite } = await import('@electric-sql/pglite');
    const loader = new PGlite(path.join(dataDir, 'pglite'), { loadDataDir: await migratedPgliteImage() });
    await loader.waitReady;
    await loader.close();
  }
  return {
    tmp,
    dataDir,
    databaseUrl: server?.url,
    async remove() {
      await server?.drop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
