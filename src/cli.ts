/**
 * The `madoguchi` command line. Commands come from the modules (see each *.cli.ts).
 * On the embedded database it refuses to run while a server holds the data directory.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from './config.js';
import { allCommands } from './cli-commands.js';
import { CliError, type AnyCliCommand, type CliInput, type CliIo, type CliOption } from './platform/cli-command.js';
import type { AppContext } from './platform/context.js';
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
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  },
};

function optionSyntax(key: string, o: CliOption): string {
  if (o.flag) return `--${key}`;
  return `--${key} ${o.choices && !o.list ? `{${o.choices.join('|')}}` : key.toUpperCase()}`;
}

function synopsis(c: AnyCliCommand): string {
  const opts = Object.entries(c.options ?? {})
    .map(([k, o]) => (o.required ? optionSyntax(k, o) : `[${optionSyntax(k, o)}]`))
    .join(' ');
  const args = (c.args ?? []).map((a) => (a.required ? a.name.toUpperCase() : `[${a.name.toUpperCase()}]`)).join(' ');
  return [c.name, args, opts].filter(Boolean).join(' ');
}

function usage(commands: AnyCliCommand[], title = 'Usage: madoguchi <command> [options]'): string {
  const lines = [title, '', 'Commands:'];
  for (const c of commands) lines.push(`  ${synopsis(c)}`, `      ${c.summary}`);
  lines.push('', "Run `madoguchi <command> --help` for a command's options and their allowed values.");
  return lines.join('\n');
}

/** The help of one command: synopsis, summary, every option and argument with its allowed values. */
export function commandUsage(c: AnyCliCommand): string {
  const lines = [`Usage: madoguchi ${synopsis(c)}`, '', c.summary];
  const rows: [string, string[]][] = [];
  for (const [k, o] of Object.entries(c.options ?? {})) {
    const text = [`${o.description}${o.required ? ' (required)' : ''}`];
    if (o.choices) text.push(`${o.list ? 'Comma-separated, each one of' : 'One of'}: ${o.choices.join(', ')}`);
    rows.push([optionSyntax(k, o), text]);
  }
  const argRows: [string, string[]][] = (c.args ?? []).map((a) => [
    a.name.toUpperCase(),
    [`${a.description}${a.required ? ' (required)' : ''}`],
  ]);
  const width = Math.max(0, ...[...rows, ...argRows].map(([k]) => k.length)) + 2;
  const section = (title: string, items: [string, string[]][]) => {
    if (!items.length) return;
    lines.push('', title);
    for (const [k, text] of items) text.forEach((t, i) => lines.push(`  ${(i === 0 ? k : '').padEnd(width)}${t}`));
  };
  section('Arguments:', argRows);
  section('Options:', rows);
  section('', [['-h, --help', ['Show this help']]]);
  return lines.join('\n').replace('\n\n\n', '\n\n');
}

function checkChoice(command: AnyCliCommand, key: string, spec: CliOption, value: string): void {
  if (!spec.choices) return;
  const items = spec.list ? value.split(',').map((s) => s.trim()) : [value];
  const bad = items.filter((v) => !spec.choices?.includes(v));
  if (bad.length)
    throw new CliError(
      `--${key} ${spec.list ? 'takes a comma-separated list of' : 'must be one of'}: ${spec.choices.join(', ')} (got "${bad.join(', ')}"). See \`madoguchi ${command.name} --help\`.`,
    );
}

export function parseArgs(command: AnyCliCommand, argv: string[]): CliInput {
  const options: Record<string, string | boolean | undefined> = {};
  const args: string[] = [];
  const help = `See \`madoguchi ${command.name} --help\`.`;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a.startsWith('--')) {
      const [key, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      const spec = command.options?.[key];
      if (!spec) throw new CliError(`Unknown option --${key} for "${command.name}". ${help}`);
      if (key in options) throw new CliError(`Option --${key} was given twice; give it once (extra files go after it as arguments).`);
      if (spec.flag) options[key] = true;
      else {
        const v = inline ?? argv[++i];
        if (v === undefined)
          throw new CliError(`Option --${key} needs a value${spec.choices ? ` (one of: ${spec.choices.join(', ')})` : ''}.`);
        checkChoice(command, key, spec, v);
        options[key] = v;
      }
    } else args.push(a);
  }
  for (const [k, spec] of Object.entries(command.options ?? {}))
    if (spec.required && options[k] === undefined)
      throw new CliError(
        `Option --${k} is required: ${spec.description}${spec.choices ? ` (one of: ${spec.choices.join(', ')})` : ''}. ${help}`,
      );
  const required = (command.args ?? []).filter((a) => a.required).length;
  if (args.length < required)
    throw new CliError(`"${command.name}" needs ${(command.args ?? []).map((a) => a.name.toUpperCase()).join(' ')}. ${help}`);
  return { options, args };
}

const isHelp = (a: string | undefined) => a === '--help' || a === '-h';

/** The command named by the first words of argv (the longest name that matches). */
function findCommand(commands: AnyCliCommand[], argv: string[]): AnyCliCommand | undefined {
  return commands
    .filter((c) => c.name.split(' ').every((w, i) => argv[i] === w))
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)[0];
}

export async function runCli(argv: string[], out: CliIo = io): Promise<number> {
  const commands = allCommands();
  if (argv.length === 0 || isHelp(argv[0]) || (argv[0] === 'help' && argv.length === 1)) {
    out.out(usage(commands));
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === 'help') argv = [...argv.slice(1), '--help'];
  const command = findCommand(commands, argv);
  if (!command) {
    // `madoguchi staff --help` (or a mistyped sub-command) lists the commands of that group.
    const group = commands.filter((c) => c.name.split(' ')[0] === argv[0]);
    if (group.length && isHelp(argv[1])) {
      out.out(usage(group, `Usage: madoguchi ${argv[0]} <command> [options]`));
      return 0;
    }
    out.err(`Unknown command "${argv.slice(0, 2).join(' ')}".\n\n${usage(group.length ? group : commands)}`);
    return 2;
  }
  const rest = argv.slice(command.name.split(' ').length);
  // Help needs no configuration and no database.
  if (rest.some(isHelp)) {
    out.out(commandUsage(command));
    return 0;
  }
  let ctx: AppContext | undefined;
  try {
    const parsed = parseArgs(command, rest);
    if (command.needsDb === false) return (await command.run(parsed, out)) ?? 0;
    if (command.offline?.when(parsed)) return (await command.offline.run(parsed, out)) ?? 0;
    const config = loadConfig();
    if (!config.databaseUrl) assertDataDirFree(config.dataDir);
    ctx = await createContext(config);
    if (!command.raw && config.env !== 'production') await migrate(ctx.db);
    const code = await command.run(ctx, parsed, out);
    return code ?? 0;
  } catch (err) {
    if (err instanceof CliError || err instanceof ConfigError) {
      out.err(err.message);
      return 2;
    }
    out.err(`Failed: ${(err as Error).message}`);
    return 1;
  } finally {
    await ctx?.db.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(fs.realpathSync(new URL(import.meta.url).pathname))) {
  void runCli(process.argv.slice(2)).then((code) => process.exit(code));
}
