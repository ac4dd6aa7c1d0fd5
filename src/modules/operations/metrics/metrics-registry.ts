/**
 * The Prometheus metrics of one context (one database, one app) and of the process.
 *
 * A context's metrics live in its own registry (never prom-client's global one): tests and scripts run
 * several apps in one process, and each must count only its own requests and read only its own database.
 * The process metrics (CPU, memory, event-loop delay, GC) are the process's, so they are collected once
 * per process into a registry of their own: collectDefaultMetrics starts an event-loop-delay monitor and a
 * GC observer on every call and never stops them, so one call per context would pile them up.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { contextLocal, type AppContext } from '../../../platform/context.js';

/** Web requests: most answers take milliseconds; PDFs, exports and uploads take seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export type AppMetrics = ReturnType<typeof createMetrics>;

function createMetrics(ctx: AppContext) {
  const registry = new Registry();
  const registers = [registry];
  const metrics = {
    registry,
    requests: new Counter({
      name: 'madoguchi_http_requests_total',
      help: 'HTTP requests answered, by route pattern (never the raw URL; "unmatched" for unknown routes), method and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      registers,
    }),
    latency: new Histogram({
      name: 'madoguchi_http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by route pattern, method and status class (2xx, 4xx, 5xx…)',
      labelNames: ['method', 'route', 'status_class'] as const,
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    pool:
      ctx.db.kind === 'postgres'
        ? {
            total: gauge(registers, 'madoguchi_db_pool_connections', 'Open connections in the PostgreSQL pool of this process'),
            idle: gauge(registers, 'madoguchi_db_pool_idle_connections', 'Open pool connections not in use'),
            waiting: gauge(registers, 'madoguchi_db_pool_waiting_requests', 'Queries waiting for a free pool connection'),
            max: gauge(registers, 'madoguchi_db_pool_max_connections', 'Pool size limit (DATABASE_POOL_SIZE)'),
          }
        : undefined,
    jobs: new Gauge({
      name: 'madoguchi_jobs',
      help: 'Jobs in the queue by queue and state: due (pending, time reached), scheduled (pending, later), running, dead (gave up after retries)',
      labelNames: ['queue', 'state'] as const,
      registers,
    }),
    jobLag: new Gauge({
      name: 'madoguchi_job_oldest_due_lag_seconds',
      help: 'How long the oldest due job of each queue has been waiting past its run time (0: none waiting)',
      labelNames: ['queue'] as const,
      registers,
    }),
    bookings: new Gauge({
      name: 'madoguchi_bookings',
      help: 'Bookings for appointments from today (Japan time) on, by kind (counter: counter reservations, card: card collection) and state',
      labelNames: ['kind', 'state'] as const,
      registers,
    }),
    applications: new Gauge({
      name: 'madoguchi_applications',
      help: 'E-applications by state',
      labelNames: ['state'] as const,
      registers,
    }),
    payments: new Gauge({
      name: 'madoguchi_payments',
      help: 'Payments (application fees) by state',
      labelNames: ['state'] as const,
      registers,
    }),
    alerts: new Gauge({
      name: 'madoguchi_alerts',
      help: 'Intrusion-detection alerts by status (open, acknowledged, closed) and detector',
      labelNames: ['status', 'detector'] as const,
      registers,
    }),
    databaseReadOk: gauge(
      registers,
      'madoguchi_metrics_database_read_ok',
      '1 when the counts above were read from the database for this scrape (or its few-second cache); 0 when the database did not answer and they are from the last successful read',
    ),
  };
  const build = new Gauge({
    name: 'madoguchi_build_info',
    help: 'Always 1: the running version, Node.js version and database kind as labels',
    labelNames: ['version', 'node_version', 'database'] as const,
    registers,
  });
  build.set({ version: packageVersion(), node_version: process.versions.node, database: ctx.db.kind }, 1);
  return metrics;
}

function gauge(registers: Registry[], name: string, help: string): Gauge {
  return new Gauge({ name, help, registers });
}

/** The metrics of a context, created on first use. */
export const metricsOf = contextLocal(createMetrics);

let processRegistry: Registry | undefined;

/** The process's own metrics (process_*, nodejs_*), collected once per process. */
export function processMetricsRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

let version: string | undefined;

/** package.json's version; dist/ keeps src/'s layout, so the same relative path works from both. */
function packageVersion(): string {
  if (version === undefined) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../package.json');
    try {
      version = String((JSON.parse(fs.readFileSync(file, 'utf8')) as { version?: unknown }).version ?? 'unknown');
    } catch {
      version = 'unknown'; // a packaging without package.json: the gauge still says which Node and database
    }
  }
  return version;
}
