/**
 * `/facility/claims` — the facility's claims and forms of a fiscal year (default: the current one): the
 * twelve monthly claims and the yearly forms, each with its status and amount, a link to its screen and,
 * where none exists yet, a button that starts it.
 */
import type { FastifyInstance } from 'fastify';
import type { Lang } from '../../../../http/i18n.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { jstDate } from '../../../../platform/japan-time.js';
import { dataTable, linkButton, postButtonForm } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { loadFacilityProfile } from '../../shared/facility-profile.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { fiscalYearOf } from '../../shared/types.js';
import { claimsMessages } from '../claims.messages.js';
import { listQuery } from '../claims.schemas.js';
import { type ClaimListEntry, listClaims } from '../list-claims.js';
import { claimsPage, formUrl, monthLabel, yen } from './claim.view.js';

function rowsOf(lang: Lang, csrf: string, entries: ClaimListEntry[], monthly: boolean) {
  const t = claimsMessages.in(lang);
  return entries.map((e) => {
    const url = formUrl(e.form, e.period);
    const s = e.latest;
    return {
      name: monthly ? monthLabel(lang, e.period) : codeLabel('form', e.form, lang),
      status: s ? codeLabel('status', s.status, lang) : t('notStarted'),
      version: s ? t('versionLabel', { version: s.version }) : '',
      amount: s?.summary.totalAmount !== undefined ? yen(s.summary.totalAmount) : '',
      actions: s
        ? linkButton({ href: url, label: t('open'), kind: 'secondary', small: true })
        : html`${linkButton({ href: url, label: t('open'), kind: 'secondary', small: true })} ${postButtonForm({ action: url, csrf, label: t('start'), small: true, hidden: { action: 'save' } })}`,
    };
  });
}

export function registerClaimsListPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility/claims',
    summary: "The facility's monthly claims and yearly forms of a fiscal year, with status and amount",
    auth: 'facility',
    query: listQuery,
    async handler({ req, lang, actor, query, csrf }) {
      const t = claimsMessages.in(lang);
      const fy = query.fiscalYear ?? fiscalYearOf(jstDate(ctx.clock.now()));
      const [list, facility] = await Promise.all([listClaims(ctx, actor, fy), loadFacilityProfile(ctx.db, actor.facilityId)]);
      const columns = (first: string) =>
        [
          { key: 'name', label: first },
          { key: 'status', label: t('col.status') },
          { key: 'version', label: t('col.version') },
          { key: 'amount', label: t('col.amount'), numeric: true },
          { key: 'actions', label: t('col.actions') },
        ] as const;
      const title = `${t('listTitle')} ${t('fiscalYear', { year: fy })}`;
      return claimsPage(req, actor, {
        title,
        facilityName: facility?.name,
        main: html`<h1>${title}</h1>
<p><a href="/facility/claims?fiscalYear=${fy - 1}">${t('previousYear')}</a> · <a href="/facility/claims?fiscalYear=${fy + 1}">${t('nextYear')}</a></p>
${dataTable({ caption: t('monthlyCaption'), lang, rowHeader: 'name', columns: columns(t('col.period')), rows: rowsOf(lang, csrf, list.monthly, true) })}
${dataTable({ caption: t('yearlyCaption'), lang, rowHeader: 'name', columns: columns(t('col.form')), rows: rowsOf(lang, csrf, list.yearly, false) })}`,
      });
    },
  });
}
