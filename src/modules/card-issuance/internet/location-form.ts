/**
 * The pickup-location settings form on the booking-site staff page: parsing (field-level messages,
 * nothing saved unless every field is right) and rendering (the typed values are shown again after
 * an error).
 */
import type { FastifyRequest } from 'fastify';
import type { Text } from '../../../http/i18n.js';
import { html, raw, type SafeHtml } from '../../../web/html.js';
import { csrfField } from '../../staff/index.js';
import type { PickupException } from '../../reservations/index.js';
import { capacityOf, type Location, type LocationInput } from './locations.js';

export const LOCATION_FIELDS = [
  'code', 'name', 'nameEn', 'counters', 'peoplePerCounter', 'slotMinutes', 'openTime', 'closeTime', 'weekdays', 'opensDaysAhead',
  'bookUntilMinutes', 'isActive',
] as const;
export type LocationForm = Record<(typeof LOCATION_FIELDS)[number], string>;
/** Typed values and field messages of a form that was refused; `code` '' is the "add" form. */
export type LocationFormState = LocationForm & { errors: Record<string, Text | string> };

const SLOT_MINUTES = [10, 15, 20, 30, 60];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const END_TIME = /^([01]\d|2[0-4]):[0-5]\d$/;
const WEEKDAYS: Text[] = [
  { ja: '日', en: 'Sun' }, { ja: '月', en: 'Mon' }, { ja: '火', en: 'Tue' }, { ja: '水', en: 'Wed' },
  { ja: '木', en: 'Thu' }, { ja: '金', en: 'Fri' }, { ja: '土', en: 'Sat' },
];

const M = {
  code: { ja: 'コードは英小文字・数字・-・_ で40文字以内（先頭は英小文字か数字）にしてください。', en: 'Use up to 40 lower-case letters, digits, - or _ (starting with a letter or digit).' },
  name: { ja: '名称を100文字以内で入力してください。', en: 'Enter a name of up to 100 characters.' },
  counters: { ja: '窓口数は0〜100の整数で入力してください。', en: 'Counters: a whole number from 0 to 100.' },
  people: { ja: '人数は1〜50の整数で入力してください。', en: 'People per counter: a whole number from 1 to 50.' },
  capacity: { ja: '1枠の定員（窓口数×人数）は1000人以内にしてください。', en: 'A slot can hold at most 1,000 people (counters × people).' },
  slot: { ja: '1枠の長さを選んでください。', en: 'Choose the slot length.' },
  time: { ja: '受付時間は HH:MM で、開始を終了より前にしてください。', en: 'Opening hours as HH:MM, the start before the end.' },
  weekdays: { ja: '受付する曜日を1つ以上選んでください。', en: 'Choose at least one weekday.' },
  opens: { ja: '予約受付開始は1〜400日前の整数で入力してください。', en: 'Bookings open 1 to 400 days ahead.' },
  until: { ja: '締切は0〜43200分前の整数で入力してください。', en: 'Bookings close 0 to 43,200 minutes before.' },
} satisfies Record<string, Text>;

const int = (v: string, min: number, max: number) => {
  const n = Number(v.normalize('NFKC').trim());
  return v.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** Field-level messages in Japanese and English; the form is used by staff in either language. */
export function parseLocationForm(
  f: LocationForm,
  fixedCode: string | undefined,
): { ok: true; value: Omit<LocationInput, 'departmentId'> } | { ok: false; errors: Record<string, Text> } {
  const errors: Record<string, Text> = {};
  const code = fixedCode ?? f.code.trim();
  if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(code)) errors.code = M.code;
  const name = f.name.trim();
  if (!name || name.length > 100) errors.name = M.name;
  const nameEn = f.nameEn.trim().slice(0, 100);
  const counters = int(f.counters, 0, 100);
  if (counters === undefined) errors.counters = M.counters;
  const peoplePerCounter = int(f.peoplePerCounter, 1, 50);
  if (peoplePerCounter === undefined) errors.peoplePerCounter = M.people;
  if (counters !== undefined && peoplePerCounter !== undefined && counters * peoplePerCounter > 1000) errors.counters = M.capacity;
  const slotMinutes = int(f.slotMinutes, 5, 480);
  if (slotMinutes === undefined || !SLOT_MINUTES.includes(slotMinutes)) errors.slotMinutes = M.slot;
  const openTime = f.openTime.normalize('NFKC').trim().padStart(5, '0');
  const closeTime = f.closeTime.normalize('NFKC').trim().padStart(5, '0');
  if (!TIME.test(openTime) || !END_TIME.test(closeTime) || openTime >= closeTime) errors.openTime = M.time;
  const weekdays = [...new Set(f.weekdays.split(',').filter((x) => /^[0-6]$/.test(x)).map(Number))].sort();
  if (weekdays.length === 0) errors.weekdays = M.weekdays;
  const opensDaysAhead = int(f.opensDaysAhead, 1, 400);
  if (opensDaysAhead === undefined) errors.opensDaysAhead = M.opens;
  const bookUntilMinutes = int(f.bookUntilMinutes, 0, 43200);
  if (bookUntilMinutes === undefined) errors.bookUntilMinutes = M.until;
  if (Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    value: {
      code, name, nameEn, counters: counters as number, peoplePerCounter: peoplePerCounter as number, slotMinutes: slotMinutes as number,
      openTime, closeTime, weekdays, opensDaysAhead: opensDaysAhead as number, bookUntilMinutes: bookUntilMinutes as number,
      isActive: f.isActive === '1',
    },
  };
}

