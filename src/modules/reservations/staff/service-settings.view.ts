/**
 * What the service settings screens share: the page frame (reservations tabs), the settings fields
 * (used by the new-service form and the edit screen) and reading a refused form back as typed.
 */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../platform/i18n.js';
import { selectField, textArea, textField, type FieldMessage } from '../../../web/components/index.js';
import { attrs, html, type SafeHtml } from '../../../web/html.js';
import type { Service } from '../services.repository.js';
import { FLAG_KEYS } from './service-forms.schema.js';
import { servicesMessages as sm } from './services.messages.js';
import { reservationsPage } from './staff.view.js';

/** A staff page of the services tab. */
export function servicesPage(req: FastifyRequest, title: string, main: SafeHtml): string {
  return reservationsPage(req, { title, tab: 'services', main });
}

/** A form body as strings (the first of repeated fields), without the CSRF token: to show a refused form again. */
export function rawOf(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object')
    for (const [k, v] of Object.entries(body)) {
      const s = Array.isArray(v) ? v[0] : v;
      if (k !== '_csrf' && typeof s === 'string') out[k] = s;
    }
  return out;
}

/** Settings as the form shows them: text, check boxes '1' when ticked. */
export type SettingsValues = Record<string, string>;

const NEW_SERVICE: SettingsValues = {
  kind: 'counter',
  durationMinutes: '30',
  capacity: '1',
  opensDaysAhead: '60',
  bookUntilMinutes: '60',
  changeUntilMinutes: '60',
  reminderDaysBefore: '1',
  reminderTime: '10:00',
  retentionDays: '90',
  ...Object.fromEntries(FLAG_KEYS.map((k) => [k, '1'])),
};

/** The stored settings of a service as form values; without one, a new service's defaults. */
export function settingsValuesOf(s?: Service): SettingsValues {
  if (!s) return NEW_SERVICE;
  return {
    kind: s.kind,
    name: s.name,
    nameEn: s.nameEn ?? '',
    description: s.description,
    descriptionEn: s.descriptionEn ?? '',
    place: s.place,
    durationMinutes: String(s.durationMinutes),
    capacity: String(s.capacity),
    opensDaysAhead: String(s.opensDaysAhead),
    bookUntilMinutes: String(s.bookUntilMinutes),
    changeUntilMinutes: String(s.changeUntilMinutes),
    reminderDaysBefore: String(s.reminderDaysBefore),
    reminderTime: s.reminderTime,
    retentionDays: String(s.retentionDays),
    ...Object.fromEntries(FLAG_KEYS.map((k) => [k, s[k] ? '1' : ''])),
  };
}

type NumberKey =
  | 'durationMinutes'
  | 'capacity'
  | 'opensDaysAhead'
  | 'bookUntilMinutes'
  | 'changeUntilMinutes'
  | 'reminderDaysBefore'
  | 'retentionDays';

/** The control id of a settings field (the error summary links there). */
export const settingsFieldId = (field: string) => `s-${field}`;

/**
 * The settings fields. `values` are what is stored or what was typed (a refused form keeps everything);
 * each refused field shows its own message next to it.
 */
export function settingsFields(lang: Lang, values: SettingsValues, errors: readonly FieldMessage[]): SafeHtml {
  const t = sm.in(lang);
  const field = (name: string) => ({ lang, errors, name, id: settingsFieldId(name), value: values[name] ?? '' });
  const number = (name: NumberKey) => textField({ ...field(name), label: t(name), type: 'number', inputmode: 'numeric', required: true });
  const check = (name: (typeof FLAG_KEYS)[number]) =>
    html`<div class="choice"><input${attrs({ type: 'checkbox', id: settingsFieldId(name), name, value: '1', checked: values[name] === '1' })}><label for="${settingsFieldId(name)}">${t(name)}</label></div>`;
  return html`${selectField({
    ...field('kind'),
    label: t('kind'),
    markOptional: false,
    options: [
      { value: 'counter', label: t('kindCounter') },
      { value: 'consultation', label: t('kindConsultation') },
    ],
  })}
${textField({ ...field('name'), label: t('name'), required: true, maxLength: 100 })}
${textField({ ...field('nameEn'), label: t('nameEn'), hint: t('nameEnHint') })}
${textArea({ ...field('description'), label: t('description') })}
${textArea({ ...field('descriptionEn'), label: t('descriptionEn'), hint: t('descriptionEnHint') })}
${textField({ ...field('place'), label: t('place') })}
${number('durationMinutes')}
${number('capacity')}
${number('opensDaysAhead')}
${number('bookUntilMinutes')}
${number('changeUntilMinutes')}
${check('closedOnNationalHolidays')}
${check('closedYearEnd')}
${check('remindersEnabled')}
${number('reminderDaysBefore')}
${textField({ ...field('reminderTime'), label: t('reminderTime'), required: true })}
${number('retentionDays')}
${check('isActive')}`;
}
