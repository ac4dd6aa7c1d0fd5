/**
 * Tells the citizen that their application changed status: an e-mail in the application's language to
 * the contact address given with it (the status, staff's comment, the fields to correct, the amount
 * due) and, when the application came through LINE, a LINE push too. The push carries no comment:
 * staff may write personal facts there, and the 2021 government guideline keeps personal data off
 * LINE; it says where to read the details. Neither carries the status page's secret token: the
 * citizen has the secret link from the confirmation e-mail.
 *
 * A job enqueued in the status change's transaction (a rolled-back change sends nothing); its id is the
 * retry key of both channels (Message-ID reference, X-Line-Retry-Key), so a retried job is not a
 * second LINE message. Enqueued by changeStatus, and by the payments part for 'paid'.
 */
import { z } from 'zod';
import { contextLocal, type AppContext } from '../../../platform/context.js';
import type { Queryable } from '../../../platform/db.js';
import type { Lang } from '../../../platform/i18n.js';
import { defineJob, enqueue, type JobRecord } from '../../../platform/jobs.js';
import { createMailer, type Mailer } from '../../../platform/mailer.js';
import { pushLineMessages } from '../../line/index.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../application-status.js';
import { allFields, type ProcedureDefinition } from '../procedures/definition.js';
import { statusLabels } from './inbox.messages.js';
import { CONTEXTS, emailOf, findApplication, loadDefinition } from './inbox.repository.js';
import { noticeMessages } from './notices.messages.js';

export const STATUS_NOTICE_QUEUE = 'applications.status-notice';

const payload = z.object({
  applicationId: z.uuid(),
  status: z.enum(APPLICATION_STATUSES),
  historyId: z.number().int().optional(),
});
type Payload = z.output<typeof payload>;

/** Enqueues the notice in the caller's transaction; one per history row. */
export async function enqueueStatusNotice(tx: Queryable, p: Payload, now: Date): Promise<void> {
  await enqueue(tx, STATUS_NOTICE_QUEUE, p, {
    runAt: now,
    dedupeKey: p.historyId !== undefined ? `history:${p.historyId}` : `status:${p.applicationId}:${p.status}:${now.toISOString()}`,
  });
}

export type StatusNoticeContent = {
  lang: Lang;
  referenceNumber: string;
  procedureTitle: string;
  status: ApplicationStatus;
  comment: string | null;
  /** Labels of the fields to correct (correction_requested). */
  fieldLabels: string[];
  /** Yen due (awaiting_payment). */
  amountDue: number | null;
  statusUrl: string;
};

const localised = (t: { ja: string; en?: string }, lang: Lang) => (lang === 'en' && t.en) || t.ja;

export function statusNoticeContent(
  ctx: Pick<AppContext, 'config'>,
  def: ProcedureDefinition,
  app: { referenceNumber: string; lang: Lang; feeAmount: number | null },
  change: { status: ApplicationStatus; comment: string | null; correctionFields: string[] },
): StatusNoticeContent {
  const fields = allFields(def);
  return {
    lang: app.lang,
    referenceNumber: app.referenceNumber,
    procedureTitle: localised(def.title, app.lang),
    status: change.status,
    comment: change.comment,
    fieldLabels: change.correctionFields.map((k) => {
      const f = fields.find((x) => x.key === k);
      return f ? localised(f.label, app.lang) : k;
    }),
    amountDue: change.status === 'awaiting_payment' ? app.feeAmount : null,
    statusUrl: `${ctx.config.publicBaseUrl}/applications/${app.referenceNumber}${app.lang === 'en' ? '?lang=en' : ''}`,
  };
}

const yen = (lang: Lang, amount: number) =>
  noticeMessages.t(lang, 'yen', { amount: amount.toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP') });

export function statusNoticeMail(c: StatusNoticeContent): { subject: string; text: string } {
  const t = noticeMessages.in(c.lang);
  const line = (label: string, value: string) => t('line', { label, value });
  const sep = c.lang === 'en' ? ', ' : '、';
  const lines = [
    t(`lead.${c.status}`),
    '',
    line(t('procedure'), c.procedureTitle),
    line(t('reference'), c.referenceNumber),
    line(t('status'), statusLabels.t(c.lang, c.status)),
    c.fieldLabels.length ? line(t('fields'), c.fieldLabels.join(sep)) : '',
    c.amountDue !== null ? line(t('amount'), yen(c.lang, c.amountDue)) : '',
    c.comment ? `\n${t('comment')}:\n${c.comment}\n` : '',
    c.amountDue !== null ? t('payHow') : '',
    '',
    t('statusPage', { url: c.statusUrl }),
    t('statusPageHint'),
    '',
    t('footer'),
  ];
  const text = lines.filter((l, i) => l !== '' || lines[i - 1] !== '').join('\n');
  return { subject: t('subject', { reference: c.referenceNumber }), text };
}

/** The LINE text: status, fields to correct, where to read more; never staff's comment. */
export function statusNoticeLineText(c: StatusNoticeContent): string {
  const t = noticeMessages.in(c.lang);
  const line = (label: string, value: string) => t('line', { label, value });
  return [
    t(`lead.${c.status}`),
    line(t('procedure'), c.procedureTitle),
    line(t('reference'), c.referenceNumber),
    line(t('status'), statusLabels.t(c.lang, c.status)),
    ...(c.fieldLabels.length ? [line(t('fields'), c.fieldLabels.join(c.lang === 'en' ? ', ' : '、'))] : []),
    ...(c.amountDue !== null ? [line(t('amount'), yen(c.lang, c.amountDue))] : []),
    t('lineDetail'),
    c.statusUrl,
  ].join('\n');
}

const mailers = contextLocal<Mailer>((ctx) => createMailer(ctx.config));

async function sendStatusNotice(ctx: AppContext, tx: Queryable, p: Payload, job: JobRecord): Promise<void> {
  const app = await findApplication(tx, p.applicationId);
  // erased (retention) or never there: nothing to tell, and no address to tell it to
  if (!app?.answersEnc) return;
  const def = await loadDefinition(tx, app.procedureId, app.procedureVersion);
  let comment: string | null = null;
  let correctionFields = p.status === 'correction_requested' ? app.correctionFields : [];
  if (p.historyId !== undefined) {
    const h = await tx.query<{ comment_enc: string | null; correction_fields: string[] | null }>(
      'SELECT comment_enc, correction_fields FROM app_status_history WHERE id = $1 AND application_id = $2',
      [p.historyId, app.id],
    );
    const row = h.rows[0];
    if (row?.comment_enc) comment = ctx.crypto.decrypt(row.comment_enc, CONTEXTS.comment);
    if (row) correctionFields = row.correction_fields ?? [];
  }
  const content = statusNoticeContent(ctx, def, app, { status: p.status, comment, correctionFields });
  if (app.lineUserId && ctx.config.line.channelAccessToken)
    await pushLineMessages(ctx, tx, {
      lineUserId: app.lineUserId,
      messages: [{ type: 'text', text: statusNoticeLineText(content) }],
      retryKey: `application-notice-job-${job.retryKey}`,
      purpose: `application:${p.status}`,
    });
  // e-mail last: a failure here retries the job, and the LINE push above is not repeated (retry key)
  const to = emailOf(ctx, app);
  if (!to) return;
  const { subject, text } = statusNoticeMail(content);
  await mailers.get(ctx).send({ to, subject, text, messageId: `application-notice-${job.retryKey}` });
}

export const statusNoticeJob = defineJob({ queue: STATUS_NOTICE_QUEUE, payload, handler: sendStatusNotice, maxAttempts: 8 });
