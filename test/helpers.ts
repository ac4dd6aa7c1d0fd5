/**
 * Test support: a fresh database per test file (in-memory PGlite by default; a brand-new database
 * on the PostgreSQL server when DATABASE_URL is set, dropped afterwards) and an app built on it.
 */
import crypto from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../src/config.js';
import { startApp, type App } from '../src/bootstrap.js';
import type { Clock } from '../src/platform/clock.js';

export const serverUrl = process.env.DATABASE_URL || undefined;
export const dbKind = serverUrl ? 'postgres' : 'pglite';

/** Creates an empty database on the server; returns its URL and a drop function. */
export async function createServerDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `madoguchi_t_${Date.now().toString(36)}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
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
  return loadConfig({ MADOGUCHI_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', RUN_WORKER: 'false', RATE_LIMIT_PER_MINUTE: '100000', ...env });
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
  const serverDb = serverUrl ? await createServerDatabase(serverUrl) : undefined;
  const config = testConfig({
    ...(serverDb ? { DATABASE_URL: serverDb.url } : {}),
    ...(options.env ?? {}),
  });
  if (options.demo) config.env = 'demo';
  const app = await startApp(config, { clock: options.clock, memory: true, listen: false, worker: false });
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
