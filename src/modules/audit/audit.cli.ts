/** `madoguchi audit …`: verify the chain, export signed checkpoints and the public key, export the log. */
import fs from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { CliError, type CliCommand } from '../../platform/cli-command.js';
import type { AppContext } from '../../platform/context.js';
import { recordAudit } from './record-audit.js';
import { publicKeyPem, readCheckpointFile, readPublicKeyFile, writeCheckpointFile } from './audit-checkpoint.js';
import { exportChunks, type ExportFormat } from './audit-export-format.js';
import { newestExternalCheckpoint, runAuditVerification, writeVerifiedCheckpoint } from './run-verification.js';
import { auditEntriesForExport } from './search-audit.js';
import type { VerifyResult } from './verify-audit-chain.js';

const day = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(s: string): boolean {
  if (!day.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Exit code of `audit verify` when the chain is consistent but no checkpoint from outside the
 * database was compared: not a success, because a deleted tail or a consistent rewrite would pass.
 */
export const EXIT_UNANCHORED = 3;

/** The one line a person (or a monitoring script) needs after a verification. */
export function describeVerification(r: VerifyResult): string {
  const skipped = r.checkpointsSkipped ? `, ${r.checkpointsSkipped} signed by other keys not checked` : '';
  if (r.isOk && r.externalAnchor)
    return `Audit chain verified: ${r.entries} entries checked, chain ends at entry ${r.lastSeq} (hash ${r.lastHash}); agrees with the external checkpoint of entry ${r.externalAnchor.seq} signed at ${r.externalAnchor.createdAt}; ${r.checkpointsChecked} checkpoint(s) agree${skipped}.`;
  if (r.isOk)
    return `Audit chain NOT VERIFIED against an external checkpoint: ${r.entries} entries are consistent, chain ends at entry ${r.lastSeq} (hash ${r.lastHash}); ${r.checkpointsChecked} checkpoint(s) stored in the database agree${skipped}.`;
  const p = r.problem as NonNullable<VerifyResult['problem']>;
  return `AUDIT CHAIN BROKEN at entry ${p.seq} (${p.kind}): ${p.message}. ${r.entries} entries before it verified.`;
}

const verify: CliCommand = {
  name: 'audit verify',
  summary:
    'Recompute the audit hash chain and compare it with the newest checkpoint file in AUDIT_CHECKPOINT_DIR (or the files given); exits 1 naming the first bad entry or the entries lost, 3 when no external checkpoint was available.',
  options: {
    checkpoint: {
      description:
        'A checkpoint file (JSON) exported earlier, instead of the newest in AUDIT_CHECKPOINT_DIR; more files may follow as arguments',
    },
    'public-key': { description: 'PEM public key that checks checkpoint signatures (default: the configured key)' },
  },
  args: [{ name: 'more-checkpoints', description: 'Further checkpoint files' }],
  async run(ctx, { options, args }, io) {
    const files = [...(typeof options.checkpoint === 'string' ? [options.checkpoint] : []), ...args];
    const checkpoints = files.map((f) => {
      try {
        return readCheckpointFile(f);
      } catch (err) {
        throw new CliError((err as Error).message);
      }
    });
    if (!files.length) {
      let newest;
      try {
        newest = await newestExternalCheckpoint(ctx, ctx.db);
      } catch (err) {
        throw new CliError((err as Error).message);
      }
      if (newest) {
        checkpoints.push(newest.checkpoint);
        io.out(`Comparing with the newest external checkpoint: ${newest.file}`);
      }
    }
    let publicKey: KeyObject = ctx.secrets.auditSigning.publicKey;
    let publicKeyId: string | undefined = ctx.secrets.auditSigning.id;
    if (typeof options['public-key'] === 'string') {
      try {
        publicKey = readPublicKeyFile(options['public-key']);
      } catch (err) {
        throw new CliError((err as Error).message);
      }
      // The file carries no key id: stored checkpoints are checked only if they name the key the
      // given checkpoint files name.
      const ids = new Set(checkpoints.map((c) => c.keyId));
      publicKeyId = ids.size === 1 ? [...ids][0] : undefined;
    }
    const result = await runAuditVerification(ctx, ctx.db, {
      trigger: 'cli',
      checkpoints,
      publicKey,
      publicKeyId,
      storedCheckpoints: publicKeyId !== undefined,
    });
    if (!result.isOk) {
      io.err(describeVerification(result));
      return 1;
    }
    if (!result.externalAnchor) {
      io.err(
        `WARNING: no audit checkpoint from outside the database was compared (${
          ctx.config.auditCheckpointDir
            ? `${ctx.config.auditCheckpointDir} holds no checkpoint of this database signed with key ${ctx.secrets.auditSigning.id}`
            : 'AUDIT_CHECKPOINT_DIR is not set'
        }; or give --checkpoint FILE). Deleted newest entries, or a consistent rewrite of the log, cannot be noticed without one.`,
      );
      io.out(describeVerification(result));
      return EXIT_UNANCHORED;
    }
    io.out(describeVerification(result));
    return 0;
  },
};

const checkpoint: CliCommand = {
  name: 'audit checkpoint',
  summary: 'Verify the chain, then sign its head and write the checkpoint to a file (keep it outside the database server).',
  options: {
    out: { description: 'File to write (must not exist)', required: true },
    full: { description: 'Verify from the first entry instead of the latest signed checkpoint', flag: true },
  },
  async run(ctx, { options }, io) {
    const out = options.out as string;
    if (fs.existsSync(out)) throw new CliError(`${out} exists; a checkpoint file is never overwritten.`);
    const r = await writeVerifiedCheckpoint(ctx, ctx.db, { trigger: 'cli', full: options.full === true });
    if (!r.isOk) {
      io.err(`${describeVerification(r.verification)} No checkpoint was signed.`);
      return 1;
    }
    writeCheckpointFile(out, r.checkpoint);
    io.out(`Checkpoint of entry ${r.checkpoint.seq} (hash ${r.checkpoint.hash}) signed with key ${r.checkpoint.keyId}: ${out}`);
    return 0;
  },
};

const publicKey: CliCommand = {
  name: 'audit public-key',
  summary: 'Print the public key that checks audit checkpoints (PEM), for auditors who verify without the private key.',
  async run(ctx, _input, io) {
    io.out(publicKeyPem(ctx.secrets.auditSigning.publicKey).trimEnd());
  },
};

const exportCommand: CliCommand = {
  name: 'audit export',
  summary: 'Write the audit entries of a period (Japan time, both days included) to a CSV or JSON Lines file.',
  options: {
    from: { description: 'First day, YYYY-MM-DD', required: true },
    to: { description: 'Last day, YYYY-MM-DD', required: true },
    out: { description: 'File to write', required: true },
    format: { description: 'csv (default; UTF-8 with BOM) or jsonl', choices: ['csv', 'jsonl'] },
  },
  async run(ctx, { options }, io) {
    const from = options.from as string;
    const to = options.to as string;
    if (!isRealDay(from) || !isRealDay(to)) throw new CliError('--from and --to must be days written YYYY-MM-DD.');
    if (from > to) throw new CliError('--from must not be after --to.');
    const format = (options.format ?? 'csv') as string;
    if (format !== 'csv' && format !== 'jsonl') throw new CliError('--format must be csv or jsonl.');
    const rows = await exportToFile(ctx, options.out as string, { from, to }, format);
    io.out(`Exported ${rows} audit entries (${from} to ${to}) to ${options.out as string}.`);
    return 0;
  },
};

async function exportToFile(ctx: AppContext, file: string, filter: { from: string; to: string }, format: ExportFormat) {
  let rows = 0;
  const counted = (async function* () {
    for await (const batch of auditEntriesForExport(ctx.db, filter, 'all')) {
      rows += batch.length;
      yield batch;
    }
  })();
  const fd = fs.openSync(file, 'w', 0o600);
  try {
    for await (const chunk of exportChunks(counted, format)) fs.writeSync(fd, chunk);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  // Exporting the log is itself an audited act.
  await ctx.db.transaction((tx) =>
    recordAudit(
      tx,
      { actor: { type: 'system', label: 'cli' }, action: 'audit.export', detail: { ...filter, format, rows, via: 'cli' } },
      ctx.clock.now(),
    ),
  );
  return rows;
}

export const auditCommands: CliCommand[] = [verify, checkpoint, publicKey, exportCommand];
