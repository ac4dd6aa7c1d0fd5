/**
 * Runs a verification and keeps its result (audit_verifications), so staff can see whether the
 * chain verified and when; and writes verified, signed checkpoints (the periodic job, the CLI).
 */
import path from 'node:path';
import type { AppContext } from '../../platform/context.js';
import type { Queryable } from '../../platform/db.js';
import {
  auditDatabaseId,
  checkpointFileName,
  checkpointFromRow,
  isCheckpointSignatureValid,
  newestCheckpointFile,
  storeCheckpointOfHead,
  writeCheckpointFile,
  type SignedCheckpoint,
} from './audit-checkpoint.js';
import { verifyAuditChain, type VerifyOptions, type VerifyResult } from './verify-audit-chain.js';

export type VerificationTrigger = 'cli' | 'staff' | 'job';

export type VerificationRecord = {
  id: number;
  startedAt: Date;
  finishedAt: Date;
  trigger: VerificationTrigger;
  isOk: boolean;
  entries: number;
  headSeq: number;
  failedSeq: number | null;
  problem: string | null;
  message: string | null;
};

/**
 * The newest checkpoint file in AUDIT_CHECKPOINT_DIR for this database and the configured key: the
 * anchor outside the database that every verification compares with. Undefined without one.
 */
export async function newestExternalCheckpoint(
  ctx: AppContext,
  db: Queryable,
  dir: string | undefined = ctx.config.auditCheckpointDir,
): Promise<{ file: string; checkpoint: SignedCheckpoint } | undefined> {
  if (!dir) return undefined;
  return newestCheckpointFile(dir, await auditDatabaseId(db), ctx.secrets.auditSigning.id);
}

/**
 * Verifies with the configured key (stored checkpoints included) and records the result. Without
 * explicit `checkpoints`, the newest checkpoint file in AUDIT_CHECKPOINT_DIR is compared too, so a
 * deleted tail or a rewrite since it is reported.
 */
export async function runAuditVerification(
  ctx: AppContext,
  db: Queryable,
  run: { trigger: VerificationTrigger; requestedBy?: string | null } & VerifyOptions,
): Promise<VerifyResult> {
  const startedAt = ctx.clock.now();
  const { trigger, requestedBy, ...options } = run;
  const external = options.checkpoints ? undefined : await newestExternalCheckpoint(ctx, db);
  const result = await verifyAuditChain(db, {
    publicKey: ctx.secrets.auditSigning.publicKey,
    publicKeyId: ctx.secrets.auditSigning.id,
    ...options,
    checkpoints: options.checkpoints ?? (external ? [external.checkpoint] : undefined),
  });
  await db.query(
    `INSERT INTO audit_verifications (started_at, finished_at, trigger, requested_by, is_ok, entries, head_seq, failed_seq, problem, message)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      startedAt,
      ctx.clock.now(),
      trigger,
      requestedBy ?? null,
      result.isOk,
      result.entries,
      result.lastSeq,
      result.problem?.seq ?? null,
      result.problem?.kind ?? null,
      result.problem?.message ?? null,
    ],
  );
  return result;
}

export async function latestVerification(db: Queryable): Promise<VerificationRecord | undefined> {
  const r = await db.query<{
    id: number;
    started_at: Date;
    finished_at: Date;
    trigger: VerificationTrigger;
    is_ok: boolean;
    entries: number;
    head_seq: number;
    failed_seq: number | null;
    problem: string | null;
    message: string | null;
  }>('SELECT * FROM audit_verifications ORDER BY finished_at DESC, id DESC LIMIT 1');
  const v = r.rows[0];
  return v
    ? {
        id: v.id,
        startedAt: v.started_at,
        finishedAt: v.finished_at,
        trigger: v.trigger,
        isOk: v.is_ok,
        entries: v.entries,
        headSeq: v.head_seq,
        failedSeq: v.failed_seq,
        problem: v.problem,
        message: v.message,
      }
    : undefined;
}

/**
 * The latest stored checkpoint signed by the configured key whose signature holds: verification
 * can start there instead of at genesis (its signed hash commits to every earlier entry).
 */
async function latestTrustedCheckpoint(ctx: AppContext, db: Queryable): Promise<SignedCheckpoint | undefined> {
  const databaseId = await auditDatabaseId(db);
  const r = await db.query<{ seq: number; hash: string; created_at: Date; key_id: string; signature: string }>(
    `SELECT seq, hash, created_at, key_id, signature FROM audit_checkpoints WHERE key_id = $1
     ORDER BY seq DESC, created_at DESC LIMIT 20`,
    [ctx.secrets.auditSigning.id],
  );
  for (const row of r.rows) {
    const cp = checkpointFromRow(databaseId, row);
    if (isCheckpointSignatureValid(cp, ctx.secrets.auditSigning.publicKey)) return cp;
  }
  return undefined;
}

export type CheckpointOutcome =
  | { isOk: true; checkpoint: SignedCheckpoint; verification: VerifyResult; file?: string }
  | { isOk: true; unchanged: true; checkpoint: SignedCheckpoint; file?: string }
  | { isOk: false; verification: VerifyResult };

/**
 * Verifies the chain (from the latest trusted checkpoint, or in full, and always against the newest
 * checkpoint file) and, only if it holds, signs and stores a checkpoint of the head. With `dir`, also
 * writes the checkpoint file there. With `onlyIfNew`, nothing is done when the newest checkpoint
 * (the file in `dir`, else the stored one) already covers the head: no entry was added since.
 */
export async function writeVerifiedCheckpoint(
  ctx: AppContext,
  db: Queryable,
  options: { trigger: VerificationTrigger; full?: boolean; dir?: string; onlyIfNew?: boolean },
): Promise<CheckpointOutcome> {
  const trusted = await latestTrustedCheckpoint(ctx, db);
  if (options.onlyIfNew) {
    const head = (await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_chain_head WHERE id')).rows[0];
    const newest = options.dir ? (await newestExternalCheckpoint(ctx, db, options.dir))?.checkpoint : trusted;
    if (head && newest && newest.seq === head.seq && newest.hash === head.hash) return { isOk: true, unchanged: true, checkpoint: newest };
  }
  const since = options.full ? undefined : trusted;
  const verification = await runAuditVerification(ctx, db, {
    trigger: options.trigger,
    since: since ? { seq: since.seq, hash: since.hash } : undefined,
  });
  if (!verification.isOk) return { isOk: false, verification };
  const checkpoint = await storeCheckpointOfHead(db, ctx.secrets.auditSigning, ctx.clock.now(), {
    seq: verification.lastSeq,
    hash: verification.lastHash,
  });
  let file: string | undefined;
  if (options.dir) {
    file = path.join(options.dir, checkpointFileName(checkpoint));
    writeCheckpointFile(file, checkpoint);
  }
  return { isOk: true, checkpoint, verification, file };
}

export { checkpointFileName };
