/**
 * Managing bookable services (department administrators): settings, weekly schedule, input fields
 * with their privacy classification, and the city's closures / extra openings per service.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, type StaffActor } from '../../http/actor.js';
import { AppError, errors } from '../../http/errors.js';
import type { Lang } from '../../http/i18n.js';
import type { AppContext } from '../../platform/context.js';
import { html, raw, type SafeHtml } from '../../web/html.js';
import { auditContextOf } from '../audit/index.js';
import { csrfField, registerStaffNav, renderStaffPage } from '../staff/index.js';
import { bookingsHitByClosure, cancelForClosure, notifyForClosure } from './closure-bookings.js';
import { formatPhoneJp } from './format-phone.js';
import { formatDateLong, isValidDate, jstDate, jstTime, weekdayName } from '../../platform/japan-time.js';
import { displayNumber } from './reservation-number.js';
import { channelLabel } from './staff-queries.js';
import { addException, createService, listExceptions, removeException, replaceFields, replaceSchedule, updateService, type FieldSpec, type ScheduleSpec, type ServiceSettings } from './manage-services.js';
import { can, managesAnyService, visibleDepartments } from './reservations.policy.js';
import { findService, listServices, type Service } from './services.repository.js';
import { tabs } from './staff-pages.js';

type B = Record<string, string | string[] | undefined>;
const send = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body);
const STAFF = { config: { auth: 'staff' as const } };
const str = (b: B, k: string) => (Array.isArray(b[k]) ? (b[k] as string[])[0] : (b[k] as string | undefined)) ?? '';
const num = (b: B, k: string, min: number, max: number, field: string, errs: { field: string; message: { ja: string; en: string } }[]) => {
  const n = Number(str(b, k));
  if (!Number.isInteger(n) || n < min || n > max) errs.push({ field, message: { ja: `${min}〜${max}の整数で入力してください。`, en: `Enter a whole number ${min}–${max}.` } });
  return n;
};

const page = (req: FastifyRequest, title: string, main: SafeHtml) => renderStaffPage(req, { title, active: 'reservations', main: html`${tabs(req.lang, 'services')}${main}` });

type FieldError = { field: string; message: { ja: string; en: string } };

function settingsFrom(b: B): ServiceSettings {
  const errs: FieldError[] = [];
  const name = str(b, 'name').trim();
  if (!name || name.length > 100) errs.push({ field: 'name', message: { ja: '名称を100文字以内で入力してください。', en: 'Enter a name (max 100).' } });
  const nameEn = str(b, 'nameEn').trim();
  if (nameEn.length > 100) errs.push({ field: 'nameEn', message: { ja: '英語の名称は100文字以内で入力してください。', en: 'Keep the English name within 100 characters.' } });
  const description = str(b, 'description');
  if (description.length > 2000) errs.push({ field: 'description', message: { ja: '説明は2000文字以内で入力してください。', en: 'Keep the description within 2000 characters.' } });
  const descriptionEn = str(b, 'descriptionEn').trim();
  if (descriptionEn.length > 2000) errs.push({ field: 'descriptionEn', message: { ja: '英語の説明は2000文字以内で入力してください。', en: 'Keep the English description within 2000 characters.' } });
  const reminderTime = str(b, 'reminderTime');
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(reminderTime)) errs.push({ field: 'reminderTime', message: { ja: 'HH:MM で入力してください。', en: 'Use HH:MM.' } });
  const s: ServiceSettings = {
    kind: str(b, 'kind') === 'consultation' ? 'consultation' : 'counter',
    name,
    nameEn: nameEn || null,
    description,
    descriptionEn,
    place: str(b, 'place').slice(0, 200),
    durationMinutes: num(b, 'durationMinutes', 5, 480, 'durationMinutes', errs),
    capacity: num(b, 'capacity', 1, 1000, 'capacity', errs),
    opensDaysAhead: num(b, 'opensDaysAhead', 1, 400, 'opensDaysAhead', errs),
    bookUntilMinutes: num(b, 'bookUntilMinutes', 0, 43200, 'bookUntilMinutes', errs),
    changeUntilMinutes: num(b, 'changeUntilMinutes', 0, 43200, 'changeUntilMinutes', errs),
    closedOnNationalHolidays: str(b, 'closedOnNationalHolidays') === '1',
    closedYearEnd: str(b, 'closedYearEnd') === '1',
    reminderDaysBefore: num(b, 'reminderDaysBefore', 0, 30, 'reminderDaysBefore', errs),
    reminderTime,
    remindersEnabled: str(b, 'remindersEnabled') === '1',
    retentionDays: num(b, 'retentionDays', 1, 3650, 'retentionDays', errs),
    isActive: str(b, 'isActive') === '1',
  };
  if (errs.length) throw errors.validation(errs);
  return s;
}

/** "09:00-12:00, 13:00-16:30" per weekday. */
function scheduleFrom(b: B): ScheduleSpec[] {
  const out: ScheduleSpec[] = [];
  const errs: { field: string; message: { ja: string; en: string } }[] = [];
  for (let w = 0; w < 7; w++)
    for (const part of str(b, `w${w}`).split(/[,、，\s]+/).filter(Boolean)) {
      const m = /^(\d{1,2}:\d{2})[-〜~](\d{1,2}:\d{2})$/.exec(part.normalize('NFKC'));
      if (!m) errs.push({ field: `w${w}`, message: { ja: '「09:00-12:00」の形で入力してください。', en: 'Use 09:00-12:00.' } });
      else out.push({ weekday: w, start: (m[1] as string).padStart(5, '0'), end: (m[2] as string).padStart(5, '0') });
    }
  if (errs.length) throw errors.validation(errs);
  return out;
}

