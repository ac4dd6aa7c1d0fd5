/**
 * /facility/staff — the facility's roster: the staffing figures of a date (today unless asked), computed
 * from the roster and never typed, then every person with role, employment, hours, qualifications, hire
 * date, computed experience and state; a nursery teacher without the 保育士 licence is flagged.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { definePage } from '../../../../http/page-route.js';
import { zodMessage } from '../../../../http/validation.js';
import type { AppContext } from '../../../../platform/context.js';
import { isValidDate } from '../../../../platform/japan-time.js';
import type { Lang } from '../../../../platform/i18n.js';
import {
  button,
  dataTable,
  dateField,
  errorSummary,
  type FieldMessage,
  linkButton,
  notice,
  summaryList,
} from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { type FacilityActor, facilityAuditContext } from '../../shared/facility-session.js';
import { renderFacilityPage } from '../../shared/facility-shell.js';
import { loadFacilityProfile } from '../../shared/facility-profile.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { STAFF_ROLES } from '../../shared/types.js';
import { listStaff } from '../list-staff.js';
import { rosterMessages } from '../roster.messages.js';
import { dateText, experienceText, qualificationsText, warningText } from './roster.view.js';

const listQuery = z.object({ asOf: z.string().refine(isValidDate, zodMessage(rosterMessages, 'enterDate')).optional() });

async function render(
  ctx: AppContext,
  req: FastifyRequest,
  lang: Lang,
  actor: FacilityActor,
  o: { asOf?: string; raw?: string; errors?: FieldMessage[] },
): Promise<string> {
  const t = rosterMessages.in(lang);
  const { asOf, items, staffing } = await listStaff(ctx, actor, facilityAuditContext(req, actor), o.asOf);
  const facility = await loadFacilityProfile(ctx.db, actor.facilityId);
  const errors = o.errors ?? [];
  const warned = items.filter((i) => i.warnings.length);
  const main = html`<h1 class="page-title">${t('listTitle')}</h1>
${errorSummary({ title: t('checkForm'), errors })}
<p>${linkButton({ href: '/facility/staff/new', label: t('newLink') })}</p>
<section aria-labelledby="figures-h">
  <h2 id="figures-h">${t('figuresHeading', { date: dateText(asOf, lang) })}</h2>
  <p class="hint">${t('figuresHint')}</p>
  <form method="get" action="/facility/staff" class="filters">
    ${dateField({ lang, errors, name: 'asOf', label: t('asOf'), markOptional: false, value: o.raw ?? asOf })}
    ${button({ label: t('showAsOf'), kind: 'secondary' })}
  </form>
  ${summaryList({
    items: [
      { term: t('headcount'), value: t('personCount', { count: staffing.headcount }) },
      { term: t('careFte'), value: t('fteValue', { fte: staffing.careFte.toFixed(2) }) },
      { term: t('qualifiedCareFte'), value: t('fteValue', { fte: staffing.qualifiedCareFte.toFixed(2) }) },
      {
        term: t('averageExperience'),
        value: html`${t('yearsValue', { years: staffing.averageExperienceYears.toFixed(1) })}<br><span class="hint">${t('averageExperienceHint')}</span>`,
      },
      {
        term: t('byRole'),
        value: STAFF_ROLES.filter((r) => staffing.byRole[r])
          .map((r) => `${codeLabel('role', r, lang)} ${t('personCount', { count: staffing.byRole[r] ?? 0 })}`)
          .join(t('listSeparator')),
      },
    ],
    emptyText: t('none'),
  })}
</section>
${
  warned.length
    ? notice({
        kind: 'warning',
        title: t('warningsTitle'),
        body: html`<ul>${warned.map((i) => html`<li><a href="/facility/staff/${i.id}">${i.name}</a>: ${i.warnings.map((w) => warningText(w, lang)).join(' ')}</li>`)}</ul>`,
      })
    : ''
}
${dataTable({
  lang,
  caption: t('rosterCaption'),
  rowHeader: 'name',
  emptyText: t('emptyRoster'),
  columns: [
    { key: 'name', label: t('colName') },
    { key: 'role', label: t('colRole') },
    { key: 'employment', label: t('colEmployment') },
    { key: 'hours', label: t('colHours'), numeric: true },
    { key: 'qualifications', label: t('colQualifications') },
    { key: 'hiredOn', label: t('colHiredOn') },
    { key: 'experience', label: t('colExperience'), numeric: true },
    { key: 'status', label: t('colStatus') },
  ],
  rows: items.map((i) => ({
    name: html`<a href="/facility/staff/${i.id}">${i.name}</a>`,
    role: codeLabel('role', i.role, lang),
    employment: codeLabel('employment', i.employment, lang),
    hours: t('hoursValue', { hours: i.weeklyHours }),
    qualifications: html`${qualificationsText(i.qualifications, lang)}${i.warnings.map((w) => html`<br><strong>${warningText(w, lang)}</strong>`)}`,
    hiredOn: dateText(i.hiredOn, lang),
    experience: experienceText(i.experienceMonths, lang),
    status: html`${t(`status.${i.status}`)}${i.leftOn ? html`<br>${dateText(i.leftOn, lang)}` : ''}`,
  })),
})}`;
  return renderFacilityPage(req, actor, {
    title: t('listTitle'),
    main,
    active: 'roster',
    facilityName: facility?.name,
    hasErrors: errors.length > 0,
  });
}

export function registerStaffListPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility/staff',
    summary: "The facility's roster and its computed staffing figures (optionally as of a date)",
    auth: 'facility',
    query: listQuery,
    invalid: ({ req, lang, actor, raw, errors }) => render(ctx, req, lang, actor, { raw: raw.asOf, errors }),
    handler: ({ req, lang, actor, query }) => render(ctx, req, lang, actor, { asOf: query.asOf }),
  });
}
