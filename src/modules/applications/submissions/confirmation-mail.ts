/**
 * The confirmation e-mail: a job queued in the submission's transaction (a rolled-back submission
 * sends nothing), sent in the application's language. It carries the 整理番号, the procedure's title,
 * the status link with its secret token, what happens next and, when the fee is due now, how to pay —
 * never an answer. The token exists only as a hash in the database, so the job's payload carries it
 * encrypted; the Message-ID starts with the job id, so a retried job's duplicate is recognisable.
 */
import { z } from 'zod';
import type { AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import { defineJob, enqueue } from '../../../platform/jobs.js';
import type { Lang } from '../../../platform/i18n.js';
import { jstDate, jstTime } from '../../../platform/japan-time.js';
import { formatWareki } from '../../../web/components/index.js';
import type { ApplicationStatus } from '../application-status.js';
import type { ProcedureDefinition } from '../procedures/definition.js';
import { EMAIL_CONTEXT, JOB_TOKEN_CONTEXT } from './crypto-contexts.js';
import { mailMessages } from './mail.messages.js';
import { applicationMailers } from './mailer.js';
import { displayReference } from './reference-number.js';
import { findApplicationById, findProcedureVersion } from './submissions.repository.js';

export const CONFIRMATION_QUEUE = 'applications.confirmation';

export async function enqueueConfirmation(
  ctx: AppContext,
  tx: Queryable,
  a: { applicationId: string; accessToken: string; now: Date },
): Promise<void> {
  await enqueue(
    tx,
    CONFIRMATION_QUEUE,
    { applicationId: a.applicationId, tokenEnc: ctx.crypto.encrypt(a.accessToken, JOB_TOKEN_CONTEXT) },
    { runAt: a.now, dedupeKey: `confirmation:${a.applicationId}` },
  );
}

/** The status page of one application, with its secret (the link the citizen keeps). */
export function statusUrl(ctx: AppContext, referenceNumber: string, accessToken: string, lang: Lang): string {
  return `${ctx.config.publicBaseUrl}/applications/${referenceNumber}?t=${encodeURIComponent(accessToken)}${lang === 'en' ? '&lang=en' : ''}`;
}

export const titleOf = (def: Pick<ProcedureDefinition, 'title'>, lang: Lang) => (lang === 'en' && def.title.en) || def.title.ja;

/** 令和8年12月1日 10:05 (Japan time) — dates citizens read are written in 和暦 in Japanese. */
export function citizenDateTime(d: Date, lang: Lang): string {
  return `${formatWareki(jstDate(d), lang) ?? jstDate(d)} ${jstTime(d)}`;
}

export type ConfirmationContent = {
  lang: Lang;
  referenceNumber: string;
  title: string;
  submittedAt: Date;
  status: ApplicationStatus;
  feeAmount: number | null;
  feeTiming: 'on_submission' | 'after_acceptance' | null;
  statusUrl: string;
  unpaidExpiryHours: number;
};

export function confirmationText(c: ConfirmationContent): { subject: string; text: string } {
  const t = mailMessages.in(c.lang);
  const line = (label: string, value: string) => t('line', { label, value });
  const reference = displayReference(c.referenceNumber);
  const next =
    c.status === 'awaiting_payment'
      ? t('next.awaiting_payment', { hours: c.unpaidExpiryHours })
      : c.feeTiming === 'after_acceptance'
        ? t('next.after_acceptance')
        : t('next.received');
  const lines = [
    t('confirmation.lead'),
    '',
    line(t('reference'), reference),
    line(t('procedure'), c.title),
    line(t('submittedAt'), citizenDateTime(c.submittedAt, c.lang)),
    c.feeAmount ? line(t('fee'), t('yen', { amount: c.feeAmount.toLocaleString('ja-JP') })) : '',
    '',
    next,
    '',
    t('statusLink', { url: c.statusUrl }),
    '',
    t('footer'),
  ];
  return {
    subject: t('confirmation.subject', { title: c.title, reference }),
    text: lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n'),
  };
}

const payload = z.object({ applicationId: z.string().uuid(), tokenEnc: z.string().min(1) });

export const confirmationJob = defineJob({
  queue: CONFIRMATION_QUEUE,
  payload,
  maxAttempts: 8,
  async handler(ctx, tx, p, job) {
    const a = await findApplicationById(tx, p.applicationId);
    // erased or withdrawn before the mail went out: nothing to confirm
    if (!a?.emailEnc || a.status === 'withdrawn') return;
    const def = await findProcedureVersion(tx, a.procedureId, a.procedureVersion);
    if (!def) return;
    const token = ctx.crypto.decrypt(p.tokenEnc, JOB_TOKEN_CONTEXT);
    const { subject, text } = confirmationText({
      lang: a.lang,
      referenceNumber: a.referenceNumber,
      title: titleOf(def, a.lang),
      submittedAt: a.submittedAt,
      status: a.status,
      feeAmount: a.feeAmount,
      feeTiming: def.fee?.timing ?? null,
      statusUrl: statusUrl(ctx, a.referenceNumber, token, a.lang),
      unpaidExpiryHours: ctx.config.payments.unpaidExpiryHours,
    });
    await applicationMailers.get(ctx).send({
      to: ctx.crypto.decrypt(a.emailEnc, EMAIL_CONTEXT),
      subject,
      text,
      messageId: `application-confirmation-${job.retryKey}@madoguchi`,
    });
  },
});
