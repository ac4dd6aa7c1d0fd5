/**
 * `/applications/:referenceNumber?t=<secret>` — the applicant's page of one application (the mailed
 * link; right after submitting with done=1: the 整理番号 shown large). Status with its history and the
 * department's comments, the payment and 支払いへ進む while the fee is due, 申請控え (PDF), the
 * correction form naming only the fields staff asked for, and 取り下げ. Opened with the wrong number or
 * secret: the one 404 (throttled). No popup, no new window: works inside LINE's browser.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstDate, jstTime } from '../../../platform/japan-time.js';
import {
  button,
  csrfInput,
  dataTable,
  errorSummary,
  formatWareki,
  linkButton,
  notice,
  postButtonForm,
  summaryList,
  type FieldMessage,
} from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { allFields } from '../procedures/definition.js';
import { citizenDateTime } from '../submissions/confirmation-mail.js';
import { readApplication, type ApplicationView } from '../submissions/read-application.js';
import { displayReference } from '../submissions/reference-number.js';
import { applyMessages } from './apply.messages.js';
import { referenceParams, statusQuery } from './apply.schemas.js';
import { answerItems, applyPage, fieldControl, loc, yen, type FormValues } from './apply.view.js';

export type StatusExtras = { done?: boolean; flash?: string; problem?: string; correctionErrors?: FieldMessage[]; typed?: FormValues };

export function renderStatus(req: FastifyRequest, v: ApplicationView, token: string, csrf: string, o: StatusExtras = {}) {
  const lang = req.lang;
  const t = applyMessages.in(lang);
  const def = v.definition;
  const ref = v.referenceNumber;
  const errs = o.correctionErrors ?? [];
  const payDue = v.status === 'awaiting_payment' && v.payment?.status === 'pending';
  const payment = v.payment ? t(`payment.${v.payment.status}` as 'payment.pending', { amount: yen(v.payment.amount) }) : null;
  const correctable = allFields(def).filter((f) => v.correctionFields.includes(f.key) && f.type !== 'file');
  const labels = Object.fromEntries(correctable.map((f) => [f.key, loc(f.label, lang)]));
  const main = html`${errorSummary({ title: t('errorTitle'), errors: errs, labels })}
<h1>${o.done ? t('doneTitle') : t('statusTitle')}</h1>
${o.flash ? notice({ kind: 'success', body: o.flash }) : ''}
${o.problem ? notice({ kind: 'error', title: t('notAllowed'), body: o.problem }) : ''}
${
  o.done
    ? html`<div class="card reference-panel"><p>${t('referenceLabel')}</p><p class="reference-number"><strong>${displayReference(ref)}</strong></p></div>
<p>${t('doneKeep')}</p><p>${t('doneBookmark')}</p>`
    : ''
}
${summaryList({
  items: [
    { term: t('referenceLabel'), value: displayReference(ref) },
    { term: t('procedure'), value: loc(def.title, lang) },
    { term: t('submittedAt'), value: citizenDateTime(v.submittedAt, lang) },
    { term: t('status'), value: t(`status.${v.status}`) },
    ...(payment ? [{ term: t('payment'), value: payment }] : []),
  ],
})}
${
  payDue && v.payment
    ? html`${notice({ kind: 'warning', body: t('payDue', { amount: yen(v.payment.amount) }) })}
<form method="post" action="/applications/${ref}/pay">${csrfInput(csrf)}<input type="hidden" name="token" value="${token}">${button({ label: t('payNow') })}</form>`
    : ''
}
<p>${linkButton({ href: `/applications/${ref}/receipt.pdf?t=${encodeURIComponent(token)}`, label: t('receiptPdf'), kind: 'secondary' })}</p>
${
  correctable.length
    ? html`<section class="card"><h2>${t('correctionTitle')}</h2><p>${t('correctionIntro')}</p>
<form method="post" action="/applications/${ref}/correction" novalidate>
  ${csrfInput(csrf)}<input type="hidden" name="t" value="${token}">
  ${correctable.map((f) => fieldControl(f, o.typed?.[f.key] ?? v.answers[f.key], errs, lang))}
  ${button({ label: t('resubmit') })}
</form></section>`
    : ''
}
<h2>${t('history')}</h2>
${dataTable({
  caption: t('history'),
  hideCaption: true,
  lang,
  columns: [
    { key: 'when', label: t('historyWhen') },
    { key: 'status', label: t('historyStatus') },
    { key: 'comment', label: t('historyComment') },
  ],
  rows: v.history.map((h) => ({
    when: `${formatWareki(jstDate(h.at), lang) ?? jstDate(h.at)} ${jstTime(h.at)}`,
    status: t(`status.${h.status}`),
    comment: h.comment ?? '',
  })),
})}
<h2>${t('answers')}</h2>
${summaryList({ items: answerItems(def, v.answers, v.files, lang) })}
${
  v.canWithdraw
    ? postButtonForm({
        action: `/applications/${ref}/withdraw`,
        csrf,
        label: t('withdraw'),
        kind: 'danger',
        hidden: { t: token },
        confirm: t('withdrawConfirm'),
        confirmLabel: t('withdrawYes'),
      })
    : ''
}`;
  return applyPage(req, o.done ? t('doneTitle') : t('statusTitle'), main, { hasErrors: errs.length > 0 });
}

export function registerStatusPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/applications/:referenceNumber',
    summary:
      'The applicant’s page of one application (reference number + secret): status, history, payment, receipt, correction, withdrawal',
    auth: 'public',
    params: referenceParams,
    query: statusQuery,
    async handler({ req, reply, params, query, csrf }) {
      const v = await readApplication(ctx, params.referenceNumber, query.t, { clientIp: req.ip });
      // the secret is in this page's address: never cache it, never send it on
      reply.header('Referrer-Policy', 'no-referrer');
      return renderStatus(req, v, query.t, csrf, { done: query.done === '1' });
    },
  });
}