function fieldsFrom(b: B): FieldSpec[] {
  const out: FieldSpec[] = [];
  for (let i = 0; i < 20; i++) {
    const key = str(b, `k${i}`).trim();
    if (!key) continue;
    const type = (['text', 'textarea', 'tel', 'email', 'choice'].includes(str(b, `t${i}`)) ? str(b, `t${i}`) : 'text') as FieldSpec['type'];
    const options = str(b, `o${i}`)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean)
      .map((l) => {
        const [value, ja, en] = l.split('|').map((x) => x.trim());
        return { value: value ?? '', ja: ja || value || '', en: en || ja || value || '' };
      });
    out.push({
      key,
      labelJa: str(b, `lj${i}`).trim(),
      labelEn: str(b, `le${i}`).trim(),
      type,
      required: str(b, `r${i}`) === '1',
      classification: (['personal', 'sensitive', 'none'].includes(str(b, `c${i}`)) ? str(b, `c${i}`) : 'personal') as FieldSpec['classification'],
      options: type === 'choice' ? options : null,
      maxLength: Math.min(4000, Math.max(1, Number(str(b, `m${i}`)) || 200)),
    });
  }
  return out;
}

/**
 * The service settings form. With `typed` (a refused submission), every field shows what was typed
 * and a refused field its message next to it.
 */
