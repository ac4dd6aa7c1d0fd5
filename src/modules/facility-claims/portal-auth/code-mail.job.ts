/**
 * The e-mail with the one-time code: a job enqueued in the log-in's transaction, its payload carrying the
 * code encrypted (bound to the challenge id), sent through the platform mailer (SMTP_URL, or the SMTP
 * stand-in the demo mailbox shows). A job rather than a send inside the request because: the portal-only
 * process in the DMZ needs no outbound SMTP (the worker on the internal segment sends); a slow or failing
 * mail server neither holds the log-in request nor loses the code (retried); and a rolled-back log-in
 * sends nothing. The job sends only while the challenge is still open and unexpired, so the mail of a
 * superseded log-in is not sent late. The Message-ID carries the job id (a retried job is recognisable).
 */
import { z } from 'zod';
import { contextLocal, type AppContext } from '../../../platform/context.js';
import { formatJstDateTime } from '../../../platform/japan-time.js';
import { defineJob } from '../../../platform/jobs.js';
import { createMailer, type Mailer } from '../../../platform/mailer.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { portalAuthMessages as m } from './portal-auth.messages.js';

export const CODE_MAIL_QUEUE = 'facility.login-code-mail';

/** Encryption context of the code in the job's payload: bound to its challenge. */
export const codeMailContext = (challengeId: string) => `fc_otp_challenges.mail_code:${challengeId}`;

const mailers = contextLocal<Mailer>((ctx: AppContext) => createMailer(ctx.config));

/** Subject and body: Japanese first, then English; the code, its validity, the facility, what to do if it was not you. */
export function codeMail(o: { facilityName: string; code: string; expiresAt: Date }): { subject: string; text: string } {
  const part = (lang: 'ja' | 'en') =>
    [
      m.t(lang, 'mail.body', { facility: o.facilityName, code: o.code, until: formatJstDateTime(o.expiresAt, lang) }),
      '',
      m.t(lang, 'mail.footer'),
    ].join('\n');
  return {
    subject: `${m.t('ja', 'mail.subject')} / ${m.t('en', 'mail.subject')}`,
    text: `${part('ja')}\n\n----------------------------------------\n\n${part('en')}\n`,
  };
}

export const codeMailJob = defineJob({
  queue: CODE_MAIL_QUEUE,
  payload: z.object({ challengeId: z.string().min(20).max(64), codeEnc: z.string().min(1) }),
  maxAttempts: 4,
  async handler(ctx, tx, p, job) {
    const r = await tx.query<{ status: string; expires_at: Date; email_enc: string; facility_name: string }>(
      `SELECT c.status, c.expires_at, u.email_enc, f.name AS facility_name
         FROM fc_otp_challenges c JOIN fc_users u ON u.id = c.user_id JOIN fc_facilities f ON f.id = u.facility_id
        WHERE c.id = $1`,
      [p.challengeId],
    );
    const c = r.rows[0];
    const expiresAt = c ? new Date(c.expires_at) : undefined;
    // superseded by a newer log-in, already dead or expired: a late code would only confuse
    if (!c || !expiresAt || c.status !== 'open' || expiresAt.getTime() <= ctx.clock.now().getTime()) return;
    const { subject, text } = codeMail({
      facilityName: c.facility_name,
      code: ctx.crypto.decrypt(p.codeEnc, codeMailContext(p.challengeId)),
      expiresAt,
    });
    await mailers.get(ctx).send({
      to: ctx.crypto.decrypt(c.email_enc, FC_CRYPTO.userEmail),
      subject,
      text,
      messageId: `facility-login-code-${job.retryKey}`,
    });
  },
});
