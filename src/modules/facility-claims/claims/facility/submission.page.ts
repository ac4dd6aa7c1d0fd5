/**
 * `/facility/submissions/:id` — one version of a form: status, version, amount, history with the city's
 * comments, the way to its form screen, withdrawal while it is submitted, and the printed form (PDF,
 * served by the review part) once approved. Another facility's submission is 404.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { jstIso } from '../../../../platform/japan-time.js';
import { dataTable, linkButton, postButtonForm, summaryList } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { facilityAuditContext } from '../../shared/facility-session.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { claimsMessages } from '../claims.messages.js';
import { doneQuery } from '../claims.schemas.js';
import { getSubmission } from '../read-submission.js';
import { withdrawSubmission } from '../withdraw-submission.js';
import { checksPanel, claimsPage, flashOf, formUrl, monthLabel, yen } from './claim.view.js';
import { formPeriod } from '../period.js';

const params = z.object({ id: z.uuid() });

const when = (d: Date) => jstIso(d).slice(0, 16).replace('T', ' ');

export function registerSubmissionPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility/submissions/:id',
    summary: 'One submission of the facility: status, version, history with the city comments, print when approved',
    auth: 'facility',
    params,
    query: doneQuery,
    async handler({ req, lang, actor, params: p, query, csrf }) {
      const t = claimsMessages.in(lang);
      const v = await getSubmission(ctx, actor, facilityAuditContext(req, actor), p.id);
      const r = v.row;
      const period = r.form === 'monthly-claim' ? monthLabel(lang, r.period) : t('fiscalYear', { year: r.period });
      const title = t('submissionTitle', { form: codeLabel('form', r.form, lang), period, version: r.version });
      const fy = formPeriod(r.form, r.period)?.fiscalYear ?? Number(r.period.slice(0, 4));
      return claimsPage(req, actor, {
        title,
        facilityName: v.content.facility.name,
        main: html`${flashOf(lang, query.done)}
<h1>${title}</h1>
${summaryList({
  items: [
    { term: t('statusNow'), value: codeLabel('status', r.status, lang), change: { href: formUrl(r.form, r.period), label: t('openForm') } },
    { term: t('col.version'), value: t('versionLabel', { version: r.version }) },
    ...(r.submittedAt ? [{ term: t('submittedAt'), value: when(new Date(r.submittedAt)) }] : []),
    ...(r.summary.totalAmount !== undefined ? [{ term: t('amount'), value: t('yen', { amount: yen(r.summary.totalAmount) }) }] : []),
  ],
})}
<div class="button-row">
${r.status === 'approved' || r.status === 'superseded' ? linkButton({ href: `/facility/submissions/${r.id}/pdf`, label: t('printPdf') }) : html``}
${
  r.status === 'submitted'
    ? postButtonForm({
        action: `/facility/submissions/${r.id}/withdraw`,
        csrf,
        label: t('withdraw'),
        kind: 'secondary',
        confirm: t('withdrawConfirm'),
      })
    : html``
}
</div>
${dataTable({
  caption: t('historyCaption'),
  lang,
  columns: [
    { key: 'at', label: t('col.at') },
    { key: 'action', label: t('col.action') },
    { key: 'comment', label: t('col.comment') },
  ],
  rows: v.events.map((e) => ({ at: when(e.at), action: t(`event.${e.action}`), comment: e.comment ?? '' })),
})}
${checksPanel(lang, v.content.checks, fy)}
<p><a href="/facility/claims?fiscalYear=${fy}">${t('backToList')}</a></p>`,
      });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/facility/submissions/:id/withdraw',
    summary: 'Withdraw a submitted version (back to draft)',
    auth: 'facility',
    params,
    async handler({ req, actor, params: p }) {
      await withdrawSubmission(ctx, actor, facilityAuditContext(req, actor), p.id);
      return redirect(`/facility/submissions/${p.id}?done=withdrawn`);
    },
  });
}
