/** Citizen page templates (server-rendered, no JavaScript needed, phone first). */
import type { FastifyRequest } from 'fastify';
import type { Lang, Text } from '../../http/i18n.js';
import { html, raw, type SafeHtml } from '../html.js';
import { citizenShell } from '../components/citizen-shell.js';
import type { CalendarDay, SlotAvailability } from '../../modules/reservations/availability.js';
import { formatDateLong, formatWhen, jstTime, weekday, weekdayName } from '../../platform/japan-time.js';
import type { Service, ServiceField } from '../../modules/reservations/services.repository.js';
import { displayNumber } from '../../modules/reservations/reservation-number.js';

export const t = (lang: Lang, text: Text) => text[lang];

/** A citizen page. With `hasErrors` the title says so first, so a screen reader hears it on arrival. */
export function citizenPage(req: FastifyRequest, title: string, main: SafeHtml, o: { hasErrors?: boolean } = {}): string {
  const lang = req.lang;
  return citizenShell({
    lang,
    title,
    main,
    hasErrors: o.hasErrors,
    path: req.url,
    siteName: lang === 'ja' ? 'まどぐち 窓口予約' : 'madoguchi bookings',
    nav: {
      label: lang === 'ja' ? 'メニュー' : 'Menu',
      items: [
        { href: '/', label: lang === 'ja' ? '予約する' : 'Book' },
        { href: '/my', label: lang === 'ja' ? 'マイページ（予約の確認・変更・取消）' : 'My Page' },
      ],
    },
  }).toString();
}

export const svcName = (s: Pick<Service, 'name' | 'nameEn'>, lang: Lang) => (lang === 'en' && s.nameEn ? s.nameEn : s.name);
export const svcDescription = (s: Pick<Service, 'description' | 'descriptionEn'>, lang: Lang) =>
  lang === 'en' && s.descriptionEn ? s.descriptionEn : s.description;
export const deptName = (s: Pick<Service, 'departmentName' | 'departmentNameEn'>, lang: Lang) =>
  lang === 'en' && s.departmentNameEn ? s.departmentNameEn : s.departmentName;
/**
 * The form adds 必須/任意 itself, so a label that already ends in 「（任意）」 or "(optional)" (as
 * staff often write them) loses that ending here instead of saying it twice.
 */
const OPTIONAL_MARK = /\s*[（(]\s*(任意|必須|optional|required)\s*[）)]\s*$/i;
export const fieldLabel = (f: ServiceField, lang: Lang) => (lang === 'en' && f.labelEn ? f.labelEn : f.labelJa).replace(OPTIONAL_MARK, '');

export function serviceFacts(s: Service, lang: Lang): SafeHtml {
  return html`<dl class="facts">
  <div><dt>${lang === 'ja' ? '場所' : 'Place'}</dt><dd>${s.place}</dd></div>
  <div><dt>${lang === 'ja' ? '所要時間' : 'Duration'}</dt><dd>${lang === 'ja' ? `${s.durationMinutes}分` : `${s.durationMinutes} min`}</dd></div>
  <div><dt>${lang === 'ja' ? '担当' : 'Department'}</dt><dd>${deptName(s, lang)}</dd></div>
</dl>`;
}

const MARK_TEXT: Record<string, Text> = {
  '◎': { ja: '空きあり', en: 'available' },
  '△': { ja: '残りわずか', en: 'few left' },
  '×': { ja: '満員', en: 'full' },
  '－': { ja: '受付なし', en: 'not bookable' },
};

export function legend(lang: Lang): SafeHtml {
  return html`<p class="legend">${Object.entries(MARK_TEXT).map(([mk, tx]) => html`<span><span aria-hidden="true">${mk}</span> ${tx[lang]}</span> `)}</p>`;
}

