/**
 * Sends one alert mail written by queue-alert-mails.ts to the security administrators
 * (SECURITY_ALERT_MAIL_TO) through the platform mailer, marks it sent and audits 'alert.notified', in the
 * job's transaction. A mail already marked sent is not sent again; the Message-ID carries the job id.
 */
import { z } from 'zod';
import { contextLocal, type AppContext } from '../../../platform/context.js';
import { defineJob } from '../../../platform/jobs.js';
import { createMailer, type Mailer } from '../../../platform/mailer.js';
import { recordAudit } from '../../audit/index.js';
import { ALERT_MAIL_QUEUE, isAlertMailEnabled } from './queue-alert-mails.js';

const mailers = contextLocal<Mailer>((ctx: AppContext) => createMailer(ctx.config));

export const alertMailJob = defineJob({
  queue: ALERT_MAIL_QUEUE,
  payload: z.object({ mailId: z.number().int().positive() }),
  maxAttempts: 6,
  async handler(ctx, tx, { mailId }, job) {
    const r = await tx.query<{ kind: string; alert_ids: (string | number)[]; subject: string; body: string; sent_at: Date | null }>(
      'SELECT kind, alert_ids, subject, body, sent_at FROM alert_mails WHERE id = $1 FOR UPDATE',
      [mailId],
    );
    const mail = r.rows[0];
    // sent already, or the addresses were removed (or this process is the internal zone's) since it was written
    if (!mail || mail.sent_at || !isAlertMailEnabled(ctx.config)) return;
    const to = ctx.config.operations.detection.alertMailTo;
    await mailers.get(ctx).send({ to: to.join(', '), subject: mail.subject, text: mail.body, messageId: `security-alert-${job.retryKey}` });
    const now = ctx.clock.now();
    await tx.query('UPDATE alert_mails SET sent_at = $2 WHERE id = $1', [mailId, now]);
    const alertIds = mail.alert_ids.map(Number);
    await recordAudit(
      tx,
      {
        actor: { type: 'system', id: null, label: 'detection' },
        action: 'alert.notified',
        recordType: 'alert',
        recordId: alertIds.length === 1 ? String(alertIds[0]) : null,
        detail: { mail: mail.kind, mailId, recipients: to.length, alerts: alertIds.length, alertIds: alertIds.slice(0, 100) },
      },
      now,
    );
  },
});