const asForm = (l: Location): LocationForm => ({
  code: l.code, name: l.name, nameEn: l.nameEn, counters: String(l.counters), peoplePerCounter: String(l.peoplePerCounter),
  slotMinutes: String(l.slotMinutes), openTime: l.openTime, closeTime: l.closeTime, weekdays: l.weekdays.join(','),
  opensDaysAhead: String(l.opensDaysAhead), bookUntilMinutes: String(l.bookUntilMinutes), isActive: l.isActive ? '1' : '',
});

const NEW_LOCATION: LocationForm = {
  code: '', name: '', nameEn: '', counters: '1', peoplePerCounter: '2', slotMinutes: '30', openTime: '09:00', closeTime: '17:00',
  weekdays: '1,2,3,4,5', opensDaysAhead: '30', bookUntilMinutes: '1440', isActive: '1',
};

/** The settings form of a location (or, without one, the form that adds a location). */
export function locationForm(req: FastifyRequest, l: Location | undefined, state?: LocationFormState): SafeHtml {
  const lang = req.lang;
  const t = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const v = state ?? (l ? asForm(l) : NEW_LOCATION);
  const err = (state?.errors ?? {}) as Record<string, Text | string>;
  const id = (k: string) => `${l?.code ?? 'new'}-${k}`;
  const msg = (k: string) => {
    const e = err[k];
    return e ? html`<p class="field-error" id="${id(k)}-error">${typeof e === 'string' ? e : e[lang]}</p>` : '';
  };
  const described = (k: string) => (err[k] ? raw(` aria-invalid="true" aria-describedby="${id(k)}-error"`) : '');
  const input = (k: keyof LocationForm, label: string, attrs: string) => html`<div class="form-field"><label for="${id(k)}">${label}</label>${msg(k)}
<input id="${id(k)}" name="${k}" value="${v[k]}"${raw(` ${attrs}`)}${described(k)}></div>`;
  const days = new Set(v.weekdays.split(','));
  return html`<form method="post" action="${l ? `/staff/card-site/locations/${l.code}` : '/staff/card-site/locations'}">${csrfField(req)}
${l ? '' : input('code', t('コード（URLに使う英数字。例 honcho）', 'Code (letters and digits used in links, e.g. honcho)'), 'required maxlength="40" autocomplete="off"')}
${input('name', t('名称', 'Name'), 'required maxlength="100"')}
${input('nameEn', t('英語名（任意）', 'English name (optional)'), 'maxlength="100"')}
${input('counters', t('開いている窓口数', 'Open counters'), 'type="number" min="0" max="100" required')}
${input('peoplePerCounter', t('1窓口が1枠で応対できる人数', 'People one counter serves per slot'), 'type="number" min="1" max="50" required')}
<div class="form-field"><label for="${id('slotMinutes')}">${t('1枠の長さ', 'Slot length')}</label>${msg('slotMinutes')}
<select id="${id('slotMinutes')}" name="slotMinutes"${described('slotMinutes')}>${SLOT_MINUTES.map((m) => html`<option value="${m}"${raw(String(m) === v.slotMinutes ? ' selected' : '')}>${m}${t('分', ' min')}</option>`)}</select></div>
${input('openTime', t('受付開始時刻', 'Opens at'), 'type="time" required')}
${input('closeTime', t('受付終了時刻', 'Closes at'), 'type="time" required')}
<fieldset${described('weekdays')}><legend>${t('受付する曜日', 'Open weekdays')}</legend>${msg('weekdays')}
<div class="choice-row">${WEEKDAYS.map((w, i) => html`<span class="choice"><input type="checkbox" id="${id(`wd${i}`)}" name="weekdays" value="${i}"${raw(days.has(String(i)) ? ' checked' : '')}><label for="${id(`wd${i}`)}">${w[lang]}</label></span>`)}</div></fieldset>
${input('opensDaysAhead', t('何日先まで予約できるか', 'Bookable up to this many days ahead'), 'type="number" min="1" max="400" required')}
${input('bookUntilMinutes', t('締切（開始の何分前まで。1440＝前日の同時刻）', 'Booking closes this many minutes before (1440 = a day)'), 'type="number" min="0" max="43200" required')}
<div class="choice"><input type="checkbox" id="${id('isActive')}" name="isActive" value="1"${raw(v.isActive === '1' ? ' checked' : '')}><label for="${id('isActive')}">${t('予約を受け付ける', 'Takes bookings')}</label></div>
<button type="submit" class="button">${l ? t('保存', 'Save') : t('追加', 'Add')}</button></form>`;
}