/** A month as a table (Sunday first); bookable days link to their times. */
export function calendarTable(lang: Lang, month: string, days: CalendarDay[], linkFor: (date: string) => string): SafeHtml {
  const first = days[0]?.date ?? `${month}-01`;
  const pad = weekday(first);
  const cells: (CalendarDay | null)[] = [...Array.from({ length: pad }, () => null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks: (CalendarDay | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const [y, m] = month.split('-').map(Number) as [number, number];
  const caption = lang === 'ja' ? `${y}年${m}月` : `${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]} ${y}`;
  return html`<table class="calendar">
  <caption>${caption}</caption>
  <thead><tr>${[0, 1, 2, 3, 4, 5, 6].map((w) => html`<th scope="col" class="${w === 0 ? 'sun' : w === 6 ? 'sat' : ''}">${weekdayName(w, lang)}</th>`)}</tr></thead>
  <tbody>${weeks.map(
    (week) => html`<tr>${week.map((d) => {
      if (!d) return html`<td class="empty"></td>`;
      const dayNum = Number(d.date.slice(8));
      const label = `${formatDateLong(d.date, lang)} ${MARK_TEXT[d.mark]?.[lang] ?? ''}${d.status.holidayName ? ` ${d.status.holidayName}` : ''}`;
      return d.bookable
        ? html`<td class="day day--open"><a href="${linkFor(d.date)}" aria-label="${label}"><span class="day-num">${dayNum}</span><span class="mark" aria-hidden="true">${d.mark}</span></a></td>`
        : html`<td class="day day--closed"><span class="visually-hidden">${label}</span><span aria-hidden="true"><span class="day-num">${dayNum}</span><span class="mark">${d.mark}</span></span></td>`;
    })}</tr>`,
  )}</tbody>
</table>`;
}

export function timesList(lang: Lang, slots: SlotAvailability[], linkFor: (s: SlotAvailability) => string): SafeHtml {
  if (!slots.length) return html`<p class="notice notice--warning">${lang === 'ja' ? 'この日に予約できる時間はありません。別の日を選んでください。' : 'No times left on this day. Please choose another day.'}</p>`;
  return html`<ul class="slot-list">${slots.map(
    (s) => html`<li><a class="button button--secondary slot" href="${linkFor(s)}">${slotText(lang, s)}</a></li>`,
  )}</ul>`;
}

/** A slot button's text; the remaining count never breaks inside (「残 / り4」 at 390 px). */
export function slotText(lang: Lang, s: SlotAvailability): SafeHtml {
  return html`<span class="slot-time">${jstTime(s.start)}〜${jstTime(s.end)}</span> <span class="muted slot-remaining">${lang === 'ja' ? `残り${s.remaining}` : `${s.remaining} left`}</span>`;
}

export type FormValues = { name?: string; phone?: string; email?: string; fields?: Record<string, string> };
export type FormErrors = Record<string, string>;

/** Form names: name, phone, email, f_<key>; error keys as the API: name, phone, email, fields.<key>. */
export const formName = (key: string) => (['name', 'phone', 'email'].includes(key) ? key : `f_${key}`);
const errorKey = (key: string) => (['name', 'phone', 'email'].includes(key) ? key : `fields.${key}`);

export function errorSummary(lang: Lang, errs: FormErrors, labels: Record<string, string>): SafeHtml {
  const entries = Object.entries(errs);
  if (!entries.length) return html``;
  // autofocus moves focus to the summary on arrival without any script (CSP forbids inline script)
  return html`<div class="notice notice--error" role="alert" tabindex="-1" id="error-summary" autofocus>
  <h2>${lang === 'ja' ? '入力内容を確認してください' : 'Please check what you entered'}</h2>
  <ul>${entries.map(([k, v]) => html`<li><a href="#${inputId(k)}">${labels[k] ?? k}: ${v}</a></li>`)}</ul>
</div>`;
}

const inputId = (errKey: string) => `in-${errKey.replace(/^fields\./, 'f_')}`;

export function fieldInputs(lang: Lang, service: Service, v: FormValues, errs: FormErrors): SafeHtml {
  return html`${service.fields.map((f) => {
    const ek = errorKey(f.key);
    const id = inputId(ek);
    const name = formName(f.key);
    const value = ['name', 'phone', 'email'].includes(f.key) ? ((v as Record<string, string | undefined>)[f.key] ?? '') : (v.fields?.[f.key] ?? '');
    const err = errs[ek];
    const req = f.required ? html`<span class="required">${lang === 'ja' ? '必須' : 'required'}</span>` : html`<span class="optional">${lang === 'ja' ? '任意' : 'optional'}</span>`;
    const describedBy = [err ? `${id}-error` : '', f.key === 'phone' || f.key === 'email' ? `${id}-hint` : ''].filter(Boolean).join(' ');
    const hint =
      f.key === 'phone'
        ? html`<span class="hint" id="${id}-hint">${lang === 'ja' ? '例: 090-1234-5678（予約の確認に使います）' : 'e.g. 090-1234-5678 (used to find your booking)'}</span>`
        : f.key === 'email'
          ? html`<span class="hint" id="${id}-hint">${lang === 'ja' ? '予約完了・前日のお知らせをお送りします' : 'We send the confirmation and a reminder'}</span>`
          : html``;
    const errHtml = err ? html`<p class="field-error" id="${id}-error">${err}</p>` : html``;
    const aria = raw(`${err ? ' aria-invalid="true"' : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}${f.required ? ' required' : ''}`);
    if (f.type === 'choice')
      return html`<fieldset class="form-field" id="${id}"${raw(describedBy ? ` aria-describedby="${describedBy}"` : '')}>
  <legend>${fieldLabel(f, lang)}${req}</legend>${errHtml}
  ${(f.options ?? []).map(
    (o, i) => html`<div class="choice"><input type="radio" name="${name}" id="${id}-${i}" value="${o.value}"${raw(o.value === value ? ' checked' : '')}${raw(f.required ? ' required' : '')}><label for="${id}-${i}">${o[lang]}</label></div>`,
  )}
</fieldset>`;
    const type = f.type === 'tel' ? 'tel' : f.type === 'email' ? 'email' : 'text';
    const autocomplete = f.key === 'name' ? 'name' : f.key === 'phone' ? 'tel' : f.key === 'email' ? 'email' : 'off';
    return html`<div class="form-field">
  <label for="${id}">${fieldLabel(f, lang)}${req}</label>${hint}${errHtml}
  ${f.type === 'textarea'
    ? html`<textarea id="${id}" name="${name}" maxlength="${f.maxLength}"${aria}>${value}</textarea>`
    : html`<input type="${type}" id="${id}" name="${name}" value="${value}" maxlength="${f.maxLength}" autocomplete="${autocomplete}"${raw(type === 'tel' ? ' inputmode="tel"' : '')}${aria}>`}
</div>`;
  })}`;
}

export function fieldLabels(service: Service, lang: Lang): Record<string, string> {
  return {
    ...Object.fromEntries(service.fields.map((f) => [errorKey(f.key), fieldLabel(f, lang)])),
    start: lang === 'ja' ? '日時' : 'Date and time',
  };
}

/** Hidden inputs that carry the form values to the confirmation step. */
export function hiddenValues(service: Service, v: FormValues): SafeHtml {
  return html`${service.fields.map((f) => {
    const value = ['name', 'phone', 'email'].includes(f.key) ? ((v as Record<string, string | undefined>)[f.key] ?? '') : (v.fields?.[f.key] ?? '');
    return html`<input type="hidden" name="${formName(f.key)}" value="${value}">`;
  })}`;
}

export function valuesTable(lang: Lang, service: Service, v: FormValues): SafeHtml {
  return html`<dl class="facts">${service.fields.map((f) => {
    let value = ['name', 'phone', 'email'].includes(f.key) ? ((v as Record<string, string | undefined>)[f.key] ?? '') : (v.fields?.[f.key] ?? '');
    if (f.type === 'choice') value = f.options?.find((o) => o.value === value)?.[lang] ?? value;
    return html`<div><dt>${fieldLabel(f, lang)}</dt><dd>${value || (lang === 'ja' ? '（なし）' : '(none)')}</dd></div>`;
  })}</dl>`;
}

/** A booking's time, written the one way used on every page and in the e-mails (formatWhen). */
export function whenText(lang: Lang, start: Date, end: Date): string {
  return formatWhen(start, end, lang);
}

export { displayNumber };

/** Reads form values posted by fieldInputs. */
export function readForm(service: Service, body: Record<string, unknown>): FormValues {
  const s = (x: unknown) => (typeof x === 'string' ? x : '');
  const fields: Record<string, string> = {};
  for (const f of service.fields) if (!['name', 'phone', 'email'].includes(f.key)) fields[f.key] = s(body[formName(f.key)]);
  return { name: s(body.name), phone: s(body.phone), email: s(body.email), fields };
}

export function toContact(v: FormValues) {
  return {
    name: v.name,
    phone: v.phone,
    email: v.email || null,
    fields: Object.fromEntries(Object.entries(v.fields ?? {}).filter(([, x]) => x !== '')),
  };
}
