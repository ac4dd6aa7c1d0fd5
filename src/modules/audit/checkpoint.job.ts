/**
 * Periodic checkpoint (every AUDIT_CHECKPOINT_INTERVAL_SECONDS, 5 minutes by default): when entries
 * were added since the newest checkpoint, verifies the chain since the latest signed checkpoint and
 * against the newest checkpoint file and, if it holds, signs the head into audit_checkpoints, a file
 * in AUDIT_CHECKPOINT_DIR and (AUDIT_CHECKPOINT_MAIL_TO) a mail to the auditors. A broken chain is not
 * signed: the failure is kept as a verification result and raised as a security alert.
 */
import { z } from 'zod';
import { defineJob, enqueue } from '../../platform/jobs.js';
import { createMailer } from '../../platform/mailer.js';
import { LANGS } from '../../platform/i18n.js';
import { recordSecurityEvent } from '../security/index.js';
import { auditMessages } from './audit.messages.js';
import { checkpointFileName, checkpointFileText, checkpointSchema } from './audit-checkpoint.js';
import { writeVerifiedCheckpoint } from './run-verification.js';

export const auditCheckpointMailJob = defineJob({
  queue: 'audit.checkpoint-mail',
  payload: z.object({ checkpoint: checkpointSchema }),
  async handler(ctx, _tx, { checkpoint: cp }, job) {
    const to = ctx.config.auditCheckpointMailTo;
    if (!to.length) return; // the address was removed since the checkpoint was taken
    await createMailer(ctx.config).send({
      to: to.join(', '),
      subject: `[madoguchi] ${LANGS.map((lang) => auditMessages.t(lang, 'checkpointMailSubject', { seq: cp.seq })).join(' / ')}`,
      text: LANGS.map((lang) =>
        auditMessages.t(lang, 'checkpointMailBody', { databaseId: cp.databaseId, createdAt: cp.createdAt, seq: cp.seq, hash: cp.hash }),
      ).join('\n\n'),
      attachments: [{ filename: checkpointFileName(cp), content: Buffer.from(checkpointFileText(cp)), contentType: 'application/json' }],
      messageId: `audit-checkpoint-${job.retryKey}`,
    });
  },
});

export const auditCheckpointJob = defineJob({
  queue: 'audit.checkpoint',
  payload: z.object({}).passthrough(),
  everySeconds: (config) => config.auditCheckpointIntervalSeconds,
  async handler(ctx, tx) {
    if (ctx.config.auditCheckpointIntervalSeconds <= 0) return; // disabled since it was scheduled
    const r = await writeVerifiedCheckpoint(ctx, tx, { trigger: 'job', dir: ctx.config.auditCheckpointDir, onlyIfNew: true });
    if (r.isOk && 'unchanged' in r) return; // no entry since the newest checkpoint
    if (r.isOk) {
      ctx.log.info({ seq: r.checkpoint.seq, file: r.file }, 'audit checkpoint signed');
      if (ctx.config.auditCheckpointMailTo.length)
        await enqueue(
          tx,
          auditCheckpointMailJob.queue,
          { checkpoint: r.checkpoint },
          {
            runAt: ctx.clock.now(),
            dedupeKey: `${r.checkpoint.seq}:${r.checkpoint.createdAt}`,
          },
        );
      return;
    }
    const p = r.verification.problem;
    ctx.log.error({ seq: p?.seq, problem: p?.kind }, 'audit chain verification failed; no checkpoint signed');
    await recordSecurityEvent(
      tx,
      {
        kind: 'audit.chain_broken',
        severity: 'alert',
        subject: String(p?.seq ?? ''),
        detail: { problem: p?.kind, message: p?.message },
      },
      ctx.clock.now(),
    );
  },
});
