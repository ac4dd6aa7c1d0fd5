/**
 * The pickup-deadlines screen (/staff/card/deadlines): the deadlines form, the destruction and erasure
 * periods (a form for the department administrator, the values for everyone else), the contact printed
 * on letters, and the cards past their deadline. Each of its forms answers with this page again, the
 * refused one with what was typed and each problem beside its field.
 */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { formatJstDayNumeric } from '../../../../platform/japan-time.js';
import { button, csrfInput, dataTable, errorSummary, summaryList, textField, type FieldMessage } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { can } from '../../card.policy.js';
import { officeOf } from '../../staff-office.js';
import { STATE_LABELS } from '../card-states.js';
import { formatReservationId } from '../../shared/normalise.js';
import { listOverdueCards } from '../list-overdue-cards.js';
import { cardSettingsMessages } from './card-settings.messages.js';
import { renderCardOffice } from './card-office.view.js';

type Values = Record<string, string | number | undefined>;
/** A refused form: what was typed and the problems. */
export type Typed = { values: Values; errors: FieldMessage[] };

type T = ReturnType<typeof cardSettingsMessages.in>;

const LIFECYCLE_FIELDS = [
  { name: 'destroyAfterDays', min: 0, max: 1095 },
  { name: 'destroyMinDaysAfterReceipt', min: 0, max: 1095 },
  { name: 'personalRetentionDays', min: 30, max: 7300 },
] as const;

const CONTACT_FIELDS = [
  { name: 'contactOffice', max: 60, type: 'text', autocomplete: 'organization' },
  { name: 'contactPhone', max: 20, type: 'tel', autocomplete: 'tel' },
  { name: 'contactHours', max: 100, type: 'text', autocomplete: 'off' },
] as const;

function deadlinesForm(lang: Lang, t: T, csrf: string, values: Values, errors: FieldMessage[]): SafeHtml {
  const field = (name: 'noticeDeadlineDays' | 'renoticeDeadlineDays') =>
    textField({ name, lang, label: t(name), type: 'number', min: 1, max: 730, required: true, value: values[name], errors });
  return html`<section class="card"><h2>${t('deadlineSettings')}</h2>
<p class="hint">${t('deadlinesHint')}</p>
<form method="post" action="/staff/card/deadlines">${csrfInput(csrf)}
${field('noticeDeadlineDays')}
${field('renoticeDeadlineDays')}
${button({ label: t('save') })}</form></section>`;
}

function lifecycleSection(lang: Lang, t: T, csrf: string, values: Values, errors: FieldMessage[], canChange: boolean): SafeHtml {
  return html`<section class="card"><h2>${t('lifecycleHeading')}</h2>
<p class="hint">${t('lifecycleHint')}</p>
${
  canChange
    ? html`<form method="post" action="/staff/card/lifecycle">${csrfInput(csrf)}
${LIFECYCLE_FIELDS.map((f) =>
  textField({
    name: f.name,
    lang,
    label: t(f.name),
    hint: t(`${f.name}Hint`),
    type: 'number',
    min: f.min,
    max: f.max,
    required: true,
    value: values[f.name],
    errors,
  }),
)}
${button({ label: t('save') })}</form>`
    : html`${summaryList({ items: LIFECYCLE_FIELDS.map((f) => ({ term: t(f.name), value: t('days', { days: String(values[f.name] ?? '') }) })) })}
<p class="hint">${t('lifecycleAdminOnly')}</p>`
}
<p><a href="/staff/card/destruction">${t('destructionTitle')}</a></p></section>`;
}

function contactSection(lang: Lang, t: T, csrf: string, values: Values, errors: FieldMessage[]): SafeHtml {
  return html`<section class="card" id="contact"><h2>${t('contactHeading')}</h2>
<p class="hint">${t('contactHint')}</p>
<form method="post" action="/staff/card/contact">${csrfInput(csrf)}
${CONTACT_FIELDS.map((f) =>
  textField({
    name: f.name,
    lang,
    label: t(f.name),
    hint: t(`${f.name}Hint`),
    type: f.type,
    autocomplete: f.autocomplete,
    maxLength: f.max,
    markOptional: false,
    value: values[f.name],
    errors,
  }),
)}
${button({ label: t('save') })}</form></section>`;
}

export async function renderDeadlines(
  ctx: AppContext,
  req: FastifyRequest,
  o: { actor: StaffActor; csrf: string; message?: SafeHtml; deadlines?: Typed; lifecycle?: Typed; contact?: Typed },
): Promise<string> {
  const lang = req.lang;
  const t = cardSettingsMessages.in(lang);
  const office = await officeOf(ctx, o.actor);
  const v = await listOverdueCards(ctx, { staff: o.actor, departmentId: office.departmentId, ...auditContextOf(req) });
  const errors = [...(o.deadlines?.errors ?? []), ...(o.lifecycle?.errors ?? []), ...(o.contact?.errors ?? [])];
  const labels = Object.fromEntries(
    (
      ['noticeDeadlineDays', 'renoticeDeadlineDays', ...LIFECYCLE_FIELDS.map((f) => f.name), ...CONTACT_FIELDS.map((f) => f.name)] as const
    ).map((k) => [k, t(k)]),
  );
  const main = html`<h1 class="page-title">${t('deadlinesHeading')}</h1>
${errorSummary({ title: t('checkInput'), errors, labels })}${o.message ?? ''}
${deadlinesForm(lang, t, o.csrf, o.deadlines?.values ?? v.deadlines, o.deadlines?.errors ?? [])}
${lifecycleSection(lang, t, o.csrf, o.lifecycle?.values ?? v.lifecycle, o.lifecycle?.errors ?? [], can(o.actor, 'change-lifecycle', office.departmentId))}
${contactSection(lang, t, o.csrf, o.contact?.values ?? v.contact, o.contact?.errors ?? [])}
<section class="card"><h2>${t('overdueHeading', { count: v.overdue.length })}</h2>
${dataTable({
  lang,
  caption: t('overdueCaption'),
  hideCaption: true,
  emptyText: t('noOverdue'),
  columns: [
    { key: 'controlNo', label: t('controlNo') },
    { key: 'state', label: t('state') },
    { key: 'firstNotice', label: t('firstNotice') },
    { key: 'renotice', label: t('renotice') },
    { key: 'deadline', label: t('deadline') },
  ],
  rows: v.overdue.map((c) => ({
    controlNo: html`<a href="/staff/card/cards/${c.id}">${formatReservationId(c.controlNo)}</a>`,
    state: STATE_LABELS[c.state][lang],
    firstNotice: formatJstDayNumeric(c.firstNoticeAt),
    renotice: c.renoticed ? formatJstDayNumeric(c.lastNoticeAt) : '—',
    deadline: formatJstDayNumeric(c.deadline),
  })),
})}</section>`;
  return renderCardOffice(req, t('deadlinesTitle'), main);
}