function settingsForm(lang: Lang, stored: Partial<Service>, typed?: { body: B; errors: FieldError[] }): SafeHtml {
  const errorOf = (name: string) => typed?.errors.find((e) => e.field === name)?.message[lang];
  const errorHtml = (name: string) => {
    const e = errorOf(name);
    return e ? html`<span class="field-error" id="s-${name}-error">${e}</span>` : html``;
  };
  const invalid = (name: string) => raw(errorOf(name) ? ` aria-invalid="true" aria-describedby="s-${name}-error"` : '');
  const textOf = (name: string, value: string | number | null | undefined) => (typed ? str(typed.body, name) : String(value ?? ''));
  const onOf = (name: string, value: boolean | undefined, fallback: boolean) => (typed ? str(typed.body, name) === '1' : (value ?? fallback));
  const s = stored;
  const input = (name: keyof Service & string, label: string, value: string | number | null | undefined, type = 'text', hint = '') =>
    html`<div class="form-field${errorOf(name) ? ' form-field--error' : ''}"><label for="s-${name}">${label}</label>${hint ? html`<span class="hint">${hint}</span>` : ''}${errorHtml(name)}<input type="${type}" id="s-${name}" name="${name}" value="${textOf(name, value)}"${invalid(name)}></div>`;
  const area = (name: keyof Service & string, label: string, value: string | null | undefined, hint = '') =>
    html`<div class="form-field${errorOf(name) ? ' form-field--error' : ''}"><label for="s-${name}">${label}</label>${hint ? html`<span class="hint">${hint}</span>` : ''}${errorHtml(name)}<textarea id="s-${name}" name="${name}"${invalid(name)}>${textOf(name, value)}</textarea></div>`;
  const check = (name: keyof Service & string, label: string, on: boolean | undefined, fallback: boolean) =>
    html`<div class="choice"><input type="checkbox" id="s-${name}" name="${name}" value="1"${raw(onOf(name, on, fallback) ? ' checked' : '')}><label for="s-${name}">${label}</label></div>`;
  const kind = typed ? str(typed.body, 'kind') : s.kind;
  const ja = lang === 'ja';
  return html`<div class="form-field"><label for="s-kind">${ja ? '種類' : 'Kind'}</label><select id="s-kind" name="kind"><option value="counter"${raw(kind !== 'consultation' ? ' selected' : '')}>${ja ? '窓口' : 'Counter'}</option><option value="consultation"${raw(kind === 'consultation' ? ' selected' : '')}>${ja ? '相談' : 'Consultation'}</option></select></div>
${input('name', ja ? '名称' : 'Name', s.name)}
${input('nameEn', ja ? '名称（英語）' : 'Name in English', s.nameEn, 'text', ja ? '英語のページに表示します。空欄なら日本語の名称を表示します。' : 'Shown on English pages; empty shows the Japanese name.')}
${area('description', ja ? '説明' : 'Description', s.description)}
${area('descriptionEn', ja ? '説明（英語）' : 'Description in English', s.descriptionEn, ja ? '英語のページに表示します。空欄なら日本語の説明を表示します。' : 'Shown on English pages; empty shows the Japanese description.')}
${input('place', ja ? '場所' : 'Place', s.place)}
${input('durationMinutes', ja ? '1枠の時間（分）' : 'Slot length (minutes)', s.durationMinutes ?? 30, 'number')}
${input('capacity', ja ? '1枠の定員（窓口数）' : 'Capacity per slot (windows)', s.capacity ?? 1, 'number')}
${input('opensDaysAhead', ja ? '何日先まで予約を受け付けるか' : 'Bookable days ahead', s.opensDaysAhead ?? 60, 'number')}
${input('bookUntilMinutes', ja ? '予約の締切（開始の何分前まで）' : 'Booking closes (minutes before)', s.bookUntilMinutes ?? 60, 'number')}
${input('changeUntilMinutes', ja ? '変更・取消の締切（開始の何分前まで）' : 'Changes close (minutes before)', s.changeUntilMinutes ?? 60, 'number')}
${check('closedOnNationalHolidays', ja ? '国民の祝日・振替休日・国民の休日は休み' : 'Closed on national holidays', s.closedOnNationalHolidays, true)}
${check('closedYearEnd', ja ? '年末年始（12/29〜1/3）は休み' : 'Closed 29 Dec – 3 Jan', s.closedYearEnd, true)}
${check('remindersEnabled', ja ? 'リマインドを送る' : 'Send reminders', s.remindersEnabled, true)}
${input('reminderDaysBefore', ja ? 'リマインド：何日前' : 'Reminder: days before', s.reminderDaysBefore ?? 1, 'number')}
${input('reminderTime', ja ? 'リマインド：時刻（HH:MM）' : 'Reminder: time (HH:MM)', s.reminderTime ?? '10:00')}
${input('retentionDays', ja ? '個人情報の保存期間（予約日から何日）' : 'Keep personal data for (days after the date)', s.retentionDays ?? 90, 'number')}
${check('isActive', ja ? '予約を受け付ける（公開）' : 'Open for booking', s.isActive, true)}`;
}

function errorBox(lang: Lang, err: unknown): SafeHtml {
  if (!(err instanceof AppError)) throw err;
  return html`<div class="notice notice--error" role="alert"><p>${err.text[lang]}</p><ul>${(err.extra.fieldErrors ?? []).map((f) => html`<li>${f.field}: ${f.message[lang]}</li>`)}</ul></div>`;
}

