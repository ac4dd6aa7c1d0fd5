/**
 * The screen of one service (/staff/reservation-services/:id): settings, weekly schedule, input
 * fields, closures and extra openings. Each of its forms posts to its own page; a refused one comes
 * back on this screen with what was typed and the problems next to the fields.
 */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../platform/i18n.js';
import { formatDateLong, weekdayName } from '../../../platform/japan-time.js';
import {
  button,
  checkboxes,
  csrfInput,
  dateField,
  errorSummary,
  notice,
  postButtonForm,
  selectField,
  textField,
  type FieldMessage,
} from '../../../web/components/index.js';
import { attrs, html, type SafeHtml } from '../../../web/html.js';
import type { listExceptions } from '../manage-services.js';
import type { Service, ServiceField } from '../services.repository.js';
import { SENSITIVE_READER_ROLES } from '../reservations.policy.js';
import { FIELD_ROWS } from './service-forms.schema.js';
import { servicesPage, settingsFieldId, settingsFields, settingsValuesOf } from './service-settings.view.js';
import { servicesMessages as sm } from './services.messages.js';

export type ServiceForm = 'settings' | 'schedule' | 'fields' | 'exception' | 'readers';
/** A refused form of the screen: everything typed, and the problems by field name. */
export type RefusedForm = { form: ServiceForm; raw: Record<string, string>; errors: FieldMessage[] };

export type EditView = {
  service: Service;
  exceptions: Awaited<ReturnType<typeof listExceptions>>;
  csrf: string;
  /** A form was saved: 'readers' for who may read sensitive answers, any other value for the rest. */
  saved?: string;
  refused?: RefusedForm;
};

/** The id of the control a field error of each form links to. */
const FIELD_IDS: Record<ServiceForm, (field: string) => string> = {
  settings: settingsFieldId,
  schedule: (f) => f,
  fields: (f) => `f-${f}`,
  exception: (f) => `e-${f}`,
  readers: () => 'readers',
};

const WEEK = [1, 2, 3, 4, 5, 6, 0];
const CORE_KEYS = ['name', 'phone', 'email'];
const TYPES = ['text', 'textarea', 'tel', 'email', 'choice'] as const;

function refusedOf(v: EditView, form: ServiceForm): { raw?: Record<string, string>; errors: FieldMessage[] } {
  return v.refused?.form === form ? { raw: v.refused.raw, errors: v.refused.errors } : { errors: [] };
}

function scheduleForm(lang: Lang, v: EditView): SafeHtml {
  const t = sm.in(lang);
  const { raw, errors } = refusedOf(v, 'schedule');
  const stored = (w: number) =>
    v.service.schedule
      .filter((r) => r.weekday === w)
      .map((r) => `${r.start}-${r.end}`)
      .join(', ');
  return html`<h2>${t('weeklySchedule')}</h2>
<form method="post" action="/staff/reservation-services/${v.service.id}/schedule">${csrfInput(v.csrf)}
  <p class="hint">${t('scheduleHint')}</p>
  ${WEEK.map((w) => textField({ lang, errors, name: `w${w}`, id: `w${w}`, label: weekdayName(w, lang), markOptional: false, value: raw ? (raw[`w${w}`] ?? '') : stored(w) }))}
  ${button({ label: t('save') })}
</form>`;
}

/** One row of the input-field table, from what is stored or what was typed. */
type Row = {
  key: string;
  labelJa: string;
  labelEn: string;
  type: string;
  required: boolean;
  classification: string;
  options: string;
  maxLength: string;
};

function rowOf(f: ServiceField | undefined): Row {
  return {
    key: f?.key ?? '',
    labelJa: f?.labelJa ?? '',
    labelEn: f?.labelEn ?? '',
    type: f?.type ?? 'text',
    required: !!f?.required,
    classification: f?.classification ?? 'personal',
    options: (f?.options ?? []).map((o) => `${o.value}|${o.ja}|${o.en}`).join('\n'),
    maxLength: String(f?.maxLength ?? 200),
  };
}

function typedRow(raw: Record<string, string>, i: number): Row {
  return {
    key: raw[`k${i}`] ?? '',
    labelJa: raw[`lj${i}`] ?? '',
    labelEn: raw[`le${i}`] ?? '',
    type: raw[`t${i}`] ?? 'text',
    required: raw[`r${i}`] === '1',
    classification: raw[`c${i}`] ?? 'personal',
    options: raw[`o${i}`] ?? '',
    maxLength: raw[`m${i}`] ?? '200',
  };
}

