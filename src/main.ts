/** Starts the web process (with the job worker unless RUN_WORKER=false). */
import { ConfigError, loadConfig } from './config.js';

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
  const app = await startApp(config);
  const url = `http://localhost:${config.port}`;
  app.ctx.log.info({ event: 'started', env: config.env, database: app.ctx.db.kind }, `madoguchi listening on ${url}`);
  if (config.env === 'demo')
    printDemoBanner(url, config.line.standin ? `http://localhost:${config.line.standinPort}/simulator` : undefined);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.ctx.log.info({ event: 'shutdown', signal }, 'shutting down gracefully');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await app.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function printDemoBanner(url: string, lineSimulator?: string) {
  console.log(`
  madoguchi demo is running: ${url}
  Staff log-in: ${url}/staff/login
    demo-admin   / demo-password-2026   (system administrator)
    demo-fukushi / demo-password-2026   (welfare department)
    demo-shimin  / demo-password-2026   (citizens' affairs)
  Data: embedded database (demo). Stop with Ctrl+C.
`);
  if (lineSimulator) console.log(`  LINE chat simulator (local LINE stand-in): ${lineSimulator}\n`);
}

void main();
