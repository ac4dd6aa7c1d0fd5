/**
 * /staff/payments — payment statistics for a period (Japan time; this month so far by default): totals,
 * by day, method, procedure and revenue account. Payment administrators only (403); the read is
 * audited by readPaymentStats.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import { fieldErrorsOf } from '../../../../http/validation.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { jstDate } from '../../../../platform/japan-time.js';
import { dataTable, dateField, errorSummary, summaryList, type FieldMessage } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { isPaymentAdmin } from '../../applications.policy.js';
import { paymentAdminMessages } from '../payment-admin.messages.js';
import { periodQuery, statsPageQuery, type PaymentStats } from '../payment-admin.schemas.js';
import { methodLabel, yen } from '../payment-labels.js';
import { readPaymentStats } from '../read-payment-stats.js';
import { renderPaymentAdminPage } from './payment-admin.view.js';

type Figures = { count: number; gross: number; refunded: number; net: number };

function figuresTable<R extends Figures>(lang: Lang, caption: string, label: string, rows: R[], keyOf: (r: R) => string): SafeHtml {
  const t = paymentAdminMessages.in(lang);
  return html`<section><h2>${caption}</h2>${dataTable({
    lang,
    caption,
    hideCaption: true,
    emptyText: t('none'),
    columns: [
      { key: 'key', label },
      { key: 'count', label: t('count'), numeric: true },
      { key: 'gross', label: t('gross'), numeric: true },
      { key: 'refunded', label: t('refunded'), numeric: true },
      { key: 'net', label: t('net'), numeric: true },
    ],
    rows: rows.map((r) => ({
      key: keyOf(r),
      count: r.count,
      gross: yen(r.gross, lang),
      refunded: yen(r.refunded, lang),
      net: yen(r.net, lang),
    })),
  })}</section>`;
}

function render(
  req: FastifyRequest,
  lang: Lang,
  o: { raw: Record<string, string | undefined>; errors: FieldMessage[]; stats?: PaymentStats },
): string {
  const t = paymentAdminMessages.in(lang);
  const s = o.stats;
  const base = { lang, errors: o.errors, markOptional: false };
  const main = html`<p>${t('statsIntro')}</p>
${errorSummary({ title: t('checkInput'), errors: o.errors })}
<form method="get" action="/staff/payments" class="filters">
  ${dateField({ ...base, name: 'from', label: t('from'), value: o.raw.from })}
  ${dateField({ ...base, name: 'to', label: t('to'), value: o.raw.to })}
  <div class="form-field"><button type="submit">${t('show')}</button></div>
</form>
${
  s
    ? html`<section class="card"><h2>${t('totals')}</h2>${summaryList({
        items: [
          { term: t('count'), value: String(s.totals.count) },
          { term: t('gross'), value: yen(s.totals.gross, lang) },
          { term: t('refunded'), value: yen(s.totals.refunded, lang) },
          { term: t('net'), value: yen(s.totals.net, lang) },
        ],
      })}</section>
${figuresTable(lang, t('byDay'), t('date'), s.byDay, (r) => r.date)}
${figuresTable(lang, t('byMethod'), t('method'), s.byMethod, (r) => methodLabel(r.method, lang))}
${figuresTable(lang, t('byProcedure'), t('procedure'), s.byProcedure, (r) => r.title ?? t('procedureGone'))}
${figuresTable(lang, t('byRevenueAccount'), t('revenueAccount'), s.byRevenueAccount, (r) => r.revenueAccountCode ?? t('noRevenueAccount'))}`
    : ''
}`;
  return renderPaymentAdminPage(req, { title: t('statsTitle'), section: 'stats', main });
}

export function registerStatsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/payments',
    summary: 'Payment statistics by day, method, procedure and revenue account (payment administrators; audited)',
    auth: 'staff',
    allow: (actor) => isPaymentAdmin(actor, ctx.config),
    deny: 403,
    query: statsPageQuery,
    invalid: ({ req, lang, raw, errors }) => render(req, lang, { raw, errors }),
    async handler({ req, lang, actor, query }) {
      const today = jstDate(ctx.clock.now());
      const raw = { from: query.from || `${today.slice(0, 8)}01`, to: query.to || today };
      const period = periodQuery.safeParse(raw);
      if (!period.success)
        return {
          html: render(req, lang, {
            raw,
            errors: fieldErrorsOf(period.error).map((f) => ({ field: f.field, message: f.message[lang] })),
          }),
          status: 422,
        };
      const stats = await readPaymentStats(ctx, actor, period.data, auditContextOf(req));
      return render(req, lang, { raw, errors: [], stats });
    },
  });
}
