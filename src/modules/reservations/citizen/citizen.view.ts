/**
 * Renderers shared by the citizen screens of the reservations module (booking and My Page), built
 * from the component layer: the page frame, a service's facts, the calendar and times steps and the
 * details form. Texts come from citizen.messages.ts.
 *
 * The details form keeps the field names and ids the site has always used (name, phone, email,
 * f_<key>; ids in-name, in-f_<key>) so bookmarks, tests and autofill keep working; error keys are the
 * API's (name, phone, email, fields.<key>).
 */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../platform/i18n.js';
import { formatWhen, jstDate, jstTime } from '../../../platform/japan-time.js';
import type { AppContext } from '../../../platform/context.js';
import { errors } from '../../../http/errors.js';
import {
  calendar,
  citizenShell,
  errorSummary,
  notice,
  radios,
  summaryList,
  textArea,
  textField,
  type CalendarDayCell,
  type DayState,
  type FieldMessage,
} from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { monthCalendar, nextMonth, prevMonth, type CalendarDay, type SlotAvailability } from '../availability.js';
import { lastBookableDay } from '../rules.js';
import type { Service, ServiceField } from '../services.repository.js';
import { citizenMessages } from './citizen.messages.js';

/** A citizen page. With `hasErrors` the title says so first, so a screen reader hears it on arrival. */
export function citizenPage(req: FastifyRequest, title: string, main: SafeHtml, o: { hasErrors?: boolean } = {}): string {
  const t = citizenMessages.in(req.lang);
  return citizenShell({
    lang: req.lang,
    title,
    main,
    hasErrors: o.hasErrors,
    path: req.url,
    siteName: t('siteName'),
    nav: {
      label: t('menu'),
      items: [
        { href: '/', label: t('navBook') },
        { href: '/my', label: t('navMyPage') },
      ],
    },
  }).toString();
}

export const svcName = (s: Pick<Service, 'name' | 'nameEn'>, lang: Lang) => (lang === 'en' && s.nameEn ? s.nameEn : s.name);
export const svcDescription = (s: Pick<Service, 'description' | 'descriptionEn'>, lang: Lang) =>
  lang === 'en' && s.descriptionEn ? s.descriptionEn : s.description;
export const deptName = (s: Pick<Service, 'departmentName' | 'departmentNameEn'>, lang: Lang) =>
  lang === 'en' && s.departmentNameEn ? s.departmentNameEn : s.departmentName;

/** A booking's time, written the one way used on every page and in the e-mails. */
export const whenText = (lang: Lang, start: Date, end: Date): string => formatWhen(start, end, lang);

/**
 * The form adds 必須/任意 itself, so a label that already ends in 「（任意）」 or "(optional)" (as
 * staff often write them) loses that ending here instead of saying it twice.
 */
const OPTIONAL_MARK = /\s*[（(]\s*(任意|必須|optional|required)\s*[）)]\s*$/i;
const fieldLabel = (f: ServiceField, lang: Lang) => (lang === 'en' && f.labelEn ? f.labelEn : f.labelJa).replace(OPTIONAL_MARK, '');

export function serviceFacts(s: Service, lang: Lang): SafeHtml {
  const t = citizenMessages.in(lang);
  return summaryList({
    items: [
      { term: t('place'), value: s.place },
      { term: t('duration'), value: t('durationMinutes', { minutes: s.durationMinutes }) },
      { term: t('department'), value: deptName(s, lang) },
    ],
  });
}

/** A day of the availability calendar as the calendar component draws it: a day with room (◎, △) links to its times. */
const dayCell = (d: CalendarDay): CalendarDayCell => {
  const state: DayState = d.bookable ? (d.mark === '△' ? 'few' : 'open') : d.mark === '×' ? 'full' : 'closed';
  return { date: d.date, state, label: d.status.holidayName };
};

/**
 * The calendar step, shared by booking (`/services/:id`) and My Page's change of date: the month's
 * days linking to `${base}/days/<date>`, with links to the neighbouring bookable months.
 */
export async function calendarSection(ctx: AppContext, lang: Lang, service: Service, month: string, base: string): Promise<SafeHtml> {
  const t = citizenMessages.in(lang);
  const now = ctx.clock.now();
  const cal = await monthCalendar(ctx, service.id, month, now);
  if (!cal) throw errors.notFound();
  const thisMonth = jstDate(now).slice(0, 7);
  const lastMonth = lastBookableDay({ ...service, schedule: service.schedule, exceptions: [], id: service.id }, now).slice(0, 7);
  const hasOpenDay = cal.days.some((d) => d.bookable);
  return html`<h2>${t('chooseDay')}</h2>
${calendar({
  lang,
  month,
  days: cal.days.map(dayCell),
  hrefFor: (d) => `${base}/days/${d}`,
  prevHref: month > thisMonth ? `${base}?month=${prevMonth(month)}` : undefined,
  nextHref: month < lastMonth ? `${base}?month=${nextMonth(month)}` : undefined,
})}
${hasOpenDay ? '' : notice({ kind: 'warning', body: t('noDaysThisMonth') })}`;
}

