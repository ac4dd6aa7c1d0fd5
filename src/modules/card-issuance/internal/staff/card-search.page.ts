/**
 * GET /staff/card/search — exact-match card search (kana, birth date, address, a number), 100 cards a
 * page. Every search is audited by the operation (criteria names and ids found, never the values).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { dataTable, linkButton, notice } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { formatReservationId } from '../../shared/normalise.js';
import { officeOf } from '../../staff-office.js';
import { STATE_LABELS } from '../card-states.js';
import { searchCardsPage } from '../search-cards.js';
import { cardOfficeMessages } from './card-office.messages.js';
import { officeAllows, renderCardOffice } from './card-office.view.js';

const PAGE_SIZE = 100;
const CRITERIA = ['kana', 'birthDate', 'address', 'number'] as const;

const searchQuery = z.object({
  kana: z.string().max(200).optional(),
  birthDate: z.string().max(40).optional(),
  address: z.string().max(400).optional(),
  number: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export function registerCardSearchPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/card/search',
    summary: 'Card office: search cards (exact matches), audited',
    auth: 'staff',
    allow: officeAllows(ctx, 'view'),
    query: searchQuery,
    async handler({ req, lang, actor, query }) {
      const t = cardOfficeMessages.in(lang);
      const office = await officeOf(ctx, actor);
      const { page = 1, ...criteria } = query;
      const r = await searchCardsPage(ctx, office.departmentId, criteria, auditContextOf(req), { page, pageSize: PAGE_SIZE });
      const hrefFor = (p: number) => {
        const q = new URLSearchParams();
        for (const k of CRITERIA) if (criteria[k]) q.set(k, criteria[k]);
        q.set('page', String(p));
        return `/staff/card/search?${q}`;
      };
      const body =
        r === 'no_criteria'
          ? notice({ kind: 'warning', role: 'status', body: t('noCriteria') })
          : r === 'bad_date'
            ? notice({ kind: 'error', body: t('badBirthDate') })
            : html`<p>${t('found', { count: r.total })}</p>
${dataTable({
  lang,
  caption: t('results'),
  hideCaption: true,
  columns: [
    { key: 'controlNo', label: t('controlNoShort') },
    { key: 'name', label: t('name') },
    { key: 'kana', label: t('kanaShort') },
    { key: 'birthDate', label: t('birthDate') },
    { key: 'address', label: t('address') },
    { key: 'state', label: t('state') },
  ],
  rows: r.cards.map((c) => ({
    controlNo: html`<a href="/staff/card/cards/${c.id}">${formatReservationId(c.controlNo)}</a>`,
    name: c.name,
    kana: c.kana,
    birthDate: c.birthDate,
    address: c.address,
    state: STATE_LABELS[c.state][lang],
  })),
  paging: { page: r.page, hasNext: r.hasNext, hrefFor },
})}`;
      return renderCardOffice(
        req,
        t('searchTitle'),
        html`<h1 class="page-title">${t('searchHeading')}</h1>${body}<p>${linkButton({ href: '/staff/card', label: t('back'), kind: 'secondary' })}</p>`,
      );
    },
  });
}
