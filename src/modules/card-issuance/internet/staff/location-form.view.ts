/** The pickup-place settings form and a place's section (capacity at a glance, settings, own closures) on the booking-site staff screen. */
import type { Text } from '../../../../http/i18n.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, csrfInput, dateField, postButtonForm, selectField, textField } from '../../../../web/components/index.js';
import { html, raw, type SafeHtml } from '../../../../web/html.js';
import type { PickupException } from '../../../reservations/index.js';
import { capacityOf, type Location } from '../locations.js';
import { SLOT_MINUTES, type LocationForm } from '../save-location.js';
import { cardSiteStaffMessages } from './card-site-staff.messages.js';

/** Typed values and field messages of a form that was refused; `code` '' is the "add" form. */
export type LocationFormState = LocationForm & { errors: Record<string, Text> };

const WEEKDAY_KEYS = ['wd0', 'wd1', 'wd2', 'wd3', 'wd4', 'wd5', 'wd6'] as const;

const asForm = (l: Location): LocationForm => ({
  code: l.code,
  name: l.name,
  nameEn: l.nameEn,
  counters: String(l.counters),
  peoplePerCounter: String(l.peoplePerCounter),
  slotMinutes: String(l.slotMinutes),
  openTime: l.openTime,
  closeTime: l.closeTime,
  weekdays: l.weekdays.join(','),
  opensDaysAhead: String(l.opensDaysAhead),
  bookUntilMinutes: String(l.bookUntilMinutes),
  isActive: l.isActive ? '1' : '',
});

const NEW_LOCATION: LocationForm = {
  code: '',
  name: '',
  nameEn: '',
  counters: '1',
  peoplePerCounter: '2',
  slotMinutes: '30',
  openTime: '09:00',
  closeTime: '17:00',
  weekdays: '1,2,3,4,5',
  opensDaysAhead: '30',
  bookUntilMinutes: '1440',
  isActive: '1',
};

/** The settings form of a place (or, without one, the form that adds a place). */
export function locationForm(lang: Lang, csrf: string, l: Location | undefined, state?: LocationFormState): SafeHtml {
  const t = cardSiteStaffMessages.in(lang);
  const v = state ?? (l ? asForm(l) : NEW_LOCATION);
  const errs = Object.entries(state?.errors ?? {}).map(([field, text]) => ({ field, message: text[lang] }));
  const id = (k: string) => `${l?.code ?? 'new'}-${k}`;
  const base = { lang, errors: errs, markOptional: false };
  const input = (k: keyof LocationForm, attrs: Omit<Parameters<typeof textField>[0], 'name' | 'label' | 'lang'>) =>
    textField({ ...base, ...attrs, name: k, id: id(k), label: t(k as 'name'), value: v[k] });
  const days = new Set(v.weekdays.split(','));
  const wdError = errs.find((e) => e.field === 'weekdays')?.message;
  return html`<form method="post" action="${l ? `/staff/card-site/locations/${l.code}` : '/staff/card-site/locations'}">${csrfInput(csrf)}
${l ? '' : input('code', { required: true, maxLength: 40, autocomplete: 'off' })}
${input('name', { required: true, maxLength: 100 })}
${input('nameEn', { maxLength: 100 })}
${input('counters', { type: 'number', min: 0, max: 100, required: true })}
${input('peoplePerCounter', { type: 'number', min: 1, max: 50, required: true })}
${selectField({ ...base, name: 'slotMinutes', id: id('slotMinutes'), label: t('slotMinutes'), value: v.slotMinutes, options: SLOT_MINUTES.map((n) => ({ value: String(n), label: t('minutes', { n }) })) })}
${input('openTime', { type: 'time', required: true })}
${input('closeTime', { type: 'time', required: true })}
<fieldset${raw(wdError ? ` aria-invalid="true" aria-describedby="${id('weekdays')}-error"` : '')}><legend>${t('weekdays')}</legend>${wdError ? html`<p class="field-error" id="${id('weekdays')}-error">${wdError}</p>` : ''}
<div class="choice-row">${WEEKDAY_KEYS.map((k, i) => html`<span class="choice"><input type="checkbox" id="${id(`wd${i}`)}" name="weekdays" value="${i}"${raw(days.has(String(i)) ? ' checked' : '')}><label for="${id(`wd${i}`)}">${t(k)}</label></span>`)}</div></fieldset>
${input('opensDaysAhead', { type: 'number', min: 1, max: 400, required: true })}
${input('bookUntilMinutes', { type: 'number', min: 0, max: 43200, required: true })}
<div class="choice"><input type="checkbox" id="${id('isActive')}" name="isActive" value="1"${raw(v.isActive === '1' ? ' checked' : '')}><label for="${id('isActive')}">${t('isActive')}</label></div>
${button({ label: l ? t('save') : t('add') })}</form>`;
}

/** A place: its capacity at a glance, its settings and its own closures / extra openings. */
export function locationSection(lang: Lang, csrf: string, l: Location, exceptions: PickupException[], state?: LocationFormState): SafeHtml {
  const t = cardSiteStaffMessages.in(lang);
  const days = l.weekdays.map((w) => (WEEKDAY_KEYS[w] ? t(WEEKDAY_KEYS[w]) : '')).join(t('weekdaySeparator'));
  const summary = t('locationSummary', {
    capacity: capacityOf(l),
    counters: l.counters,
    people: l.peoplePerCounter,
    slot: l.slotMinutes,
    days,
    open: l.openTime,
    close: l.closeTime,
  });
  return html`<details class="location"${raw(state ? ' open' : '')}><summary>${l.name}${l.isActive ? '' : t('notTakingBookings')} —
${summary}</summary>
${locationForm(lang, csrf, l, state)}
<h3>${t('exceptions')}</h3>
${
  exceptions.length === 0
    ? html`<p>${t('noExceptions')}</p>`
    : html`<ul>${exceptions.map(
        (e) => html`<li>${e.day} ${e.kind === 'closed' ? t('closed') : `${t('extraOpening')} ${e.start}–${e.end}`} ${e.note}
${postButtonForm({ action: `/staff/card-site/locations/${l.code}/exceptions/${e.id}/delete`, csrf, label: t('remove'), kind: 'secondary', small: true })}</li>`,
      )}</ul>`
}
<form method="post" action="/staff/card-site/locations/${l.code}/exceptions" class="filters">${csrfInput(csrf)}
${dateField({ lang, markOptional: false, name: 'day', id: `${l.code}-ex-day`, label: t('exDay'), required: true })}
${selectField({
  lang,
  markOptional: false,
  name: 'kind',
  id: `${l.code}-ex-kind`,
  label: t('exKind'),
  options: [
    { value: 'closed', label: t('exClosedAllDay') },
    { value: 'open', label: t('exOpen') },
  ],
})}
${textField({ lang, markOptional: false, name: 'start', id: `${l.code}-ex-start`, label: t('exStart'), type: 'time' })}
${textField({ lang, markOptional: false, name: 'end', id: `${l.code}-ex-end`, label: t('exEnd'), type: 'time' })}
${textField({ lang, markOptional: false, name: 'note', id: `${l.code}-ex-note`, label: t('exNote'), maxLength: 200 })}
${button({ label: t('add'), kind: 'secondary' })}</form></details>`;
}
