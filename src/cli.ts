/**
 * The `madoguchi` command line. Commands come from the modules (see each *.cli.ts).
 * On the embedded database it refuses to run while a server holds the data directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { allCommands } from './cli-commands.js';
import { CliError, type CliCommand, type CliIo } from './platform/cli-command.js';
import { createContext } from './bootstrap.js';
import { assertDataDirFree } from './platform/data-dir-lock.js';
import { migrate } from './platform/migrate.js';

const io: CliIo = {
  out: (l) => process.stdout.write(`${l}\n`),
  err: (l) => process.stderr.write(`${l}\n`),
  readStdin: async () => {
    if (process.stdin.isTTY) process.stderr.write('(reading from standard input; end with Ctrl+D)\n');
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  },
};

function usage(commands: CliCommand[]): string {
  const lines = ['Usage: madoguchi <command> [options]', '', 'Commands:'];
  for (const c of commands) {
    const opts = Object.entries(c.options ?? {})
      .map(([k, o]) => (o.flag ? `[--${k}]` : o.required ? `--${k} ${k.toUpperCase()}` : `[--${k} ${k.toUpperCase()}]`))
      .join(' ');
    const args = (c.args ?? []).map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`)).join(' ');
    lines.push(`  ${[c.name, args, opts].filter(Boolean).join(' ')}`, `      ${c.summary}`);
  }
  return lines.join('\n');
}

export function parseArgs(command: CliCommand, argv: string[]) {
  const options: Record<string, string | boolean | undefined> = {};
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const spec = command.options?.[key];
      if (!spec) throw new CliError(`Unknown option --${key} for "${command.name}".`);
      if (key in options) throw new CliError(`Option --${key} was given twice; give it once (extra files go after it as arguments).`);
      if (spec.flag) options[key] = true;
      else {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new CliError(`Option --${key} needs a value.`);
        options[key] = v;
      }
    } else args.push(a);
  }
  for (const [k, spec] of Object.entries(command.options ?? {}))
    if (spec.required && options[k] === undefined) throw new CliError(`Option --${k} is required: ${spec.description}`);
  const required = (command.args ?? []).filter((a) => a.required).length;
  if (args.length < required) throw new CliError(`"${command.name}" needs ${(command.args ?? []).map((a) => a.name.toUpperCase()).join(' ')}.`);
  return { options, args };
}

export async function runCli(argv: string[]): Promise<number> {
  const commands = allCommands();
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    io.out(usage(commands));
    return argv.length === 0 ? 2 : 0;
  }
  // Longest command name that matches the first words.
  const command = commands
    .filter((c) => c.name.split(' ').every((w, i) => argv[i] === w))
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)[0];
  if (!command) {
    io.err(`Unknown command "${argv.slice(0, 2).join(' ')}".\n\n${usage(commands)}`);
    return 2;
  }
  let ctx;
  try {
    const parsed = parseArgs(command, argv.slice(command.name.split(' ').length));
    const config = loadConfig();
    if (!config.databaseUrl) assertDataDirFree(config.dataDir);
    ctx = await createContext(config);
    if (!command.raw && config.env !== 'production') await migrate(ctx.db);
    const code = await command.run(ctx, parsed, io);
    return code ?? 0;
  } catch (err) {
    if (err instanceof CliError || err instanceof ConfigError) {
      io.err(err.message);
      return 2;
    }
    io.err(`Failed: ${(err as Error).message}`);
    return 1;
  } finally {
    await ctx?.db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fs.realpathSync(new URL(import.meta.url).pathname))) {
  void runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
