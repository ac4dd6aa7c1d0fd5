/**
 * Counts every answered request by route pattern (`routeOptions.url`, e.g. /api/v1/reservations/:number),
 * never the raw URL: a reservation number or an id in a label would be personal data in the metrics
 * and a new series per request. Requests no route matched count once as "unmatched". The scrapes of
 * /metrics itself are not counted. Runs on every request: a callback hook (no promise) and two
 * label-map updates.
 */
import type { FastifyInstance } from 'fastify';
import type { AppMetrics } from './metrics-registry.js';

const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];

export function observeRequests(app: FastifyInstance, metrics: AppMetrics): void {
  app.addHook('onResponse', (req, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    if (route !== '/metrics') {
      const code = reply.statusCode;
      metrics.requests.inc({ method: req.method, route, status_code: code });
      metrics.latency.observe(
        { method: req.method, route, status_class: STATUS_CLASSES[Math.floor(code / 100) - 1] ?? 'other' },
        reply.elapsedTime / 1000,
      );
    }
    done();
  });
}
