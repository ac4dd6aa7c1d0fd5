/**
 * Optional persistence of the stand-in (the demo's `npm start`): what it knows — sessions, their line
 * items, PaymentIntents, Charges, refunds, events and the results kept under idempotency keys — is
 * written to one JSON file after every change and read back when the stand-in starts, so a restarted
 * demo still answers for the payments madoguchi's database holds (the return page, the reconciliation
 * and refunds re-read them). Written atomically: a temporary file in the same directory, flushed, then
 * renamed over the old one, so a crash leaves the previous or the new state, never half a file.
 * Tests keep the stand-in in memory (no file).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { StandinSnapshot } from './standin-state.js';

const FORMAT = 'madoguchi.payment-standin/1';

export type IdempotentResult = { endpoint: string; params: string; status: number; body: unknown };

export type PersistedStandin = StandinSnapshot & { idempotent: [string, IdempotentResult][] };

/** The file's content, or undefined when there is none yet; a file of another format is refused. */
export function readStandinFile(file: string): PersistedStandin | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const data = JSON.parse(text) as { format?: unknown } & PersistedStandin;
  if (data.format !== FORMAT) throw new Error(`payment stand-in: ${file} is not a ${FORMAT} file`);
  return data;
}

export function writeStandinFile(file: string, state: PersistedStandin): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeFileSync(fd, JSON.stringify({ format: FORMAT, ...state }));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
