/**
 * Periodic checkpoint: verifies the chain since the latest signed checkpoint and, if it holds,
 * signs the head into audit_checkpoints and (AUDIT_CHECKPOINT_DIR) a file. A broken chain is not
 * signed: the failure is kept as a verification result and raised as a security alert.
 */
import { z } from 'zod';
import { defineJob } from '../../platform/jobs.js';
import { recordSecurityEvent } from '../security/index.js';
import { writeVerifiedCheckpoint } from './run-verification.js';

export const auditCheckpointJob = defineJob({
  queue: 'audit.checkpoint',
  payload: z.object({}).passthrough(),
  everySeconds: (config) => config.auditCheckpointIntervalSeconds,
  async handler(ctx, tx) {
    if (ctx.config.auditCheckpointIntervalSeconds <= 0) return; // disabled since it was scheduled
    const r = await writeVerifiedCheckpoint(ctx, tx, { trigger: 'job', dir: ctx.config.auditCheckpointDir });
    if (r.isOk) {
      ctx.log.info({ seq: r.checkpoint.seq, file: r.file }, 'audit checkpoint signed');
      return;
    }
    const p = r.verification.problem;
    ctx.log.error({ seq: p?.seq, problem: p?.kind }, 'audit chain verification failed; no checkpoint signed');
    await recordSecurityEvent(tx, {
      kind: 'audit.chain_broken',
      severity: 'alert',
      subject: String(p?.seq ?? ''),
      detail: { problem: p?.kind, message: p?.message },
    }, ctx.clock.now());
  },
});
