/** Rendering shared by the roster's portal screens: the person's fields, code labels, dates and amounts. */
import type { Lang } from '../../../../platform/i18n.js';
import {
  checkboxes,
  dateField,
  type FieldMessage,
  formatWareki,
  radios,
  selectField,
  textField,
} from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { EMPLOYMENTS, QUALIFICATIONS, STAFF_ROLES } from '../../shared/types.js';
import type { StaffWarning } from '../roster-rules.js';
import { rosterMessages } from '../roster.messages.js';

/** What a form shows again: strings as typed (checked boxes as a list). */
export type Raw = Record<string, string | string[] | undefined>;

export const str = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
export const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The form body with everything typed, for showing it again. */
export function rawOf(body: Record<string, string | string[]>): Raw {
  const { _csrf: _, ...rest } = body;
  return rest;
}

/** 2026-04-01（令和8年4月1日） */
export function dateText(date: string | null | undefined, lang: Lang): string {
  if (!date) return '';
  const w = formatWareki(date, lang);
  return w ? rosterMessages.t(lang, 'dateWithWareki', { date, wareki: w }) : date;
}

export function experienceText(months: number, lang: Lang): string {
  return rosterMessages.t(lang, 'yearsMonthsValue', { years: Math.floor(months / 12), months: months % 12 });
}

export function qualificationsText(q: readonly string[], lang: Lang): string {
  return q.length
    ? q.map((c) => codeLabel('qualification', c, lang)).join(rosterMessages.t(lang, 'listSeparator'))
    : rosterMessages.t(lang, 'none');
}

export function warningText(w: StaffWarning, lang: Lang): string {
  return rosterMessages.t(lang, `warning.${w}`);
}

export const roleOptions = (lang: Lang) => STAFF_ROLES.map((r) => ({ value: r, label: codeLabel('role', r, lang) }));
export const employmentChoices = (lang: Lang) => EMPLOYMENTS.map((e) => ({ value: e, label: codeLabel('employment', e, lang) }));
const qualificationChoices = (lang: Lang) => QUALIFICATIONS.map((q) => ({ value: q, label: codeLabel('qualification', q, lang) }));

/**
 * The person's fields (register and correct): name, kana, birth date, address, hire date,
 * qualifications and their number, prior experience. With `withPost`, also role, employment and hours
 * (only at registration; later they change by dated events).
 */
export function personFields(lang: Lang, raw: Raw, errors: readonly FieldMessage[], withPost: boolean): SafeHtml {
  const t = rosterMessages.in(lang);
  const base = { lang, errors };
  return html`${textField({ ...base, name: 'name', label: t('name'), required: true, value: str(raw.name), maxLength: 100, autocomplete: 'off' })}
${textField({ ...base, name: 'nameKana', label: t('nameKana'), value: str(raw.nameKana), maxLength: 100, autocomplete: 'off' })}
${dateField({ ...base, name: 'birthDate', label: t('birthDate'), required: true, value: str(raw.birthDate) })}
${textField({ ...base, name: 'address', label: t('address'), required: true, value: str(raw.address), maxLength: 200, autocomplete: 'off' })}
${dateField({ ...base, name: 'hiredOn', label: t('hiredOn'), required: true, value: str(raw.hiredOn) })}
${
  withPost
    ? html`${selectField({ ...base, name: 'role', label: t('role'), required: true, value: str(raw.role), emptyLabel: t('choose'), options: roleOptions(lang) })}
${radios({ ...base, name: 'employment', label: t('employment'), required: true, inline: true, value: str(raw.employment) ?? 'full-time', choices: employmentChoices(lang) })}
${textField({ ...base, name: 'weeklyHours', label: t('weeklyHours'), hint: t('weeklyHoursHint'), value: str(raw.weeklyHours), inputmode: 'decimal', maxLength: 5 })}`
    : ''
}
${checkboxes({ ...base, name: 'qualifications', label: t('qualifications'), values: list(raw.qualifications), choices: qualificationChoices(lang) })}
${textField({ ...base, name: 'qualificationNumber', label: t('qualificationNumber'), hint: t('qualificationNumberHint'), value: str(raw.qualificationNumber), maxLength: 40, autocomplete: 'off' })}
${textField({ ...base, name: 'priorExperienceYears', label: t('priorExperienceYears'), hint: t('priorExperienceHint'), value: str(raw.priorExperienceYears), inputmode: 'numeric', maxLength: 3 })}
${textField({ ...base, name: 'priorExperienceMonths', label: t('priorExperienceMonths'), value: str(raw.priorExperienceMonths), inputmode: 'numeric', maxLength: 3 })}`;
}

/** Field errors in the page's language, a list item's error ('qualifications.0') shown at its list. */
export function formErrors(list: readonly { field: string; message: { ja: string; en: string } }[], lang: Lang): FieldMessage[] {
  return list.map((f) => ({ field: f.field.split('.')[0] as string, message: f.message[lang] }));
}
