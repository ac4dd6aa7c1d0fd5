/**
 * GET /staff/facility-claims/export?month=YYYY-MM&encoding=cp932|utf8 — the month's approved monthly
 * claims per facility as CSV (facility childcare division; audited). A missing or malformed month shows
 * the download form again with the message.
 */
import type { FastifyInstance } from 'fastify';
import { definePage, sent } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { jstMonth } from '../../../../platform/japan-time.js';
import { errorSummary } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { canFacility } from '../../facility.policy.js';
import { exportMonth } from '../export-month.js';
import { reviewMessages } from '../review.messages.js';
import { exportQuery, toCsvEncoding } from '../review.schemas.js';
import { exportForm } from './list.page.js';
import { reviewPage } from './review.view.js';

export function registerExportPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/facility-claims/export',
    summary: "Download the month's approved monthly claims per facility as CSV (CP932 or UTF-8; audited)",
    auth: 'staff',
    query: exportQuery,
    allow: (actor) => canFacility(actor, 'view', ctx.config),
    invalid: ({ req, raw, errors }) => {
      const t = reviewMessages.in(req.lang);
      const main = html`<h1 class="page-title">${t('exportHeading')}</h1>
${errorSummary({ title: t('checkInput'), errors, fieldId: (f) => `export-${f}` })}
${exportForm(req, { month: raw.month || jstMonth(ctx.clock.now()), encoding: raw.encoding, errors })}
<p><a href="/staff/facility-claims">${t('backToList')}</a></p>`;
      return reviewPage(req, t('exportHeading'), main);
    },
    async handler({ req, reply, actor, query }) {
      const out = await exportMonth(ctx, actor, query.month, toCsvEncoding(query.encoding), auditContextOf(req));
      reply
        .header('Content-Type', out.contentType)
        .header('Content-Disposition', `attachment; filename="${out.filename}"`)
        .header('X-Row-Count', String(out.count))
        .header('X-Unencodable-Characters', String(out.unencodable));
      await reply.send(out.body);
      return sent;
    },
  });
}
