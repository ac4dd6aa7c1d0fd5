/** The save-and-resume e-mail: a job queued by saveDraft; the link holds the draft's secret token. */
import { z } from 'zod';
import { defineJob } from '../../../platform/jobs.js';
import { titleOf, citizenDateTime } from './confirmation-mail.js';
import { DRAFT_EMAIL_CONTEXT, JOB_TOKEN_CONTEXT } from './crypto-contexts.js';
import { RESUME_QUEUE } from './drafts.js';
import { mailMessages } from './mail.messages.js';
import { applicationMailers } from './mailer.js';
import { findProcedureVersion } from './submissions.repository.js';

export const resumeMailJob = defineJob({
  queue: RESUME_QUEUE,
  payload: z.object({ draftId: z.string().uuid(), tokenEnc: z.string().min(1) }),
  maxAttempts: 8,
  async handler(ctx, tx, p, job) {
    const r = await tx.query<{ procedure_id: string; procedure_version: number; email_enc: string; lang: string; expires_at: Date }>(
      'SELECT procedure_id, procedure_version, email_enc, lang, expires_at FROM app_drafts WHERE id = $1 AND expires_at > $2',
      [p.draftId, ctx.clock.now()],
    );
    const d = r.rows[0];
    if (!d) return; // submitted or expired in the meantime
    const email = ctx.crypto.decrypt(d.email_enc, DRAFT_EMAIL_CONTEXT);
    const def = await findProcedureVersion(tx, d.procedure_id, Number(d.procedure_version));
    if (!email || !def) return;
    const lang = d.lang === 'en' ? 'en' : 'ja';
    const t = mailMessages.in(lang);
    const token = ctx.crypto.decrypt(p.tokenEnc, JOB_TOKEN_CONTEXT);
    const url = `${ctx.config.publicBaseUrl}/apply/resume/${encodeURIComponent(token)}${lang === 'en' ? '?lang=en' : ''}`;
    const title = titleOf(def, lang);
    const text = [
      t('resume.lead'),
      '',
      t('line', { label: t('procedure'), value: title }),
      '',
      t('resume.link', { url }),
      '',
      t('resume.expires', { date: citizenDateTime(new Date(d.expires_at), lang) }),
      '',
      t('footer'),
    ].join('\n');
    await applicationMailers.get(ctx).send({
      to: email,
      subject: t('resume.subject', { title }),
      text,
      messageId: `application-resume-${job.retryKey}@madoguchi`,
    });
  },
});