export function registerServicePages(app: FastifyInstance, ctx: AppContext): void {
  registerStaffNav(app, {
    key: 'reservation-services',
    href: '/staff/reservation-services',
    label: { ja: '予約窓口の設定', en: 'Booking services' },
    visible: managesAnyService,
    order: 70,
  });
  const audit = (req: FastifyRequest) => auditContextOf(req);

  app.get('/staff/reservation-services', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const lang = req.lang;
    const services = await listServices(ctx.db, { departmentIds: visibleDepartments(staff) });
    const adminDepts = staff.memberships.filter((m) => can(staff, 'manage-services', m.departmentId));
    const main = html`<h1 class="page-title">${lang === 'ja' ? '予約窓口の設定' : 'Booking services'}</h1>
<div class="table-wrap"><table><thead><tr><th scope="col">${lang === 'ja' ? '所属' : 'Department'}</th><th scope="col">${lang === 'ja' ? '名称' : 'Name'}</th><th scope="col">${lang === 'ja' ? '枠・定員' : 'Slot / capacity'}</th><th scope="col">${lang === 'ja' ? '公開' : 'Open'}</th></tr></thead>
<tbody>${services.map((s) => html`<tr><td>${s.departmentName}</td><td>${can(staff, 'manage-services', s.departmentId) ? html`<a href="/staff/reservation-services/${s.id}">${s.name}</a>` : s.name}</td><td>${s.durationMinutes}${lang === 'ja' ? '分' : ' min'} / ${s.capacity}</td><td>${s.isActive ? '○' : '−'}</td></tr>`)}</tbody></table></div>
${adminDepts.length ? html`<h2>${lang === 'ja' ? '新しい予約窓口' : 'New service'}</h2>
<form method="post" action="/staff/reservation-services">${csrfField(req)}
  <div class="form-field"><label for="s-departmentId">${lang === 'ja' ? '所属' : 'Department'}</label><select id="s-departmentId" name="departmentId">${adminDepts.map((m) => html`<option value="${m.departmentId}">${m.departmentName}</option>`)}</select></div>
  ${settingsForm(lang, {})}
  <button type="submit">${lang === 'ja' ? '作成する' : 'Create'}</button>
</form>` : html``}`;
    return send(reply, page(req, lang === 'ja' ? '予約窓口の設定' : 'Booking services', main));
  });

  app.post('/staff/reservation-services', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const b = (req.body ?? {}) as B;
    const departmentId = str(b, 'departmentId');
    if (!visibleDepartments(staff).includes(departmentId)) throw errors.notFound();
    const schedule = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '12:00' }));
    const id = await createService(ctx, staff, departmentId, settingsFrom(b), [], schedule, audit(req));
    return reply.redirect(`/staff/reservation-services/${id}?saved=1`, 303);
  });

  const editPage = async (req: FastifyRequest, s: Service, notice: SafeHtml, typedSettings?: { body: B; errors: FieldError[] }) => {
    const lang = req.lang;
    const ex = await listExceptions(ctx, s.id, jstDate(ctx.clock.now()));
    const byDay = (w: number) => s.schedule.filter((r) => r.weekday === w).map((r) => `${r.start}-${r.end}`).join(', ');
    const rows = [...s.fields, ...Array.from({ length: 3 }, () => null)];
    const ja = lang === 'ja';
    return page(req, s.name, html`${notice}<p><a href="/staff/reservation-services">${ja ? '← 窓口の一覧' : '← Services'}</a></p>
<h1 class="page-title">${s.name}</h1>
<p><a href="/services/${s.id}">${ja ? '市民向けの予約画面を見る' : 'See the citizen page'}</a></p>
<h2>${ja ? '基本設定' : 'Settings'}</h2>
<form method="post" action="/staff/reservation-services/${s.id}/settings">${csrfField(req)}${settingsForm(lang, s, typedSettings)}<button type="submit">${ja ? '保存する' : 'Save'}</button></form>
<h2>${ja ? '受付時間（曜日ごと）' : 'Weekly schedule'}</h2>
<form method="post" action="/staff/reservation-services/${s.id}/schedule">${csrfField(req)}
  <p class="hint">${ja ? '例: 09:00-12:00, 13:00-16:30（空欄はその曜日は休み）' : 'e.g. 09:00-12:00, 13:00-16:30 (empty: closed)'}</p>
  ${[1, 2, 3, 4, 5, 6, 0].map((w) => html`<div class="form-field"><label for="w${w}">${weekdayName(w, lang)}</label><input type="text" id="w${w}" name="w${w}" value="${byDay(w)}"></div>`)}
  <button type="submit">${ja ? '保存する' : 'Save'}</button>
</form>
<h2>${ja ? '入力項目' : 'Input fields'}</h2>
<form method="post" action="/staff/reservation-services/${s.id}/fields">${csrfField(req)}
<p class="hint">${ja ? 'お名前・電話番号は常に必須です。選択肢は1行に「値|日本語|英語」。分類は個人情報の棚卸しに使います。キーを空にすると削除します。' : 'Name and phone are always required. Options: one per line "value|Japanese|English". Empty key removes a field.'}</p>
<div class="table-wrap"><table><thead><tr><th scope="col">${ja ? 'キー' : 'Key'}</th><th scope="col">${ja ? '項目名' : 'Label'}</th><th scope="col">${ja ? '英語' : 'English'}</th><th scope="col">${ja ? '形式' : 'Type'}</th><th scope="col">${ja ? '必須' : 'Required'}</th><th scope="col">${ja ? '分類' : 'Class'}</th><th scope="col">${ja ? '選択肢' : 'Options'}</th><th scope="col">${ja ? '最大文字数' : 'Max'}</th></tr></thead><tbody>
${rows.map((f, i) => html`<tr>
  <td><input type="text" name="k${i}" value="${f?.key ?? ''}" aria-label="${ja ? `項目${i + 1} キー` : `Field ${i + 1} key`}"${raw(f && ['name', 'phone', 'email'].includes(f.key) ? ' readonly' : '')}></td>
  <td><input type="text" name="lj${i}" value="${f?.labelJa ?? ''}" aria-label="${ja ? `項目${i + 1} 項目名` : `Field ${i + 1} label`}"></td>
  <td><input type="text" name="le${i}" value="${f?.labelEn ?? ''}" aria-label="${ja ? `項目${i + 1} 英語` : `Field ${i + 1} English`}"></td>
  <td><select name="t${i}" aria-label="${ja ? `項目${i + 1} 形式` : `Field ${i + 1} type`}">${['text', 'textarea', 'tel', 'email', 'choice'].map((t) => html`<option value="${t}"${raw(f?.type === t ? ' selected' : '')}>${t}</option>`)}</select></td>
  <td><input type="checkbox" name="r${i}" value="1"${raw(f?.required ? ' checked' : '')} aria-label="${ja ? `項目${i + 1} 必須` : `Field ${i + 1} required`}"></td>
  <td><select name="c${i}" aria-label="${ja ? `項目${i + 1} 分類` : `Field ${i + 1} class`}">${[['personal', ja ? '個人情報' : 'personal'], ['sensitive', ja ? '要配慮' : 'sensitive'], ['none', ja ? 'なし' : 'none']].map(([v, l]) => html`<option value="${v}"${raw((f?.classification ?? 'personal') === v ? ' selected' : '')}>${l}</option>`)}</select></td>
  <td><textarea name="o${i}" aria-label="${ja ? `項目${i + 1} 選択肢` : `Field ${i + 1} options`}">${(f?.options ?? []).map((o) => `${o.value}|${o.ja}|${o.en}`).join('\n')}</textarea></td>
  <td><input type="number" name="m${i}" value="${f?.maxLength ?? 200}" aria-label="${ja ? `項目${i + 1} 最大文字数` : `Field ${i + 1} max length`}"></td>
</tr>`)}
</tbody></table></div>
<button type="submit">${ja ? '保存する' : 'Save'}</button></form>
<h2>${ja ? '臨時休業・臨時開設' : 'Closures and extra openings'}</h2>
${ex.length ? html`<ul>${ex.map((e) => html`<li>${formatDateLong(String(e.day).slice(0, 10), lang)} ${e.kind === 'closed' ? html`${ja ? '休業' : 'closed'} <a href="/staff/reservation-services/${s.id}/closures/${String(e.day).slice(0, 10)}">${ja ? 'この日の予約' : 'Bookings'}</a>` : `${ja ? '開設' : 'open'} ${e.start_time}-${e.end_time}`} ${e.note}
  <form class="inline-form" method="post" action="/staff/reservation-services/${s.id}/exceptions/${e.id}/delete">${csrfField(req)}<button type="submit" class="button--small button--secondary">${ja ? '削除' : 'Remove'}</button></form></li>`)}</ul>` : html`<p>${ja ? '登録はありません。' : 'None.'}</p>`}
<form method="post" action="/staff/reservation-services/${s.id}/exceptions" class="filters">${csrfField(req)}
  <div class="form-field"><label for="e-day">${ja ? '日付' : 'Date'}</label><input type="date" id="e-day" name="day" required></div>
  <div class="form-field"><label for="e-kind">${ja ? '種類' : 'Kind'}</label><select id="e-kind" name="kind"><option value="closed">${ja ? '休業' : 'Closed'}</option><option value="open">${ja ? '臨時開設' : 'Extra opening'}</option></select></div>
  <div class="form-field"><label for="e-start">${ja ? '開始（開設のみ）' : 'Start (opening)'}</label><input type="text" id="e-start" name="start" placeholder="09:00"></div>
  <div class="form-field"><label for="e-end">${ja ? '終了（開設のみ）' : 'End (opening)'}</label><input type="text" id="e-end" name="end" placeholder="12:00"></div>
  <div class="form-field"><label for="e-note">${ja ? 'メモ' : 'Note'}</label><input type="text" id="e-note" name="note"></div>
  <button type="submit">${ja ? '追加' : 'Add'}</button>
</form>`);
  };

  const load = async (req: FastifyRequest) => {
    const staff = await authenticate('staff', req);
    const s = await findService(ctx.db, (req.params as Record<string, string>).id ?? '');
    if (!s || !can(staff, 'manage-services', s.departmentId)) throw errors.notFound();
    return { staff, s };
  };

  app.get('/staff/reservation-services/:id', STAFF, async (req, reply) => {
    const { s } = await load(req);
    const saved = (req.query as Record<string, string>).saved ? html`<div class="notice notice--success" role="status"><p>${req.lang === 'ja' ? '保存しました。' : 'Saved.'}</p></div>` : html``;
    return send(reply, await editPage(req, s, saved));
  });

  const action = (path: string, fn: (staff: StaffActor, s: Service, b: B, req: FastifyRequest) => Promise<void>) =>
    app.post(`/staff/reservation-services/:id/${path}`, STAFF, async (req, reply) => {
      const { staff, s } = await load(req);
      try {
        await fn(staff, s, (req.body ?? {}) as B, req);
      } catch (err) {
        if (err instanceof AppError && err.status === 422) {
          const typed = path === 'settings' ? { body: (req.body ?? {}) as B, errors: err.extra.fieldErrors ?? [] } : undefined;
          return send(reply, await editPage(req, s, errorBox(req.lang, err), typed), 422);
        }
        throw err;
      }
      return reply.redirect(`/staff/reservation-services/${s.id}?saved=1`, 303);
    });

  action('settings', (staff, s, b, req) => updateService(ctx, staff, s.id, settingsFrom(b), audit(req)));
  action('schedule', (staff, s, b, req) => replaceSchedule(ctx, staff, s.id, scheduleFrom(b), audit(req)));
  action('fields', (staff, s, b, req) => replaceFields(ctx, staff, s.id, fieldsFrom(b), audit(req)));
  // a closure on a day with bookings leads to the list of those bookings, to contact or cancel them
  app.post('/staff/reservation-services/:id/exceptions', STAFF, async (req, reply) => {
    const { staff, s } = await load(req);
    const b = (req.body ?? {}) as B;
    const day = str(b, 'day');
    const kind = str(b, 'kind') === 'open' ? 'open' : 'closed';
    try {
      if (!isValidDate(day)) throw errors.validation([{ field: 'day', message: { ja: '日付を入力してください。', en: 'Enter a date.' } }]);
      await addException(ctx, staff, s.id, { day, kind, start: str(b, 'start').normalize('NFKC').padStart(5, '0'), end: str(b, 'end').normalize('NFKC').padStart(5, '0'), note: str(b, 'note').slice(0, 200) }, audit(req));
    } catch (err) {
      if (err instanceof AppError && err.status === 422) return send(reply, await editPage(req, s, errorBox(req.lang, err)), 422);
      throw err;
    }
    if (kind === 'closed' && (await bookingsHitByClosure(ctx, staff, s.id, day)).length)
      return reply.redirect(`/staff/reservation-services/${s.id}/closures/${day}`, 303);
    return reply.redirect(`/staff/reservation-services/${s.id}?saved=1`, 303);
  });

  const closurePage = async (req: FastifyRequest, s: Service, day: string, done?: { cancelled: number; notified: number }, told?: { notified: number; already: number }) => {
    const lang = req.lang;
    const ja = lang === 'ja';
    const items = await bookingsHitByClosure(ctx, req.staff!, s.id, day);
    const ex = (await listExceptions(ctx, s.id, day)).find((e) => e.day === day && e.kind === 'closed');
    const dayText = formatDateLong(day, lang);
    const notifiable = items.filter((i) => i.canNotify).length;
    const toTell = items.filter((i) => i.canNotify && !i.notified).length;
    const list = items.length
      ? html`<div class="table-wrap"><table><thead><tr><th scope="col">${ja ? '予約番号' : 'Number'}</th><th scope="col">${ja ? '時間' : 'Time'}</th><th scope="col">${ja ? '氏名' : 'Name'}</th><th scope="col">${ja ? '経路' : 'Channel'}</th><th scope="col">${ja ? 'お知らせ' : 'Notice'}</th></tr></thead>
<tbody>${items.map((i) => html`<tr><td><a href="/staff/reservations/${i.id}">${displayNumber(i.reservationNumber)}</a></td><td>${jstTime(i.start)}〜${jstTime(i.end)}</td><td>${i.name ?? (ja ? '（消去済み）' : '(erased)')}</td><td>${channelLabel(i.channel, i.createdByStaff, lang)}</td><td>${i.canNotify ? (i.notified ? (ja ? '休業のお知らせ済み' : 'Told of the closure') : ja ? '送れます' : 'Can be sent') : html`${ja ? '送れません（電話でご連絡ください）' : 'Cannot be sent (please call)'}${i.phone ? html`<br>${formatPhoneJp(i.phone)}` : ''}`}</td></tr>`)}</tbody></table></div>
<h2>${ja ? '予約は残して、休業をお知らせする' : 'Keep the bookings and tell them the counter is closed'}</h2>
<form method="post" action="/staff/reservation-services/${s.id}/closures/${day}/notify">${csrfField(req)}
  <div class="form-field"><label for="closure-message">${ja ? 'お知らせに載せるメッセージ' : 'Message in the notice'}</label>
  <span class="hint" id="closure-message-hint">${ja ? `予約は取り消しません。連絡先のある予約のうち、まだお知らせしていない ${toTell} 件に、休業のお知らせ（メールまたはLINE）と、マイページで日時を変更・取消する方法を送ります。送信前に確認画面があります。` : `Nothing is cancelled. ${toTell} reachable bookings not yet told get a closure notice (e-mail or LINE) with how to change or cancel on My Page. You confirm before anything is sent.`}</span>
  <textarea id="closure-message" name="message" maxlength="500" aria-describedby="closure-message-hint">${ex?.note ? `${ex.note}` : ja ? '臨時休業のため、この日は窓口を開けません。' : 'The counter is closed on this day.'}</textarea></div>
  <p><button type="submit"${raw(toTell ? '' : ' disabled')}>${ja ? 'お知らせの内容を確認する' : 'Review the notice'}</button></p>
</form>
<h2>${ja ? '予約を取り消してお知らせする' : 'Cancel the bookings with a notice'}</h2>
<form method="post" action="/staff/reservation-services/${s.id}/closures/${day}">${csrfField(req)}
  <div class="form-field"><label for="closure-reason">${ja ? 'お知らせに載せる理由' : 'Reason given in the notice'}</label>
  <span class="hint" id="closure-reason-hint">${ja ? `連絡先のある ${notifiable} 件には取消のお知らせ（メールまたはLINE）を送ります。ほかの ${items.length - notifiable} 件は電話でご連絡ください。` : `${notifiable} bookings get a cancellation notice (e-mail or LINE); call the other ${items.length - notifiable}.`}</span>
  <textarea id="closure-reason" name="reason" maxlength="500" aria-describedby="closure-reason-hint">${ex?.note ? `${ex.note}` : ja ? '臨時休業のため' : 'Temporary closure'}</textarea></div>
  <p><button type="submit" class="button--danger">${ja ? `この ${items.length} 件を取り消して、お知らせする` : `Cancel these ${items.length} bookings and notify`}</button>
  <a href="/staff/reservation-services/${s.id}">${ja ? '取り消さずに戻る（個別に対応する）' : 'Back without cancelling (handle one by one)'}</a></p>
</form>`
      : html`<p>${ja ? 'この日に残っている予約はありません。' : 'No bookings remain on this day.'}</p><p><a href="/staff/reservation-services/${s.id}">${ja ? '← 窓口の設定へ' : '← Service settings'}</a></p>`;
    return page(req, `${ja ? '臨時休業日の予約' : 'Bookings on a closure day'} ${dayText}`, html`${told ? html`<div class="notice notice--success" role="status"><p>${ja ? `${told.notified} 件に休業のお知らせを送りました。${told.already ? `（${told.already} 件はお知らせ済みのため送っていません。）` : ''}` : `Closure notice sent to ${told.notified} bookings.${told.already ? ` (${told.already} already told: not sent again.)` : ''}`}</p></div>` : done ? html`<div class="notice notice--success" role="status"><p>${ja ? `${done.cancelled} 件を取り消しました（お知らせ ${done.notified} 件）。` : `${done.cancelled} bookings cancelled (${done.notified} notices).`}</p></div>` : items.length ? html`<div class="notice notice--warning" role="status"><p>${ja ? `臨時休業を保存しました。${dayText}には予約が ${items.length} 件あります。` : `The closure was saved. ${dayText} has ${items.length} bookings.`}</p></div>` : html``}
<h1 class="page-title">${ja ? `${dayText}（臨時休業）の予約` : `Bookings on ${dayText} (closed)`}</h1>
<p>${s.name}${ex?.note ? `　${ex.note}` : ''}</p>
${list}`);
  };

  app.get('/staff/reservation-services/:id/closures/:day', STAFF, async (req, reply) => {
    const { s } = await load(req);
    const day = (req.params as Record<string, string>).day ?? '';
    if (!isValidDate(day)) throw errors.notFound();
    const q = req.query as Record<string, string>;
    const done = q.cancelled !== undefined ? { cancelled: Number(q.cancelled) || 0, notified: Number(q.notified) || 0 } : undefined;
    const told = q.told !== undefined ? { notified: Number(q.told) || 0, already: Number(q.already) || 0 } : undefined;
    return send(reply, await closurePage(req, s, day, done, told));
  });

  // "notify only": the first POST shows what will be sent and to how many; the second (confirm=1) sends
  app.post('/staff/reservation-services/:id/closures/:day/notify', STAFF, async (req, reply) => {
    const { staff, s } = await load(req);
    const day = (req.params as Record<string, string>).day ?? '';
    if (!isValidDate(day)) throw errors.notFound();
    const b = (req.body ?? {}) as B;
    const message = str(b, 'message').trim().slice(0, 500);
    if (str(b, 'confirm') === '1') {
      const r = await notifyForClosure(ctx, staff, s.id, day, message, audit(req));
      return reply.redirect(`/staff/reservation-services/${s.id}/closures/${day}?told=${r.notified}&already=${r.alreadyNotified}`, 303);
    }
    const lang = req.lang;
    const ja = lang === 'ja';
    const items = await bookingsHitByClosure(ctx, staff, s.id, day);
    const toTell = items.filter((i) => i.canNotify && !i.notified);
    const unreachable = items.filter((i) => !i.canNotify);
    const dayText = formatDateLong(day, lang);
    return send(reply, page(req, ja ? `休業のお知らせの確認 ${dayText}` : `Confirm the closure notice ${dayText}`, html`<h1 class="page-title">${ja ? `${dayText}（臨時休業）のお知らせの確認` : `Confirm the closure notice for ${dayText}`}</h1>
<p>${s.name}</p>
<p>${ja ? `次の ${toTell.length} 件に、予約の日が臨時休業であることをお知らせします（メールまたはLINE）。予約は取り消しません。お知らせには、マイページで日時を変更・取消する方法とお問い合わせ先が載ります。` : `The following ${toTell.length} bookings will be told their day is closed (e-mail or LINE). Nothing is cancelled. The notice says how to change or cancel on My Page and whom to ask.`}</p>
<ul>${toTell.map((i) => html`<li>${displayNumber(i.reservationNumber)} ${jstTime(i.start)}〜${jstTime(i.end)} ${i.name ?? ''}</li>`)}</ul>
<h2>${ja ? 'メッセージ' : 'Message'}</h2>
<blockquote>${message || (ja ? '（なし）' : '(none)')}</blockquote>
${unreachable.length ? html`<p class="notice notice--warning">${ja ? `ほかの ${unreachable.length} 件には連絡先がないため送れません。電話でご連絡ください。` : `${unreachable.length} other bookings cannot be reached: please call them.`}</p>` : html``}
<form method="post" action="/staff/reservation-services/${s.id}/closures/${day}/notify">${csrfField(req)}
  <input type="hidden" name="message" value="${message}"><input type="hidden" name="confirm" value="1">
  <p><button type="submit"${raw(toTell.length ? '' : ' disabled')}>${ja ? `この ${toTell.length} 件にお知らせを送る` : `Send the notice to these ${toTell.length}`}</button>
  <a href="/staff/reservation-services/${s.id}/closures/${day}">${ja ? '送らずに戻る' : 'Back without sending'}</a></p>
</form>`));
  });

  app.post('/staff/reservation-services/:id/closures/:day', STAFF, async (req, reply) => {
    const { staff, s } = await load(req);
    const day = (req.params as Record<string, string>).day ?? '';
    if (!isValidDate(day)) throw errors.notFound();
    const reason = str((req.body ?? {}) as B, 'reason').trim().slice(0, 500);
    const r = await cancelForClosure(ctx, staff, s.id, day, reason, audit(req));
    return reply.redirect(`/staff/reservation-services/${s.id}/closures/${day}?cancelled=${r.cancelled}&notified=${r.notified}`, 303);
  });
  app.post('/staff/reservation-services/:id/exceptions/:exceptionId/delete', STAFF, async (req, reply) => {
    const { staff, s } = await load(req);
    const exId = (req.params as Record<string, string>).exceptionId ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(exId)) throw errors.notFound();
    await removeException(ctx, staff, s.id, exId, audit(req));
    return reply.redirect(`/staff/reservation-services/${s.id}?saved=1`, 303);
  });
}
