/** `madoguchi keys status` and `madoguchi keys rotate`: which key each encrypted value is under, and re-encryption under the newest. */
import { CliError, type CliCommand, type CliIo } from '../../../platform/cli-command.js';
import { describeRetirement, readKeyUsage, type KeyUsage } from './key-usage.js';
import { FILE_BATCH, rotateKeys } from './rotate-keys.js';

/** Exit code of `keys rotate` when values remain under an old key (stopped early, or written meanwhile under an old key). */
export const EXIT_INCOMPLETE = 3;

function printUsage(u: KeyUsage, io: CliIo): void {
  io.out(`Current key (first in MADOGUCHI_ENCRYPTION_KEYS): ${u.currentKey}`);
  const width = Math.max(...u.fields.map((f) => f.field.length));
  for (const f of u.fields) {
    const counts = Object.entries(f.byKey)
      .sort(([a], [b]) => (a === u.currentKey ? -1 : b === u.currentKey ? 1 : a.localeCompare(b)))
      .map(([kid, n]) => `${kid || '(not madoguchi ciphertext)'}${kid === u.currentKey ? ' (current)' : ''}: ${n}`);
    io.out(`  ${f.field.padEnd(width)}  ${counts.length ? counts.join(', ') : 'no values'}`);
  }
  for (const line of describeRetirement(u)) io.out(line);
}

const whole = (name: string, v: string | boolean | undefined, min: number, max: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== 'string' || !/^\d+$/.test(v) || n < min || n > max)
    throw new CliError(`--${name} must be a whole number from ${min} to ${max} (got "${String(v)}").`);
  return n;
};

const status: CliCommand = {
  name: 'keys status',
  summary:
    'Show, per encrypted column, how many values are under each field-encryption key, and which old keys can be removed. Changes nothing.',
  async run(ctx, _input, io) {
    printUsage(await readKeyUsage(ctx), io);
  },
};

const rotate: CliCommand = {
  name: 'keys rotate',
  summary: [
    'Re-encrypt every encrypted field and file under the current key (the first of MADOGUCHI_ENCRYPTION_KEYS) while the system runs:',
    'put the new key first and keep the old ones after it (new:…,old:…) in every process, restart them, then run this.',
    'Resumable batches, each audited; run again to continue after a stop. Exits 0 when no value under an old key remains',
    '(it then names the keys that can be removed), 1 when values could not be decrypted, 3 when values remain (stopped early, or still being written under an old key).',
    'The blind-index key (MADOGUCHI_BLIND_INDEX_KEY) is not rotated by this command: its indexes are one-way hashes and would need every plaintext re-indexed.',
  ].join(' '),
  options: {
    'batch-size': { description: `Rows per batch (one transaction each; default 500; files at most ${FILE_BATCH} per batch)` },
    'max-batches': { description: 'Stop after this many batches (run again to continue)' },
    'dry-run': { flag: true, description: 'Only show what is under which key (same as `keys status`)' },
  },
  async run(ctx, { options }, io) {
    const batchSize = whole('batch-size', options['batch-size'], 1, 100_000);
    const maxBatches = whole('max-batches', options['max-batches'], 1, 100_000_000);
    if (options['dry-run']) {
      printUsage(await readKeyUsage(ctx), io);
      return 0;
    }
    const r = await rotateKeys(ctx, { batchSize, maxBatches, progress: io.out });
    if (r.isNothingToDo) io.out(`Nothing to re-encrypt: every value is already under key ${r.currentKey}.`);
    else io.out(`Re-encrypted ${r.reencrypted} value(s) in ${r.batches} batch(es).`);
    if (r.changedMeanwhile) io.out(`${r.changedMeanwhile} value(s) were changed by the application meanwhile and kept as it wrote them.`);
    for (const f of r.failures.slice(0, 20)) io.err(`Could not re-encrypt ${f.field} row ${f.key.join(', ')}: ${f.reason}`);
    if (r.failures.length > 20) io.err(`… ${r.failures.length} values in all could not be re-encrypted.`);
    if (r.isStoppedEarly) io.out(`Stopped after ${r.batches} batch(es) (--max-batches): run \`madoguchi keys rotate\` again to continue.`);
    for (const line of describeRetirement(r.usage)) io.out(line);
    if (r.failures.length) return 1;
    return Object.keys(r.usage.oldKeyValues).length ? EXIT_INCOMPLETE : 0;
  },
};

export const keyRotationCommands: CliCommand[] = [status, rotate];