function fieldsForm(lang: Lang, v: EditView): SafeHtml {
  const t = sm.in(lang);
  const { raw, errors } = refusedOf(v, 'fields');
  const stored = v.service.fields;
  const typedRows = raw
    ? Object.keys(raw)
        .filter((k) => /^k\d+$/.test(k))
        .map((k) => Number(k.slice(1)) + 1)
    : [];
  const count = Math.min(FIELD_ROWS, Math.max(stored.length + 3, ...typedRows));
  const rows = Array.from({ length: count }, (_, i) => (raw ? typedRow(raw, i) : rowOf(stored[i])));
  const errorOf = (name: string) =>
    errors
      .filter((e) => e.field === name)
      .map((e) => e.message)
      .join(' ');
  /** aria wiring and the message of one cell's control. */
  const cell = (name: string, label: string) => {
    const message = errorOf(name);
    return {
      a: {
        id: `f-${name}`,
        name,
        'aria-label': label,
        'aria-invalid': message ? 'true' : undefined,
        'aria-describedby': message ? `f-${name}-error` : undefined,
      },
      error: message ? html`<p class="field-error" id="f-${name}-error">${message}</p>` : html``,
    };
  };
  const classes = [
    ['personal', t('classPersonal')],
    ['sensitive', t('classSensitive')],
    ['none', t('classNone')],
  ] as const;
  return html`<h2>${t('inputFields')}</h2>
<form method="post" action="/staff/reservation-services/${v.service.id}/fields">${csrfInput(v.csrf)}
<p class="hint">${t('fieldsHint')}</p>
<div class="table-wrap"><table><thead><tr><th scope="col">${t('colKey')}</th><th scope="col">${t('colLabel')}</th><th scope="col">${t('colEnglish')}</th><th scope="col">${t('colType')}</th><th scope="col">${t('colRequired')}</th><th scope="col">${t('colClass')}</th><th scope="col">${t('colOptions')}</th><th scope="col">${t('colMax')}</th></tr></thead><tbody>
${rows.map((r, i) => {
  const n = i + 1;
  const key = cell(`k${i}`, t('rowKey', { n }));
  const labelJa = cell(`lj${i}`, t('rowLabel', { n }));
  const labelEn = cell(`le${i}`, t('rowEnglish', { n }));
  const type = cell(`t${i}`, t('rowType', { n }));
  const required = cell(`r${i}`, t('rowRequired', { n }));
  const cls = cell(`c${i}`, t('rowClass', { n }));
  const options = cell(`o${i}`, t('rowOptions', { n }));
  const max = cell(`m${i}`, t('rowMax', { n }));
  const isCore = !!stored[i] && CORE_KEYS.includes(stored[i]?.key ?? '');
  return html`<tr>
  <td>${key.error}<input${attrs({ type: 'text', value: r.key, ...key.a, readonly: isCore })}></td>
  <td>${labelJa.error}<input${attrs({ type: 'text', value: r.labelJa, ...labelJa.a })}></td>
  <td>${labelEn.error}<input${attrs({ type: 'text', value: r.labelEn, ...labelEn.a })}></td>
  <td><select${attrs(type.a)}>${TYPES.map((x) => html`<option${attrs({ value: x, selected: r.type === x })}>${x}</option>`)}</select></td>
  <td><input${attrs({ type: 'checkbox', value: '1', checked: r.required, ...required.a })}></td>
  <td><select${attrs(cls.a)}>${classes.map(([x, label]) => html`<option${attrs({ value: x, selected: r.classification === x })}>${label}</option>`)}</select></td>
  <td>${options.error}<textarea${attrs(options.a)}>${r.options}</textarea></td>
  <td><input${attrs({ type: 'number', value: r.maxLength, ...max.a })}></td>
</tr>`;
})}
</tbody></table></div>
${button({ label: t('save') })}</form>`;
}

