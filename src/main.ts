/** Starts the web process (with the job worker unless RUN_WORKER=false). */
import { type Config, ConfigError, loadConfig } from './config.js';
import type http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { ShiftedClock } from './platform/clock.js';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  // Loaded after the configuration is known to be valid: a refused configuration is reported at once.
  const { startApp } = await import('./bootstrap.js');
  // The demo runs on a clock its seed can set into the past days (to write a week of applications and
  // payments through the real operations); the payment stand-in shares it, so both agree on when.
  const clock = config.env === 'demo' ? new ShiftedClock() : undefined;
  // Started before the app, so the demo seed can pay on it.
  const paymentStandin = config.payments.standin ? await startPaymentStandin(config, clock) : undefined;
  const app = await startApp(config, { clock });
  const url = `http://localhost:${config.port}`;
  app.ctx.log.info({ event: 'started', env: config.env, database: app.ctx.db.kind }, `madoguchi listening on ${url}`);
  if (paymentStandin)
    app.ctx.log.info({ event: 'payment_standin_started', url: paymentStandin.url }, `payment stand-in on ${paymentStandin.url}`);
  if (config.env === 'demo')
    printDemoBanner(url, config.line.standin ? `http://localhost:${config.line.standinPort}/simulator` : undefined);
  if (config.env === 'demo' && paymentStandin)
    console.log(`  Payment stand-in (local Stripe, test cards 4242 4242 4242 4242 / 4000 0000 0000 0002): ${paymentStandin.url}\n`);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.ctx.log.info({ event: 'shutdown', signal }, 'shutting down gracefully');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    // SIGTERM is a service manager's stop (systemd, behind the proxy): leave the proxy's pool first.
    // Ctrl+C (SIGINT) closes at once.
    if (signal === 'SIGTERM') {
      const drained = await leaveProxyPool(app.server.server);
      app.ctx.log.info({ event: 'shutdown_drained', ...drained }, 'connections drained');
    }
    await paymentStandin?.close();
    await app.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/** nginx's upstream keepalive_timeout (deploy/nginx/madoguchi.conf): it closes a connection idle this long. */
const PROXY_IDLE_CLOSE_MS = 4_000;
/** Longest wait for the connections to end; the rest of the 15 s is for closing the app. */
const DRAIN_LIMIT_MS = 11_000;

/**
 * Stops taking connections and waits until the open ones have ended, without failing a request.
 *
 * The listening socket is closed with net.Server's close, not http.Server's: the latter also drops every
 * idle keep-alive connection at once, and a proxy that picked one of them a moment earlier has sent its
 * request on a socket that closes under it — nginx does not resend a POST it has sent, so the client
 * would get 502. Instead every answer from now on closes its connection (the proxy takes it out of its
 * pool after that answer), and idle connections are left for the proxy to close after its keepalive
 * timeout. A new connection is refused, which nginx retries on the other process, a POST included (not
 * one byte of it was sent). Requests keep being served normally (no 503) until the connections are gone;
 * after the proxy's idle timeout the remaining idle ones (a browser connected directly) are closed here.
 * Fastify's later close finds the listener closed (ERR_SERVER_NOT_RUNNING, which it accepts).
 */
async function leaveProxyPool(server: http.Server): Promise<{ ms: number; connectionsLeft: number }> {
  const started = Date.now();
  server.prependListener('request', (_req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!res.headersSent) res.setHeader('Connection', 'close');
  });
  net.Server.prototype.close.call(server);
  const open = () => new Promise<number>((resolve) => server.getConnections((err, n) => resolve(err ? 0 : n)));
  let left = await open();
  while (left > 0 && Date.now() - started < DRAIN_LIMIT_MS) {
    if (Date.now() - started > PROXY_IDLE_CLOSE_MS) server.closeIdleConnections();
    await new Promise((r) => setTimeout(r, 50));
    left = await open();
  }
  return { ms: Date.now() - started, connectionsLeft: left };
}

/**
 * Demo: the local payment stand-in (Stripe's protocol, its hosted page, signed events to this server's
 * webhook) on its own port. Loaded only when PAYMENT_STANDIN=true; the configuration refuses that in
 * production. In demo mode it keeps what it knows in the data directory (payment-standin.json), so a
 * restarted demo still answers for the payments in its database; otherwise in memory.
 */
async function startPaymentStandin(config: Config, clock: ShiftedClock | undefined) {
  const { payments } = config;
  if (!payments.stripeSecretKey || !payments.stripeWebhookSecret) return undefined;
  const { startPaymentStandin: start } = await import('./payment-standin/standin.js');
  // The hosted page is opened by the citizen's browser: the host people use for this server, the stand-in's
  // port (plain http, a local test double).
  const pub = new URL(config.publicBaseUrl);
  const running = await start({
    secretKey: payments.stripeSecretKey,
    webhookSecret: payments.stripeWebhookSecret,
    webhookUrl: payments.standinWebhookUrl ?? `${config.publicBaseUrl}/api/v1/payments/stripe/webhook`,
    publicUrl: `http://${pub.hostname}:${payments.standinPort}`,
    port: payments.standinPort,
    host: config.host,
    environment: config.env,
    ...(clock ? { now: () => clock.now().getTime() } : {}),
    ...(config.env === 'demo' ? { persistFile: path.join(config.dataDir, 'payment-standin.json') } : {}),
  });
  return { url: running.standin.publicUrl, close: running.close };
}

function printDemoBanner(url: string, lineSimulator?: string) {
  console.log(`
  madoguchi demo is running: ${url}
  Staff log-in: ${url}/staff/login
    demo-admin   / demo-password-2026   (system administrator)
    demo-fukushi / demo-password-2026   (welfare department)
    demo-shimin  / demo-password-2026   (citizens' affairs)
    demo-shoukou, demo-suido / demo-password-2026   (their departments' e-application inboxes)
    demo-kessai, demo-kessai2 / demo-password-2026  (payment administration; a refund needs both)
    demo-hoiku, demo-nyuen / demo-password-2026  (childcare divisions: facility claims review / child counts)
  E-applications: ${url}/apply
  Childcare facility portal: ${url}/facility/login
    hoiku-f001-a … hoiku-f005-b / demo-password-2026, then the code from ${url}/demo/mailbox
  Data: embedded database (demo). Stop with Ctrl+C.
`);
  if (lineSimulator) console.log(`  LINE chat simulator (local LINE stand-in): ${lineSimulator}\n`);
}

void main();
