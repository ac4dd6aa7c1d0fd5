/** A CLI command contributed by a module (`madoguchi <name> [--option value] [args]`). */
import type { AppContext } from './context.js';

export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Reads all of standard input (e.g. a password), trimmed of the final newline. */
  readStdin: () => Promise<string>;
};

export type CliCommand = {
  /** Words of the command, e.g. "staff create". */
  name: string;
  summary: string;
  /** Option names (without --) with a description; flags are options with `flag: true`. */
  options?: Record<string, { description: string; required?: boolean; flag?: boolean }>;
  /** Positional arguments, in order. */
  args?: { name: string; description: string; required?: boolean }[];
  /** Commands that must not assume a migrated database (migrate itself). */
  raw?: boolean;
  run: (
    ctx: AppContext,
    input: { options: Record<string, string | boolean | undefined>; args: string[] },
    io: CliIo,
  ) => Promise<number | void>;
};

/** Thrown for a usage or input problem: the CLI prints the message and exits 2. */
export class CliError extends Error {}