function exceptionsSection(lang: Lang, v: EditView): SafeHtml {
  const t = sm.in(lang);
  const { raw, errors } = refusedOf(v, 'exception');
  const base = { lang, errors, markOptional: false };
  const id = v.service.id;
  const list = v.exceptions.length
    ? html`<ul>${v.exceptions.map((e) => {
        const day = String(e.day).slice(0, 10);
        const what =
          e.kind === 'closed'
            ? html`${t('exceptionClosed')} <a href="/staff/reservation-services/${id}/closures/${day}">${t('exceptionBookings')}</a>`
            : t('exceptionOpen', { start: e.start_time ?? '', end: e.end_time ?? '' });
        return html`<li>${formatDateLong(day, lang)} ${what} ${e.note}
  ${postButtonForm({ action: `/staff/reservation-services/${id}/exceptions/${e.id}/delete`, csrf: v.csrf, label: t('remove'), kind: 'secondary', small: true })}</li>`;
      })}</ul>`
    : html`<p>${t('noExceptions')}</p>`;
  return html`<h2>${t('exceptions')}</h2>
${list}
<form method="post" action="/staff/reservation-services/${id}/exceptions" class="filters">${csrfInput(v.csrf)}
  ${dateField({ ...base, name: 'day', id: 'e-day', label: t('date'), required: true, value: raw?.day })}
  ${selectField({
    ...base,
    name: 'kind',
    id: 'e-kind',
    label: t('exceptionKind'),
    value: raw?.kind ?? 'closed',
    options: [
      { value: 'closed', label: t('kindClosed') },
      { value: 'open', label: t('kindOpen') },
    ],
  })}
  ${textField({ ...base, name: 'start', id: 'e-start', label: t('start'), value: raw?.start, attributes: { placeholder: '09:00' } })}
  ${textField({ ...base, name: 'end', id: 'e-end', label: t('end'), value: raw?.end, attributes: { placeholder: '12:00' } })}
  ${textField({ ...base, name: 'note', id: 'e-note', label: t('note'), value: raw?.note, maxLength: 200 })}
  ${button({ label: t('add') })}
</form>`;
}

/**
 * Who may read the service's sensitive answers: the roles of its department (applies at once; audited).
 * A refused form (a role that is not a choice) shows what was posted.
 */
function readersForm(lang: Lang, v: EditView): SafeHtml {
  const t = sm.in(lang);
  const { raw, errors } = refusedOf(v, 'readers');
  const values = raw ? (raw.readers ?? '').split('\n').filter(Boolean) : v.service.sensitiveReaders;
  return html`<h2 id="sensitive-readers">${t('readersHeading')}</h2>
<p>${t('readersIntro')}</p>
<form method="post" action="/staff/reservation-services/${v.service.id}/sensitive-readers">${csrfInput(v.csrf)}
  ${checkboxes({
    lang,
    name: 'readers',
    id: 'readers',
    label: t('readersLabel'),
    hint: t('readersHint'),
    markOptional: false,
    values,
    errors,
    choices: SENSITIVE_READER_ROLES.map((role) => ({ value: role, label: t(`readerRole.${role}`) })),
  })}
  ${button({ label: t('readersSave'), kind: 'secondary' })}
</form>`;
}

/** The whole screen. */
export function renderEditScreen(req: FastifyRequest, lang: Lang, v: EditView): string {
  const t = sm.in(lang);
  const s = v.service;
  const settings = refusedOf(v, 'settings');
  const main = html`${v.saved ? notice({ kind: 'success', body: t(v.saved === 'readers' ? 'readersSaved' : 'saved') }) : ''}
<p><a href="/staff/reservation-services">${t('backToList')}</a></p>
<h1 class="page-title">${s.name}</h1>
${v.refused ? errorSummary({ title: t('checkInput'), errors: v.refused.errors, fieldId: FIELD_IDS[v.refused.form] }) : ''}
<p><a href="/services/${s.id}">${t('seeCitizenPage')}</a></p>
<h2>${t('settings')}</h2>
<form method="post" action="/staff/reservation-services/${s.id}/settings" novalidate>${csrfInput(v.csrf)}
${settingsFields(lang, settings.raw ?? settingsValuesOf(s), settings.errors)}
${button({ label: t('save') })}
</form>
${scheduleForm(lang, v)}
${fieldsForm(lang, v)}
${readersForm(lang, v)}
${exceptionsSection(lang, v)}`;
  return servicesPage(req, s.name, main);
}
