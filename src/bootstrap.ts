/** Builds a process: context (db, keys, clock, logger), migrations, modules, server and worker. */
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { systemClock, type Clock } from './platform/clock.js';
import type { AppContext } from './platform/context.js';
import { openDb } from './platform/db.js';
import { createFieldCrypto } from './platform/field-crypto.js';
import { JobWorker } from './platform/jobs.js';
import { createLogger } from './platform/logger.js';
import { migrate } from './platform/migrate.js';
import { loadSecrets } from './platform/secrets.js';
import { buildServer } from './http/server.js';
import type { Module } from './platform/module.js';
import { modulesFor } from './modules/index.js';
import path from 'node:path';
import { lockDataDir } from './platform/data-dir-lock.js';

export type ContextOptions = {
  clock?: Clock;
  memory?: boolean;
  /** With `memory` on PGlite: a migrated data directory tarball to start from (tests). */
  pgliteImage?: Blob;
  /** The modules this context runs (default: `modulesFor(config)`); tests leave one out to see what changes without it. */
  modules?: Module[];
};

export async function createContext(config: Config, options: ContextOptions = {}): Promise<AppContext> {
  const log = createLogger(config.logLevel);
  const db = await openDb({
    url: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'pglite'),
    poolSize: config.databasePoolSize,
    memory: options.memory,
    image: options.pgliteImage,
  });
  const secrets = loadSecrets(config, { inMemory: options.memory && !config.databaseUrl });
  const ctx: AppContext = { config, db, clock: options.clock ?? systemClock, log, secrets, crypto: createFieldCrypto(secrets) };
  // Per-context wiring (contextLocal state), the same whether this context serves pages, runs jobs or a command.
  for (const m of options.modules ?? modulesFor(config)) m.attach?.(ctx);
  return ctx;
}

/**
 * Runs each module's demo seed once per database: a completed seed is recorded in demo_seeds and
 * skipped on every later start (seeds also check their own data, for a seed interrupted half-way).
 */
export async function seedDemo(ctx: AppContext): Promise<void> {
  for (const m of modulesFor(ctx.config)) {
    if (!m.seedDemo) continue;
    const done = await ctx.db.query('SELECT 1 FROM demo_seeds WHERE module = $1', [m.name]);
    if (done.rowCount > 0) continue;
    await m.seedDemo(ctx);
    await ctx.db.query('INSERT INTO demo_seeds (module, seeded_at) VALUES ($1, $2) ON CONFLICT (module) DO NOTHING', [
      m.name,
      ctx.clock.now(),
    ]);
  }
}

/** Every job of the modules `config` runs (all modules when no config is given, e.g. in tests). */
export function allJobs(config?: Pick<Config, 'cardZone'>) {
  return modulesFor(config ?? { cardZone: 'both' }).flatMap((m) => m.jobs ?? []);
}

export type App = { ctx: AppContext; server: FastifyInstance; worker: JobWorker | undefined; close(): Promise<void> };

export async function startApp(config: Config, options: ContextOptions & { listen?: boolean; worker?: boolean } = {}): Promise<App> {
  const releaseLock = !config.databaseUrl && !options.memory ? lockDataDir(config.dataDir) : () => undefined;
  const ctx = await createContext(config, options);
  if (config.env !== 'production' || !config.databaseUrl) await migrate(ctx.db);
  if (config.env === 'demo') await seedDemo(ctx);
  const modules = options.modules ?? modulesFor(config);
  const server = await buildServer(ctx, modules);
  const worker =
    (options.worker ?? config.runWorker)
      ? new JobWorker(
          ctx,
          modules.flatMap((m) => m.jobs ?? []),
        )
      : undefined;
  await worker?.start();
  if (options.listen !== false) await server.listen({ port: config.port, host: config.host, backlog: config.listenBacklog });
  return {
    ctx,
    server,
    worker,
    async close() {
      await server.close(); // stops accepting, lets in-flight requests finish
      await worker?.stop();
      await ctx.db.close();
      releaseLock();
    },
  };
}
