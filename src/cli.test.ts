/**
 * The command line itself: per-command help with every option and its allowed values, closed option
 * values enforced by the parser, and commands that need no database (`keys generate`) opening none.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { commandUsage, parseArgs, runCli } from './cli.js';
import { allCommands } from './cli-commands.js';
import { CliError, type AnyCliCommand } from './platform/cli-command.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs bin/madoguchi.js in a child process with only the given environment (no DATABASE_URL, no secrets). */
function madoguchi(args: string[], env: Record<string, string>, cwd = root) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/madoguchi.js'), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A data directory that cannot be created: its parent is a regular file (refused even for root). */
function unusableDataDir(): { dir: string; parent: string } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-cli-'));
  const parent = path.join(tmp, 'not-a-directory');
  fs.writeFileSync(parent, '');
  return { dir: path.join(parent, 'data'), parent };
}

async function inProcess(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l), readStdin: async () => '' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** Valid argv for a command: every required option and argument filled, choices with their first value. */
function validArgv(c: AnyCliCommand, override: Record<string, string> = {}): string[] {
  const argv = c.name.split(' ');
  for (const [k, o] of Object.entries(c.options ?? {})) {
    if (o.flag) continue;
    if (k in override) argv.push(`--${k}`, override[k] as string);
    else if (o.required) argv.push(`--${k}`, o.choices?.[0] ?? 'x');
  }
  for (const a of c.args ?? []) if (a.required) argv.push('x');
  return argv;
}

describe('madoguchi <command> --help', () => {
  it('prints staff create usage with every option, description and the roles, without a database or a valid configuration', () => {
    const { dir, parent } = unusableDataDir();
    // Production with no secrets, no DATABASE_URL and a data directory that cannot exist: any
    // attempt to load the configuration or open a database would fail.
    const r = madoguchi(['staff', 'create', '--help'], { MADOGUCHI_ENV: 'production', MADOGUCHI_DATA_DIR: dir });
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^Usage: madoguchi staff create --login LOGIN --name NAME --department DEPARTMENT --role \{sys-admin\|dept-admin\|staff\|payment_admin\}/,
    );
    for (const option of ['--login', '--name', '--department', '--role', '--no-change-required'])
      assert.ok(r.out.includes(option), `${option} missing from:\n${r.out}`);
    assert.match(r.out, /One of: sys-admin, dept-admin, staff, payment_admin/);
    assert.match(r.out, /do not force a password change at first log-in/);
    assert.equal(r.err, '');
    assert.ok(fs.statSync(parent).isFile());
  });

  it('answers -h and `help <command>` the same way', async () => {
    const a = await inProcess(['audit', 'export', '-h']);
    const b = await inProcess(['help', 'audit', 'export']);
    assert.equal(a.code, 0);
    assert.equal(b.code, 0);
    assert.equal(a.out, b.out);
    assert.match(a.out, /--format \{csv\|jsonl\}/);
    assert.match(a.out, /One of: csv, jsonl/);
  });

  it('lists the commands of a group for `madoguchi card --help`', async () => {
    const r = await inProcess(['card', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /card import-progress FILE --kind \{setup\|issued\}/);
    assert.doesNotMatch(r.out, /staff create/);
  });

  it('describes every option of every command, with its allowed values', () => {
    for (const c of allCommands()) {
      const help = commandUsage(c);
      assert.ok(help.includes(c.summary), c.name);
      for (const [k, o] of Object.entries(c.options ?? {})) {
        assert.ok(help.includes(`--${k}`), `${c.name}: --${k}`);
        assert.ok(help.includes(o.description), `${c.name}: description of --${k}`);
        if (o.choices) assert.ok(help.includes(o.choices.join(', ')), `${c.name}: choices of --${k}`);
      }
      for (const a of c.args ?? []) assert.ok(help.includes(a.description), `${c.name}: ${a.name}`);
    }
  });
});

describe('closed option values', () => {
  it('declares choices for the closed sets: roles, encodings, card states, progress kinds, export formats', () => {
    const choices = (name: string, option: string) => allCommands().find((c) => c.name === name)?.options?.[option]?.choices;
    assert.deepEqual(choices('staff create', 'role'), ['sys-admin', 'dept-admin', 'staff', 'payment_admin']);
    assert.deepEqual(choices('card import-issuance-list', 'encoding'), ['shift_jis', 'utf-8']);
    assert.ok(choices('card export-bundle', 'state')?.includes('letter_sent'));
    assert.deepEqual(choices('card import-progress', 'kind'), ['setup', 'issued']);
    assert.deepEqual(choices('audit export', 'format'), ['csv', 'jsonl']);
  });

  it('refuses a value outside the choices of every option, naming the allowed values', () => {
    let checked = 0;
    for (const c of allCommands())
      for (const [k, o] of Object.entries(c.options ?? {})) {
        if (!o.choices) continue;
        const argv = validArgv(c, { [k]: 'not-a-choice' }).slice(c.name.split(' ').length);
        assert.throws(
          () => parseArgs(c, argv),
          (e: unknown) =>
            e instanceof CliError &&
            e.message.includes(`--${k}`) &&
            e.message.includes(o.choices!.join(', ')) &&
            e.message.includes('not-a-choice'),
          `${c.name} --${k}`,
        );
        // …and accepts each allowed value.
        for (const v of o.choices) assert.equal(parseArgs(c, validArgv(c, { [k]: v }).slice(c.name.split(' ').length)).options[k], v);
        checked++;
      }
    assert.ok(checked >= 5);
  });

  it('checks each item of a comma-separated list', () => {
    const c = allCommands().find((x) => x.name === 'card export-bundle')!;
    assert.equal(parseArgs(c, ['--out', 'f', '--state', 'received, letter_sent']).options.state, 'received, letter_sent');
    assert.throws(
      () => parseArgs(c, ['--out', 'f', '--state', 'received,lost']),
      /--state takes a comma-separated list of: .*letter_sent.* \(got "lost"\)/,
    );
  });

  it('exits 2 with the allowed roles on `staff create --role admin`, before reading a password', async () => {
    const r = await inProcess(['staff', 'create', '--login', 'a', '--name', 'A', '--department', 'x', '--role', 'admin']);
    assert.equal(r.code, 2);
    assert.match(r.err, /--role must be one of: sys-admin, dept-admin, staff, payment_admin \(got "admin"\)/);
  });
});

describe('keys generate', () => {
  it('prints secrets with no DATABASE_URL, an unusable data directory and an incomplete production configuration', () => {
    const { dir, parent } = unusableDataDir();
    const r = madoguchi(['keys', 'generate'], { MADOGUCHI_ENV: 'production', MADOGUCHI_DATA_DIR: dir });
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.ok(lines.length >= 3, r.out);
    for (const l of lines) assert.match(l, /^[A-Z][A-Z0-9_]*=\S+$/);
    assert.ok(fs.statSync(parent).isFile(), 'nothing was created in place of the data directory');
  });

  it('opens no database: with no environment at all it leaves the working directory empty (no ./data)', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-cli-cwd-'));
    const r = madoguchi(['keys', 'generate'], {}, cwd);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /=/);
    assert.deepEqual(fs.readdirSync(cwd), []);
  });
});
