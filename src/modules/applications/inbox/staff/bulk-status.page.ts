/**
 * POST /staff/applications/bulk-status — the inbox's bulk change: each checked application is checked
 * and changed on its own (bulkChangeStatus); the answer lists the outcome of every one.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../../http/errors.js';
import { definePage, pageErrorsOf } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { dataTable, errorSummary, notice } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { bulkChangeStatus, type BulkOutcome } from '../change-status.js';
import { inboxMessages, statusLabels } from '../inbox.messages.js';
import { bulkForm } from '../inbox.schemas.js';
import { inboxPage } from './inbox.view.js';

/** Only a link back into the inbox itself (never another site or page). */
const safeBack = (back: string): string => (/^\/staff\/applications(\?[^\s"<>]*)?$/.test(back) ? back : '/staff/applications');

function renderResult(req: Parameters<typeof inboxPage>[0] & { lang: Lang }, back: string, status: string, results: BulkOutcome[]) {
  const lang = req.lang;
  const t = inboxMessages.in(lang);
  const changed = results.filter((r) => r.outcome === 'changed').length;
  const main = html`<h1 class="page-title">${t('bulkResultTitle')}</h1>
${notice({
  kind: changed === results.length ? 'success' : 'warning',
  role: 'status',
  body: t('bulkResultSummary', { changed, failed: results.length - changed }),
})}
<p>${t('newStatus')}: ${statusLabels.t(lang, status as keyof typeof statusLabels.messages)}</p>
${dataTable({
  lang,
  caption: t('resultCaption'),
  columns: [
    { key: 'reference', label: t('reference') },
    { key: 'result', label: t('result') },
  ],
  rows: results.map((r) => ({
    reference: r.referenceNumber ? html`<a href="/staff/applications/${r.id}">${r.referenceNumber}</a>` : html`<code>${r.id}</code>`,
    result:
      r.outcome === 'changed'
        ? t('resultChanged')
        : r.outcome === 'not_found'
          ? t('resultNotFound')
          : html`${t('resultNotAllowed')}${r.message ? html` — ${r.message[lang]}` : ''}`,
  })),
})}
<p><a href="${safeBack(back)}">${t('backToList')}</a></p>`;
  return inboxPage(req, t('bulkResultTitle'), main);
}

export function registerBulkStatusPage(app: FastifyInstance, ctx: AppContext): void {
  const refused = (req: Parameters<typeof inboxPage>[0] & { lang: Lang }, back: string, errors: { field: string; message: string }[]) => {
    const t = inboxMessages.in(req.lang);
    const main = html`<h1 class="page-title">${t('bulkResultTitle')}</h1>
${errorSummary({ title: t('checkInput'), errors, fieldId: () => 'results-title' })}
<p id="results-title"><a href="${safeBack(back)}">${t('backToList')}</a></p>`;
    return { html: inboxPage(req, t('bulkResultTitle'), main), status: 422 };
  };
  definePage(app, {
    method: 'POST',
    url: '/staff/applications/bulk-status',
    summary: 'Change the status of the checked applications, each checked on its own; reports per application',
    auth: 'staff',
    body: bulkForm,
    invalid: ({ req, raw, errors }) => refused(req, raw.back ?? '', errors),
    async handler({ req, actor, body }) {
      if (!body.status) return refused(req, body.back, [{ field: 'status', message: inboxMessages.t(req.lang, 'statusRequired') }]);
      try {
        const results = await bulkChangeStatus(ctx, actor, body.ids, { status: body.status, comment: body.comment }, auditContextOf(req));
        return renderResult(req, body.back, body.status, results);
      } catch (err) {
        if (err instanceof AppError && err.status === 422) return refused(req, body.back, pageErrorsOf(err, req.lang));
        throw err;
      }
    },
  });
}
