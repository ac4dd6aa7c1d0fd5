/**
 * Where GET /metrics answers. With METRICS_PORT set, only on a listener of its own on HOST:METRICS_PORT
 * (opened when the web server starts listening, closed with it), and not at all on the main port. Without
 * it, on the main port to the clients of METRICS_ALLOWED_NETWORKS only (the address the server computes,
 * with TRUST_PROXY); any other client gets the same 404 as an unknown address, so the endpoint's
 * existence is not revealed.
 */
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { isAddressAllowed } from '../../security/index.js';
import { METRICS_CONTENT_TYPE, renderMetrics } from './render-metrics.js';

export function serveMetricsOnMainPort(app: FastifyInstance, ctx: AppContext): void {
  const allowed = ctx.config.operations.metrics.allowedNetworks;
  app.get('/metrics', async (req, reply) => {
    // An empty list would mean "everyone" to isAddressAllowed; for metrics it means no one.
    if (allowed.length === 0 || !isAddressAllowed(req.ip, allowed)) throw errors.notFound();
    reply.header('Cache-Control', 'no-store');
    return reply.type(METRICS_CONTENT_TYPE).send(await renderMetrics(ctx));
  });
}

export function serveMetricsOnOwnPort(app: FastifyInstance, ctx: AppContext, port: number): void {
  const listener = http.createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not Found: this port serves GET /metrics only\n');
      return;
    }
    renderMetrics(ctx).then(
      (body) => {
        res.writeHead(200, { 'Content-Type': METRICS_CONTENT_TYPE, 'Cache-Control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (err: unknown) => {
        ctx.log.error({ err, event: 'metrics_render_failed' }, 'metrics: could not render the exposition');
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('metrics could not be rendered: see the server log\n');
      },
    );
  });
  listener.keepAliveTimeout = 65_000; // longer than a scraper's idle keep-alive, so no scrape meets a closing socket
  let opened: Promise<void> | undefined;
  // Opened once the web server listens (not for inject-only apps: tests, the OpenAPI script). A port that
  // cannot be bound does not stop the citizens' service: it is logged, and Prometheus shows the target down.
  app.addHook('onListen', (done) => {
    opened = new Promise<void>((resolve) => {
      listener.once('error', (err) => {
        ctx.log.error(
          { err, event: 'metrics_listen_failed', port },
          `metrics: cannot listen on ${ctx.config.host}:${port} (METRICS_PORT); choose a free port or unset METRICS_PORT to serve /metrics on the main port`,
        );
        resolve();
      });
      listener.listen(port, ctx.config.host, () => {
        ctx.log.info({ event: 'metrics_listening', port }, `metrics on http://${ctx.config.host}:${port}/metrics`);
        resolve();
      });
    });
    done();
  });
  app.addHook('onClose', async () => {
    await opened;
    if (!listener.listening) return;
    listener.closeAllConnections();
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  });
}
