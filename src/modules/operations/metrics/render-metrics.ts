/** The exposition of one context: its request, pool and database metrics with the process's own. */
import { prometheusContentType, Registry } from 'prom-client';
import type { AppContext } from '../../../platform/context.js';
import { metricsOf, processMetricsRegistry } from './metrics-registry.js';
import { refreshDatabaseGauges } from './read-database-counts.js';

/** Prometheus text format 0.0.4 (prom-client's prometheusContentType). */
export const METRICS_CONTENT_TYPE = prometheusContentType;

export async function renderMetrics(ctx: AppContext): Promise<string> {
  const metrics = metricsOf.get(ctx);
  const pool = ctx.db.poolStats?.();
  if (metrics.pool && pool) {
    metrics.pool.total.set(pool.total);
    metrics.pool.idle.set(pool.idle);
    metrics.pool.waiting.set(pool.waiting);
    metrics.pool.max.set(pool.max);
  }
  await refreshDatabaseGauges(ctx, metrics);
  return Registry.merge([processMetricsRegistry(), metrics.registry]).metrics();
}