/** A location: its capacity at a glance, its settings and its own closures / extra openings. */
export function locationSection(req: FastifyRequest, l: Location, exceptions: PickupException[], state?: LocationFormState): SafeHtml {
  const lang = req.lang;
  const t = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const days = l.weekdays.map((w) => WEEKDAYS[w]?.[lang]).join(lang === 'ja' ? '・' : ', ');
  return html`<details class="location"${raw(state ? ' open' : '')}><summary>${l.name}${l.isActive ? '' : t('（受付停止中）', ' (not taking bookings)')} —
${t(`1枠${capacityOf(l)}人（窓口${l.counters}×${l.peoplePerCounter}人）、${l.slotMinutes}分枠、${days} ${l.openTime}〜${l.closeTime}`, `${capacityOf(l)} per slot (${l.counters} counters × ${l.peoplePerCounter}), ${l.slotMinutes}-min slots, ${days} ${l.openTime}–${l.closeTime}`)}</summary>
${locationForm(req, l, state)}
<h3>${t('休止日・臨時開設', 'Closures and extra openings')}</h3>
${exceptions.length === 0 ? html`<p>${t('登録はありません。', 'None.')}</p>` : html`<ul>${exceptions.map((e) => html`<li>${e.day} ${e.kind === 'closed' ? t('休止', 'closed') : `${t('臨時開設', 'extra opening')} ${e.start}–${e.end}`} ${e.note}
<form method="post" action="/staff/card-site/locations/${l.code}/exceptions/${e.id}/delete" class="inline-form">${csrfField(req)}<button type="submit" class="button button--secondary button--small">${t('削除', 'Remove')}</button></form></li>`)}</ul>`}
<form method="post" action="/staff/card-site/locations/${l.code}/exceptions" class="filters">${csrfField(req)}
<div class="form-field"><label for="${l.code}-ex-day">${t('日付', 'Date')}</label><input id="${l.code}-ex-day" name="day" type="date" required></div>
<div class="form-field"><label for="${l.code}-ex-kind">${t('種類', 'Kind')}</label><select id="${l.code}-ex-kind" name="kind"><option value="closed">${t('休止（終日）', 'Closed all day')}</option><option value="open">${t('臨時開設', 'Extra opening')}</option></select></div>
<div class="form-field"><label for="${l.code}-ex-start">${t('開始（臨時開設のみ）', 'From (extra opening)')}</label><input id="${l.code}-ex-start" name="start" type="time"></div>
<div class="form-field"><label for="${l.code}-ex-end">${t('終了（臨時開設のみ）', 'To (extra opening)')}</label><input id="${l.code}-ex-end" name="end" type="time"></div>
<div class="form-field"><label for="${l.code}-ex-note">${t('メモ', 'Note')}</label><input id="${l.code}-ex-note" name="note" maxlength="200"></div>
<button type="submit" class="button button--secondary">${t('追加', 'Add')}</button></form></details>`;
}
