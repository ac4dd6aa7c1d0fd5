/**
 * One madoguchi web process for the benchmark and the multi-process test: configuration from the
 * environment (src/config.ts), listens on a free port and prints "LISTENING <url>".
 */
import { loadConfig } from '../src/config.js';
import { startApp } from '../src/bootstrap.js';

const config = loadConfig(process.env, { testHarness: true }); // the benchmark and the multi-process test run it with MADOGUCHI_ENV=test
// PGlite: in memory, unless a data directory is given (the benchmark prepares one, then counts its bookings)
const app = await startApp(config, { listen: false, worker: false, memory: !config.databaseUrl && !process.env.MADOGUCHI_DATA_DIR });
const url = await app.server.listen({ port: 0, host: '127.0.0.1', backlog: config.listenBacklog });
process.stdout.write(`LISTENING ${url}\n`);
// the benchmark sends stdout (the request log) to /dev/null and reads this line on stderr
process.stderr.write(`LISTENING ${url}\n`);
const stop = async () => {
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