/** A slot button's text; the remaining count never breaks inside (「残 / り4」 at 390 px). */
export function slotText(lang: Lang, s: SlotAvailability): SafeHtml {
  return html`<span class="slot-time">${jstTime(s.start)}〜${jstTime(s.end)}</span> <span class="muted slot-remaining">${citizenMessages.t(lang, 'remaining', { count: s.remaining })}</span>`;
}

/** The times step: each free slot a link (to the form, or to My Page's change confirmation). */
export function timesList(lang: Lang, slots: readonly SlotAvailability[], linkFor: (s: SlotAvailability) => string): SafeHtml {
  if (!slots.length) return notice({ kind: 'warning', body: citizenMessages.t(lang, 'noTimesThisDay') });
  return html`<ul class="slot-list">${slots.map(
    (s) => html`<li><a class="button button--secondary slot" href="${linkFor(s)}">${slotText(lang, s)}</a></li>`,
  )}</ul>`;
}

// ---------- the details form ----------

export type FormValues = { name?: string; phone?: string; email?: string; fields?: Record<string, string> };

const CORE = ['name', 'phone', 'email'];
const isCore = (key: string) => CORE.includes(key);
/** Form names: name, phone, email, f_<key>. */
const formName = (key: string) => (isCore(key) ? key : `f_${key}`);
/** Error keys as the API: name, phone, email, fields.<key>. */
const errorKey = (key: string) => (isCore(key) ? key : `fields.${key}`);
/** The control an error key's message belongs to (the error summary links there). */
const inputId = (errKey: string) => `in-${errKey.replace(/^fields\./, 'f_')}`;

const valueOf = (v: FormValues, key: string): string =>
  isCore(key) ? ((v as Record<string, string | undefined>)[key] ?? '') : (v.fields?.[key] ?? '');

/** Labels by error key, for the error summary ("電話番号: …"); `start` is the chosen date and time. */
function fieldLabels(service: Service, lang: Lang): Record<string, string> {
  return {
    ...Object.fromEntries(service.fields.map((f) => [errorKey(f.key), fieldLabel(f, lang)])),
    start: citizenMessages.t(lang, 'dateAndTime'),
  };
}

/** The list of a refused form's problems, each linking to its field. */
export function formErrorSummary(lang: Lang, service: Service, errs: readonly FieldMessage[]): SafeHtml {
  return errorSummary({ title: citizenMessages.t(lang, 'checkInput'), errors: errs, fieldId: inputId, labels: fieldLabels(service, lang) });
}

/** The service's fields as form controls, with what was typed and each field's error. */
export function bookingFields(lang: Lang, service: Service, v: FormValues, errs: readonly FieldMessage[]): SafeHtml {
  const t = citizenMessages.in(lang);
  return html`${service.fields.map((f) => {
    const ek = errorKey(f.key);
    const base = {
      lang,
      name: formName(f.key),
      id: inputId(ek),
      errorKey: ek,
      errors: errs,
      label: fieldLabel(f, lang),
      required: f.required,
    };
    const value = valueOf(v, f.key);
    if (f.type === 'choice') return radios({ ...base, value, choices: (f.options ?? []).map((o) => ({ value: o.value, label: o[lang] })) });
    if (f.type === 'textarea') return textArea({ ...base, value, maxLength: f.maxLength });
    const hint = f.key === 'phone' ? t('phoneHint') : f.key === 'email' ? t('emailHint') : undefined;
    return textField({
      ...base,
      hint,
      value,
      type: f.type === 'tel' ? 'tel' : f.type === 'email' ? 'email' : 'text',
      inputmode: f.type === 'tel' ? 'tel' : undefined,
      maxLength: f.maxLength,
      autocomplete: f.key === 'name' ? 'name' : f.key === 'phone' ? 'tel' : f.key === 'email' ? 'email' : 'off',
    });
  })}`;
}

/** Hidden inputs that carry the answers through the confirmation and "choose another time" steps. */
export function hiddenValues(service: Service, v: FormValues): SafeHtml {
  return html`${service.fields.map((f) => html`<input type="hidden" name="${formName(f.key)}" value="${valueOf(v, f.key)}">`)}`;
}

/** The answers as a description list (a choice shows its label). */
export function valuesTable(lang: Lang, service: Service, v: FormValues): SafeHtml {
  return summaryList({
    emptyText: citizenMessages.t(lang, 'none'),
    items: service.fields.map((f) => {
      const value = valueOf(v, f.key);
      return {
        term: fieldLabel(f, lang),
        value: f.type === 'choice' ? (f.options?.find((o) => o.value === value)?.[lang] ?? value) : value,
      };
    }),
  });
}

/** The answers of a posted details form (anything that is not one string reads as empty). */
export function readForm(service: Service, body: Readonly<Record<string, unknown>>): FormValues {
  const s = (x: unknown) => (typeof x === 'string' ? x : '');
  const fields: Record<string, string> = {};
  for (const f of service.fields) if (!isCore(f.key)) fields[f.key] = s(body[formName(f.key)]);
  return { name: s(body.name), phone: s(body.phone), email: s(body.email), fields };
}

/** The answers as the booking operations take them (blank optional fields left out). */
export function toContact(v: FormValues) {
  return {
    name: v.name,
    phone: v.phone,
    email: v.email || null,
    fields: Object.fromEntries(Object.entries(v.fields ?? {}).filter(([, x]) => x !== '')),
  };
}
