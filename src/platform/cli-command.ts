/** A CLI command contributed by a module (`madoguchi <name> [--option value] [args]`). */
import type { AppContext } from './context.js';

export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Reads all of standard input (e.g. a password), trimmed of the final newline. */
  readStdin: () => Promise<string>;
};

export type CliOption = {
  description: string;
  required?: boolean;
  /** A flag takes no value (`--json`). */
  flag?: boolean;
  /**
   * The closed set of values the option accepts: shown by `--help` and enforced by the parser,
   * which refuses any other value naming the allowed ones.
   */
  choices?: readonly string[];
  /** The value is a comma-separated list, each item one of `choices`. */
  list?: boolean;
};

export type CliInput = { options: Record<string, string | boolean | undefined>; args: string[] };

type CliCommandBase = {
  /** Words of the command, e.g. "staff create". */
  name: string;
  summary: string;
  /** Option names (without --) with a description; flags are options with `flag: true`. */
  options?: Record<string, CliOption>;
  /** Positional arguments, in order. */
  args?: { name: string; description: string; required?: boolean }[];
};

export type CliCommand = CliCommandBase & {
  /** Commands that must not assume a migrated database (migrate itself). */
  raw?: boolean;
  needsDb?: true;
  run: (ctx: AppContext, input: CliInput, io: CliIo) => Promise<number | void>;
  /**
   * Runs instead, opening no configuration and no database, when `when(input)` holds: the same command
   * reading a file while the system is down (`privacy breach-report --bundle DIR`).
   */
  offline?: { when: (input: CliInput) => boolean; run: (input: CliInput, io: CliIo) => Promise<number | void> };
};

/**
 * A command that needs neither a database nor a valid configuration (e.g. `keys generate`, which
 * is what an operator runs before a production configuration exists): the CLI opens nothing for it.
 */
export type StandaloneCliCommand = CliCommandBase & {
  needsDb: false;
  run: (input: CliInput, io: CliIo) => Promise<number | void>;
};

export type AnyCliCommand = CliCommand | StandaloneCliCommand;

/** Thrown for a usage or input problem: the CLI prints the message and exits 2. */
export class CliError extends Error {}
