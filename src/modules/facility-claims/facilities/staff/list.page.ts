/** /staff/facilities — the childcare facilities (search by code or name, and by kind), with the way to register one. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import {
  button,
  dataTable,
  errorSummary,
  linkButton,
  selectField,
  textField,
  type FieldMessage,
} from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { canFacility } from '../../facility.policy.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { FACILITY_TYPES } from '../../shared/types.js';
import { facilitiesMessages } from '../facilities.messages.js';
import { listFacilitiesQuery, type ListFacilitiesQuery } from '../facilities.schemas.js';
import { staffActing } from '../facility-admin.js';
import { listFacilities, type FacilitySummary } from '../list-facilities.js';
import { facilityPage, mayView } from './facility-form.view.js';

type View = { raw: Record<string, string>; errors: FieldMessage[]; result?: { items: FacilitySummary[]; page: number; hasNext: boolean } };

function hrefFor(q: Record<string, string | undefined>, page: number): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.type) p.set('type', q.type);
  p.set('page', String(page));
  return `/staff/facilities?${p}`;
}

function render(ctx: AppContext, req: FastifyRequest, lang: Lang, actor: StaffActor, v: View): string {
  const t = facilitiesMessages.in(lang);
  const main = html`<h1 class="page-title">${t('listTitle')}</h1>
${canFacility(actor, 'manage-facilities', ctx.config) ? html`<p>${linkButton({ href: '/staff/facilities/new', label: t('newFacility') })}</p>` : ''}
${errorSummary({ title: t('checkForm'), errors: v.errors })}
<form method="get" action="/staff/facilities" class="filters" role="search" aria-label="${t('searchTitle')}">
  ${textField({ lang, name: 'q', label: t('searchText'), value: v.raw.q, errors: v.errors, maxLength: 100, markOptional: false })}
  ${selectField({
    lang,
    name: 'type',
    label: t('searchType'),
    value: v.raw.type,
    errors: v.errors,
    markOptional: false,
    options: [{ value: '', label: t('anyType') }, ...FACILITY_TYPES.map((x) => ({ value: x, label: codeLabel('type', x, lang) }))],
  })}
  ${button({ label: t('search'), kind: 'secondary' })}
</form>
${
  v.result
    ? dataTable({
        lang,
        caption: t('listCaption'),
        columns: [
          { key: 'code', label: t('code') },
          { key: 'name', label: t('name') },
          { key: 'type', label: t('type') },
          { key: 'capacity', label: t('capacity') },
          { key: 'users', label: t('users'), numeric: true },
        ],
        rowHeader: 'code',
        rows: v.result.items.map((f) => ({
          code: html`<a href="/staff/facilities/${f.id}">${f.code}</a>`,
          name: f.name,
          type: codeLabel('type', f.type, lang),
          capacity: t('capacityValue', { one: f.capacity1, twoThree: f.capacity23 }),
          users: String(f.activeUsers),
        })),
        emptyText: t('noFacilities'),
        paging: { page: v.result.page, hasNext: v.result.hasNext, hrefFor: (page) => hrefFor(v.raw, page) },
      })
    : ''
}`;
  return facilityPage(req, t('listTitle'), main);
}

export function registerFacilityListPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/facilities',
    summary: 'Childcare facilities: search by code, name and kind',
    auth: 'staff',
    allow: mayView(ctx.config),
    query: listFacilitiesQuery,
    invalid: ({ req, lang, actor, raw, errors }) => render(ctx, req, lang, actor, { raw, errors }),
    async handler({ req, lang, actor, query }) {
      const q: ListFacilitiesQuery = query;
      const result = await listFacilities(ctx, staffActing(req, actor), q);
      return render(ctx, req, lang, actor, { raw: { q: q.q ?? '', type: q.type ?? '' }, errors: [], result });
    },
  });
}
