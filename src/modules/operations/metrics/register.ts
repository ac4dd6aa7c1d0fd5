/**
 * The metrics part of the operations module: Prometheus exposition of requests, the database pool, job
 * queues, bookings, applications, payments and alerts (GET /metrics; see serve-metrics.ts for where).
 */
import type { OperationsPart } from '../shared-part.js';
import { metricsOf } from './metrics-registry.js';
import { observeRequests } from './observe-requests.js';
import { serveMetricsOnMainPort, serveMetricsOnOwnPort } from './serve-metrics.js';

export const metricsPart: OperationsPart = {
  register(app, ctx) {
    observeRequests(app, metricsOf.get(ctx));
    const { port } = ctx.config.operations.metrics;
    if (port === undefined) serveMetricsOnMainPort(app, ctx);
    else serveMetricsOnOwnPort(app, ctx, port);
  },
};
