/** All CLI commands: the platform's own and those of each module. */
import { migrate } from './platform/migrate.js';
import type { AnyCliCommand } from './platform/cli-command.js';
import { generateSecretValues } from './platform/secrets.js';
import { modules } from './modules/index.js';
import { seedDemo, allJobs } from './bootstrap.js';
import { JobWorker } from './platform/jobs.js';

const platformCommands: AnyCliCommand[] = [
  {
    name: 'migrate',
    summary: 'Apply pending database migrations (forward-only).',
    raw: true,
    async run(ctx, _input, io) {
      const applied = await migrate(ctx.db);
      io.out(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
    },
  },
  {
    name: 'keys generate',
    summary: 'Print fresh production secrets as environment variables (store them in your secret vault).',
    // Runs before any configuration or database exists: it opens nothing.
    needsDb: false,
    async run(_input, io) {
      for (const [k, v] of Object.entries(generateSecretValues())) io.out(`${k}=${v}`);
    },
  },
  {
    name: 'demo seed',
    summary: 'Load the demo city (departments, staff, services, bookings). Idempotent.',
    async run(ctx, _input, io) {
      await migrate(ctx.db);
      await seedDemo(ctx);
      io.out('Demo data is in place.');
    },
  },
  {
    name: 'worker',
    summary: 'Run the job worker only (for deployments that separate web and worker processes).',
    async run(ctx, _input, io) {
      const worker = new JobWorker(ctx, allJobs(ctx.config));
      await worker.start();
      io.out(`Worker ${worker.id} running; Ctrl+C to stop.`);
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await worker.stop();
    },
  },
];

export function allCommands(): AnyCliCommand[] {
  return [...platformCommands, ...modules.flatMap((m) => m.commands ?? [])];
}
