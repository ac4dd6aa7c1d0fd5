/**
 * Staff console for reservations (department-scoped, works without JavaScript): day view with
 * check-in by number (typed, or a QR/barcode scanner acting as a keyboard), list with filters,
 * detail (each view audited), status changes, proxy booking by phone, change and cancel on behalf,
 * CSV export with a pre-check of characters Shift_JIS cannot hold.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../../http/actor.js';
import { AppError, errors } from '../../http/errors.js';
import type { Lang } from '../../http/i18n.js';
import type { AppContext } from '../../platform/context.js';
import { html, raw, type SafeHtml } from '../../web/html.js';
import { auditContextOf } from '../audit/index.js';
import { csrfField, renderStaffPage } from '../staff/index.js';
import {
  errorSummary, fieldInputs, fieldLabels, readForm, svcName, toContact, whenText, type FormErrors, type FormValues,
} from '../../web/citizen/pages.js';
import { admission } from './admission-instance.js';
import { getAvailability } from './availability.js';
import { bookSlot } from './book-slot.js';
import { cancelReservation } from './cancel-reservation.js';
import { changeReservation } from './change-reservation.js';
import { fieldErrorsOf, parseOrThrow } from '../../http/validation.js';
import { addDays, formatDateLong, formatWhen, isValidDate, jstDate, jstIso, jstTime } from '../../platform/japan-time.js';
import { displayNumber, normaliseReservationNumber } from './reservation-number.js';
import { cancelFormBody, checkInFormBody, statusFormBody } from './reservations.schemas.js';
import type { ReservationStatus } from './reservations.repository.js';
import { can, visibleDepartments } from './reservations.policy.js';
import { checkInByNumber, setReservationStatus } from './set-status.js';
import { channelLabel, CHANNEL_LABELS, detailForStaff, exportForStaff, listForStaff, STATUS_LABELS, type StaffListItem } from './staff-queries.js';
import { findService, listServices, type Service } from './services.repository.js';
import { registerServicePages } from './staff-services-pages.js';

type Q = Record<string, string | undefined>;
const send = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body);
const STAFF = { config: { auth: 'staff' as const } };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function tabs(lang: Lang, active: string): SafeHtml {
  const items: [string, string, string][] = [
    ['day', '/staff/reservations', lang === 'ja' ? '日別' : 'Day'],
    ['list', '/staff/reservations/list', lang === 'ja' ? '一覧・検索' : 'List'],
    ['new', '/staff/reservations/new', lang === 'ja' ? '電話予約の登録' : 'Phone booking'],
    ['export', '/staff/reservations/export', lang === 'ja' ? 'Excel・CSV出力' : 'Export (Excel, CSV)'],
    ['services', '/staff/reservation-services', lang === 'ja' ? '窓口の設定' : 'Services'],
  ];
  return html`<nav aria-label="${lang === 'ja' ? '予約メニュー' : 'Reservations menu'}" class="tabs"><ul class="nav">${items.map(
    ([key, href, label]) => html`<li><a href="${href}"${raw(key === active ? ' aria-current="page"' : '')}>${label}</a></li>`,
  )}</ul></nav>`;
}

const page = (req: FastifyRequest, title: string, active: string, main: SafeHtml) =>
  renderStaffPage(req, { title, active: 'reservations', main: html`${tabs(req.lang, active)}${main}` });

function serviceSelect(lang: Lang, services: Service[], selected: string | undefined, name = 'serviceId', all = true): SafeHtml {
  return html`<select id="f-${name}" name="${name}">${all ? html`<option value="">${lang === 'ja' ? 'すべての窓口' : 'All services'}</option>` : html``}${services.map(
    (s) => html`<option value="${s.id}"${raw(s.id === selected ? ' selected' : '')}>${s.departmentName} / ${svcName(s, lang)}</option>`,
  )}</select>`;
}

function statusButtons(req: FastifyRequest, item: { id: string; status: ReservationStatus }, back: string): SafeHtml {
  const lang = req.lang;
  const next: ReservationStatus[] =
    item.status === 'booked' ? ['arrived', 'no_show'] : item.status === 'arrived' ? ['done', 'booked'] : item.status === 'done' ? ['arrived'] : item.status === 'no_show' ? ['booked'] : [];
  const label = (s: ReservationStatus) =>
    s === 'booked' && item.status !== 'booked' ? (lang === 'ja' ? '予約済に戻す' : 'Back to booked') : s === 'arrived' && item.status === 'done' ? (lang === 'ja' ? '受付済に戻す' : 'Back to arrived') : STATUS_LABELS[s][lang];
  return html`${next.map(
    (s) => html`<form class="inline-form" method="post" action="/staff/reservations/${item.id}/status">${csrfField(req)}<input type="hidden" name="status" value="${s}"><input type="hidden" name="back" value="${back}"><button type="submit" class="button--small${s === 'arrived' || s === 'done' ? '' : ' button--secondary'}">${label(s)}</button></form> `,
  )}`;
}

function itemsTable(req: FastifyRequest, items: StaffListItem[], back: string, withDate: boolean): SafeHtml {
  const lang = req.lang;
  if (!items.length) return html`<p>${lang === 'ja' ? '該当する予約はありません。' : 'No bookings.'}</p>`;
  return html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${withDate ? (lang === 'ja' ? '日時' : 'When') : lang === 'ja' ? '時間' : 'Time'}</th><th scope="col">${lang === 'ja' ? '予約番号' : 'Number'}</th><th scope="col">${lang === 'ja' ? '氏名' : 'Name'}</th><th scope="col">${lang === 'ja' ? '窓口' : 'Service'}</th><th scope="col">${lang === 'ja' ? '経路' : 'Channel'}</th><th scope="col">${lang === 'ja' ? '状態' : 'Status'}</th><th scope="col">${lang === 'ja' ? '操作' : 'Actions'}</th></tr></thead>
<tbody>${items.map(
  (i) => html`<tr class="status--${i.status}">
  <td>${withDate ? `${formatDateLong(i.start.slice(0, 10), lang)} ` : ''}${i.start.slice(11, 16)}〜${i.end.slice(11, 16)}</td>
  <td><a href="/staff/reservations/${i.id}">${displayNumber(i.reservationNumber)}</a></td>
  <td>${i.name ?? (lang === 'ja' ? '（消去済み）' : '(erased)')}</td>
  <td>${i.serviceName}</td>
  <td>${CHANNEL_LABELS[i.channel]?.[lang] ?? i.channel}</td>
  <td><span class="badge">${STATUS_LABELS[i.status][lang]}</span>${i.statusChangedBy ? html`<br><span class="muted">${i.statusChangedBy} ${i.statusChangedAt?.slice(11, 16) ?? ''}</span>` : ''}</td>
  <td>${statusButtons(req, i, back)}</td>
</tr>`,
)}</tbody></table></div>`;
}

const parseErrorText = (e: import('zod').ZodError, lang: Lang) => fieldErrorsOf(e)[0]?.message[lang] ?? '';

export function registerStaffPages(app: FastifyInstance, ctx: AppContext): void {
  const audit = (req: FastifyRequest) => auditContextOf(req);

  // ---------- day view ----------
  type DayState = { date?: string; serviceId?: string; checked?: string; already?: string; error?: string; number?: string };
  const dayView = async (req: FastifyRequest, st: DayState): Promise<string> => {
    const staff = req.staff!;
    const lang = req.lang;
    const date = st.date && isValidDate(st.date) ? st.date : jstDate(ctx.clock.now());
    const services = await listServices(ctx.db, { departmentIds: visibleDepartments(staff) });
    const serviceId = services.some((s) => s.id === st.serviceId) ? st.serviceId : undefined;
    const items = await listForStaff(ctx, staff, { from: date, to: date, serviceId }, audit(req));
    const count = (s: ReservationStatus) => items.filter((i) => i.status === s).length;
    const back = `/staff/reservations?date=${date}${serviceId ? `&serviceId=${serviceId}` : ''}`;
    const checkedNumber = st.checked ? normaliseReservationNumber(st.checked) : null;
    const alreadyAt = st.already && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+09:00$/.test(st.already) ? new Date(st.already) : undefined;
    const alreadyText = alreadyAt && !Number.isNaN(alreadyAt.getTime()) ? (jstDate(alreadyAt) === date ? jstTime(alreadyAt) : formatWhen(alreadyAt, null, lang)) : '';
    const checked = checkedNumber
      ? st.already !== undefined
        ? html`<div class="notice notice--warning" role="status"><p>${lang === 'ja' ? `予約番号 ${displayNumber(checkedNumber)} は${alreadyText ? ` ${alreadyText} に` : 'すでに'}受付済です（変更していません）。` : `${displayNumber(checkedNumber)} was already checked in${alreadyText ? ` at ${alreadyText}` : ''} (nothing changed).`}</p></div>`
        : html`<div class="notice notice--success" role="status"><p>${lang === 'ja' ? `予約番号 ${displayNumber(checkedNumber)} を受付済にしました。` : `${displayNumber(checkedNumber)} checked in.`}</p></div>`
      : html``;
    const dayTitle = lang === 'ja' ? `${formatDateLong(date, 'ja')}の予約` : `Bookings on ${formatDateLong(date, 'en')}`;
    return page(req, lang === 'ja' ? `予約（日別） ${formatDateLong(date, 'ja')}` : `Bookings by day – ${formatDateLong(date, 'en')}`, 'day', html`<h1 class="page-title">${lang === 'ja' ? '予約（日別）' : 'Bookings by day'}</h1>
${checked}
<form method="get" action="/staff/reservations" class="filters">
  <div class="form-field"><label for="f-date">${lang === 'ja' ? '日付' : 'Date'}</label><input type="date" id="f-date" name="date" value="${date}"></div>
  <div class="form-field"><label for="f-serviceId">${lang === 'ja' ? '窓口' : 'Service'}</label>${serviceSelect(lang, services, serviceId)}</div>
  <button type="submit" class="button--secondary">${lang === 'ja' ? '表示' : 'Show'}</button>
  <a href="/staff/reservations?date=${addDays(date, -1)}${serviceId ? `&serviceId=${serviceId}` : ''}">${lang === 'ja' ? '← 前日' : '← Previous day'}</a>
  <a href="/staff/reservations?date=${addDays(date, 1)}${serviceId ? `&serviceId=${serviceId}` : ''}">${lang === 'ja' ? '翌日 →' : 'Next day →'}</a>
</form>
<h2>${lang === 'ja' ? '来庁受付（予約番号の入力・QRコードの読み取り）' : 'Check-in (type or scan the number)'}</h2>
${st.error ? html`<div class="notice notice--error" role="alert" id="checkin-error" tabindex="-1"><p>${st.error}</p></div>` : html``}
<form method="post" action="/staff/reservations/check-in" class="filters" data-checkin>${csrfField(req)}
  <input type="hidden" name="back" value="${back}">
  <div class="form-field"><label for="checkin-number">${lang === 'ja' ? '予約番号' : 'Reservation number'}</label><input type="text" id="checkin-number" name="number" value="${st.number ?? ''}" autocomplete="off" autocapitalize="characters" required${raw(st.error ? ' aria-invalid="true" aria-describedby="checkin-error" autofocus' : '')}></div>
  <button type="submit">${lang === 'ja' ? '受付済にする' : 'Check in'}</button>
</form>
<div class="day-board" aria-label="${lang === 'ja' ? '本日の状況' : 'Status of the day'}">
  <div class="card"><strong>${count('booked')}</strong>${lang === 'ja' ? '来庁予定' : 'Expected'}</div>
  <div class="card"><strong>${count('arrived')}</strong>${lang === 'ja' ? '受付済（来庁）' : 'Arrived'}</div>
  <div class="card"><strong>${count('done')}</strong>${lang === 'ja' ? '対応完了' : 'Done'}</div>
  <div class="card"><strong>${count('no_show')}</strong>${lang === 'ja' ? '無断キャンセル' : 'No-show'}</div>
  <div class="card"><strong>${count('cancelled')}</strong>${lang === 'ja' ? '取消' : 'Cancelled'}</div>
</div>
<h2>${dayTitle}</h2>
${itemsTable(req, items, back, false)}
<script src="/assets/checkin-scan.js" defer></script>`);
  };

  app.get('/staff/reservations', STAFF, async (req, reply) => {
    await authenticate('staff', req);
    const q = req.query as Q;
    return send(reply, await dayView(req, { date: q.date, serviceId: q.serviceId, checked: q.checked, already: q.already }));
  });

  /** A check-in that fails keeps the clerk on the day view: the error above the form, the number kept. */
  app.post('/staff/reservations/check-in', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const body = parseOrThrow(checkInFormBody, req.body ?? {});
    const back = body.back ?? '/staff/reservations';
    const backQuery = new URL(back, 'http://staff.invalid').searchParams;
    try {
      const r = await checkInByNumber(ctx, { number: body.number, staff: { actor: staff, audit: audit(req) } });
      const already = r.alreadyCheckedInAt !== undefined ? `&already=${encodeURIComponent(r.alreadyCheckedInAt)}` : '';
      return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}checked=${encodeURIComponent(displayNumber(r.reservationNumber))}${already}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || ![404, 409, 422].includes(err.status)) throw err;
      const error = err.extra.fieldErrors?.[0]?.message[req.lang] ?? err.text[req.lang];
      const html = await dayView(req, { date: backQuery.get('date') ?? undefined, serviceId: backQuery.get('serviceId') ?? undefined, error, number: body.number.slice(0, 40) });
      return send(reply, html, err.status);
    }
  });

  // ---------- list ----------
  app.get('/staff/reservations/list', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const lang = req.lang;
    const q = req.query as Q;
    const today = jstDate(ctx.clock.now());
    const from = q.from && isValidDate(q.from) ? q.from : today;
    const to = q.to && isValidDate(q.to) && q.to >= from && q.to <= addDays(from, 366) ? q.to : addDays(from, 13);
    const services = await listServices(ctx.db, { departmentIds: visibleDepartments(staff) });
    const serviceId = services.some((s) => s.id === q.serviceId) ? q.serviceId : undefined;
    const status = q.status && q.status in STATUS_LABELS ? (q.status as ReservationStatus) : undefined;
    const number = q.number?.trim() || undefined;
    const items = await listForStaff(ctx, staff, { from, to, serviceId, status, number }, audit(req));
    const back = `/staff/reservations/list?from=${from}&to=${to}`;
    const main = html`<h1 class="page-title">${lang === 'ja' ? '予約の一覧・検索' : 'Bookings'}</h1>
<form method="get" action="/staff/reservations/list" class="filters">
  <div class="form-field"><label for="f-from">${lang === 'ja' ? '開始日' : 'From'}</label><input type="date" id="f-from" name="from" value="${from}"></div>
  <div class="form-field"><label for="f-to">${lang === 'ja' ? '終了日' : 'To'}</label><input type="date" id="f-to" name="to" value="${to}"></div>
  <div class="form-field"><label for="f-serviceId">${lang === 'ja' ? '窓口' : 'Service'}</label>${serviceSelect(lang, services, serviceId)}</div>
  <div class="form-field"><label for="f-status">${lang === 'ja' ? '状態' : 'Status'}</label><select id="f-status" name="status"><option value="">${lang === 'ja' ? 'すべて' : 'All'}</option>${Object.entries(STATUS_LABELS).map(([k, v]) => html`<option value="${k}"${raw(k === status ? ' selected' : '')}>${v[lang]}</option>`)}</select></div>
  <div class="form-field"><label for="f-number">${lang === 'ja' ? '予約番号' : 'Number'}</label><input type="search" id="f-number" name="number" value="${number ?? ''}"></div>
  <button type="submit" class="button--secondary">${lang === 'ja' ? '検索' : 'Search'}</button>
</form>
<p>${lang === 'ja' ? `${items.length}件` : `${items.length} bookings`}</p>
${itemsTable(req, items, back, true)}`;
    return send(reply, page(req, lang === 'ja' ? '予約の一覧' : 'Bookings', 'list', main));
  });

  // ---------- export ----------
  app.get('/staff/reservations/export', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const lang = req.lang;
    const q = req.query as Q;
    const today = jstDate(ctx.clock.now());
    const from = q.from && isValidDate(q.from) ? q.from : today;
    const services = await listServices(ctx.db, { departmentIds: visibleDepartments(staff) });
    const serviceId = services.some((s) => s.id === q.serviceId) ? q.serviceId : undefined;
    // by default, every booking still to come: from today to the end of the longest booking window shown
    const window = Math.min(366, Math.max(1, ...services.filter((s) => !serviceId || s.id === serviceId).map((s) => s.opensDaysAhead)));
    const to = q.to && isValidDate(q.to) && q.to >= from && q.to <= addDays(from, 366) ? q.to : addDays(today, window) < from ? from : addDays(today, window);
    const encoding = q.encoding === 'utf-8' ? 'utf-8' : 'shift_jis';
    const main = html`<h1 class="page-title">${lang === 'ja' ? 'Excel・CSV出力' : 'Export (Excel, CSV)'}</h1>
<p>${lang === 'ja' ? '指定した期間の予約を Excel 形式（.xlsx）または CSV で出力します。期間は初めは今日から予約受付期間の終わりまでです。出力は記録されます。' : 'Download the bookings of a period as an Excel workbook (.xlsx) or CSV. The period starts as today to the end of the booking window. Every export is logged.'}</p>
<form method="get" action="/staff/reservations/export.csv">
  <div class="filters">
  <div class="form-field"><label for="f-from">${lang === 'ja' ? '開始日' : 'From'}</label><input type="date" id="f-from" name="from" value="${from}"></div>
  <div class="form-field"><label for="f-to">${lang === 'ja' ? '終了日' : 'To'}</label><input type="date" id="f-to" name="to" value="${to}"></div>
  <div class="form-field"><label for="f-serviceId">${lang === 'ja' ? '窓口' : 'Service'}</label>${serviceSelect(lang, services, serviceId)}</div>
  </div>
  <fieldset class="form-field"><legend>${lang === 'ja' ? '文字コード' : 'Encoding'}</legend>
    <div class="choice"><input type="radio" id="enc-sjis" name="encoding" value="shift_jis"${raw(encoding === 'shift_jis' ? ' checked' : '')}><label for="enc-sjis">${lang === 'ja' ? 'Shift_JIS（Windows-31J・Excelでそのまま開けます）' : 'Shift_JIS (Windows-31J; Excel opens it by double click)'}</label></div>
    <div class="choice"><input type="radio" id="enc-utf8" name="encoding" value="utf-8"${raw(encoding === 'utf-8' ? ' checked' : '')}><label for="enc-utf8">${lang === 'ja' ? 'UTF-8（BOM付き・すべての文字を保つ）' : 'UTF-8 with BOM (keeps every character)'}</label></div>
  </fieldset>
  <p class="hint">${lang === 'ja' ? 'Shift_JIS で表せない文字（一部の旧字体・絵文字など）は「〓」に置き換え、その数をお知らせします。' : 'Characters Shift_JIS cannot hold are replaced with 〓 and counted.'}</p>
  <button type="submit" formaction="/staff/reservations/export.xlsx">${lang === 'ja' ? 'Excel形式（.xlsx）でダウンロード' : 'Download as Excel (.xlsx)'}</button>
  <button type="submit">${lang === 'ja' ? 'CSVでダウンロード' : 'Download CSV'}</button>
  <button type="submit" formaction="/staff/reservations/export/check" class="button--secondary">${lang === 'ja' ? 'CSVの文字を確認' : 'Check CSV characters first'}</button>
</form>`;
    return send(reply, page(req, lang === 'ja' ? 'Excel・CSV出力' : 'Export (Excel, CSV)', 'export', main));
  });

  const exportFilter = async (req: FastifyRequest, staffIds: string[]) => {
    const q = req.query as Q;
    const from = q.from && isValidDate(q.from) ? q.from : undefined;
    const to = q.to && isValidDate(q.to) ? q.to : undefined;
    if (!from || !to || to < from || to > addDays(from, 366))
      throw errors.validation([{ field: 'to', message: { ja: '期間を正しく指定してください（最長1年）。', en: 'Give a valid period (at most a year).' } }]);
    const services = await listServices(ctx.db, { departmentIds: staffIds });
    return { from, to, serviceId: services.some((s) => s.id === q.serviceId) ? q.serviceId : undefined, encoding: q.encoding === 'utf-8' ? ('utf-8' as const) : ('shift_jis' as const) };
  };

  app.get('/staff/reservations/export.csv', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const f = await exportFilter(req, visibleDepartments(staff));
    const out = await exportForStaff(ctx, staff, f, f.encoding, audit(req));
    return reply
      .header('Content-Type', out.contentType)
      .header('Content-Disposition', `attachment; filename="${out.filename}"`)
      .header('X-Unencodable-Characters', String(out.unencodable))
      .header('X-Dropped-Characters', String(out.dropped))
      .send(out.body);
  });

  app.get('/staff/reservations/export.xlsx', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const f = await exportFilter(req, visibleDepartments(staff));
    const out = await exportForStaff(ctx, staff, f, f.encoding, audit(req), 'xlsx');
    return reply.header('Content-Type', out.contentType).header('Content-Disposition', `attachment; filename="${out.filename}"`).send(out.body);
  });

  app.get('/staff/reservations/export/check', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const lang = req.lang;
    const f = await exportFilter(req, visibleDepartments(staff));
    // the check builds the file (and logs it as an export) but shows only the counts
    const out = await exportForStaff(ctx, staff, f, f.encoding, audit(req));
    const qs = `from=${f.from}&to=${f.to}&encoding=${f.encoding}${f.serviceId ? `&serviceId=${f.serviceId}` : ''}`;
    const main = html`<h1 class="page-title">${lang === 'ja' ? 'CSV出力の確認' : 'Export check'}</h1>
<dl class="facts card">
  <div><dt>${lang === 'ja' ? '期間' : 'Period'}</dt><dd>${formatDateLong(f.from, lang)} 〜 ${formatDateLong(f.to, lang)}</dd></div>
  <div><dt>${lang === 'ja' ? '件数' : 'Rows'}</dt><dd>${out.count}</dd></div>
  <div><dt>${lang === 'ja' ? '文字コード' : 'Encoding'}</dt><dd>${f.encoding === 'shift_jis' ? 'Shift_JIS (Windows-31J)' : 'UTF-8 (BOM)'}</dd></div>
  <div><dt>${lang === 'ja' ? '〓に置き換える文字' : 'Characters replaced with 〓'}</dt><dd id="unencodable-count">${out.unencodable}</dd></div>
  <div><dt>${lang === 'ja' ? '省く異体字セレクタ等（元の字は残ります）' : 'Variation selectors / joiners left out (base character kept)'}</dt><dd id="dropped-count">${out.dropped}</dd></div>
</dl>
${out.unencodable
  ? html`<p class="notice notice--warning">${lang === 'ja' ? `Shift_JIS で表せない文字が ${out.unencodable} 個あり、「〓」に置き換わります。元の文字を保つには UTF-8 を選んでください。` : `${out.unencodable} characters cannot be held in Shift_JIS and become 〓. Choose UTF-8 to keep them.`}</p>`
  : html`<p class="notice notice--success">${lang === 'ja' ? 'すべての文字をそのまま出力できます。' : 'Every character can be written as is.'}</p>`}
<p><a class="button" href="/staff/reservations/export.csv?${qs}">${lang === 'ja' ? 'ダウンロード' : 'Download'}</a> <a href="/staff/reservations/export?${qs}">${lang === 'ja' ? '条件を変える' : 'Change'}</a></p>`;
    return send(reply, page(req, lang === 'ja' ? 'CSV出力の確認' : 'Export check', 'export', main));
  });

  // ---------- proxy booking ----------
  const newForm = async (req: FastifyRequest, staffServices: Service[], q: Q, v: FormValues, errs: FormErrors, problem?: string) => {
    const lang = req.lang;
    const staff = req.staff!;
    const service = staffServices.find((s) => s.id === q.serviceId);
    const date = q.date && isValidDate(q.date) ? q.date : jstDate(ctx.clock.now());
    let times = html``;
    if (service) {
      const a = await getAvailability(ctx, service.id, { from: date, to: date, now: ctx.clock.now(), mode: 'staff', includeFull: true });
      const admin = can(staff, 'overbook', service.departmentId);
      const slots = (a?.slots ?? []).filter((x) => x.start.getTime() > ctx.clock.now().getTime());
      times = html`<form method="post" action="/staff/reservations/new" novalidate>${csrfField(req)}
  <input type="hidden" name="serviceId" value="${service.id}"><input type="hidden" name="date" value="${date}">
  ${errorSummary(lang, errs, fieldLabels(service, lang))}
  ${problem ? html`<div class="notice notice--error" role="alert"><p>${problem}</p></div>` : html``}
  <fieldset class="form-field" id="in-start"><legend>${lang === 'ja' ? '時間' : 'Time'}<span class="required">${lang === 'ja' ? '必須' : 'required'}</span></legend>
  ${slots.length ? slots.map((x, i) => html`<div class="choice"><input type="radio" id="t-${i}" name="start" value="${jstIso(x.start)}"${raw(q.start === jstIso(x.start) ? ' checked' : '')}><label for="t-${i}">${jstTime(x.start)}〜${jstTime(x.end)}（${lang === 'ja' ? `残り${x.remaining}` : `${x.remaining} left`}）</label></div>`) : html`<p>${lang === 'ja' ? 'この日は受付時間がありません。' : 'No slots on this day.'}</p>`}
  </fieldset>
  ${fieldInputs(lang, service, v, errs)}
  <div class="choice"><input type="checkbox" id="overrideWindow" name="overrideWindow" value="1"${raw(q.overrideWindow ? ' checked' : '')}><label for="overrideWindow">${lang === 'ja' ? '受付期間の制限を超えて登録する（当日・直前の電話受付など）' : 'Override the booking window'}</label></div>
  ${admin ? html`<div class="choice"><input type="checkbox" id="overbook" name="overbook" value="1"><label for="overbook">${lang === 'ja' ? '定員を超えて登録する（所属管理者のみ・記録されます）' : 'Overbook beyond capacity (department administrators; logged)'}</label></div>` : html``}
  <p><button type="submit">${lang === 'ja' ? '予約を登録する' : 'Book'}</button></p>
</form>`;
    }
    return page(req, lang === 'ja' ? '電話予約の登録' : 'Phone booking', 'new', html`<h1 class="page-title">${lang === 'ja' ? '電話予約の登録（代理入力）' : 'Booking taken by phone'}</h1>
<form method="get" action="/staff/reservations/new" class="filters">
  <div class="form-field"><label for="f-serviceId">${lang === 'ja' ? '窓口' : 'Service'}</label>${serviceSelect(lang, staffServices, service?.id, 'serviceId', false)}</div>
  <div class="form-field"><label for="f-date">${lang === 'ja' ? '日付' : 'Date'}</label><input type="date" id="f-date" name="date" value="${date}"></div>
  <button type="submit" class="button--secondary">${lang === 'ja' ? '時間を表示' : 'Show times'}</button>
</form>
${times}`);
  };

  app.get('/staff/reservations/new', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const services = await listServices(ctx.db, { departmentIds: visibleDepartments(staff) });
    return send(reply, await newForm(req, services, req.query as Q, {}, {}));
  });

  app.post('/staff/reservations/new', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const lang = req.lang;
    const body = (req.body ?? {}) as Q;
    const services = await listServices(ctx.db, { departmentIds: visibleDepartments(staff) });
    const service = services.find((s) => s.id === body.serviceId);
    if (!service) throw errors.notFound();
    const v = readForm(service, body);
    try {
      const r = await admission.run(() =>
        bookSlot(ctx, {
          serviceId: service.id,
          start: new Date(body.start ?? ''),
          contact: toContact(v),
          channel: 'phone',
          staff: { actor: staff, overrideWindow: body.overrideWindow === '1', overbook: body.overbook === '1', audit: audit(req) },
        }),
      );
      return reply.redirect(`/staff/reservations/${r.reservationId}?created=1`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || ![403, 409, 422].includes(err.status)) throw err;
      const errs: FormErrors = Object.fromEntries((err.extra.fieldErrors ?? []).map((f) => [f.field, f.message[lang]]));
      const problem = err.status === 409 ? (lang === 'ja' ? 'この時間は満員です。別の時間を選ぶか、所属管理者が定員超過で登録してください。' : 'This time is full.') : err.status === 403 ? err.text[lang] : errs.start;
      return send(reply, await newForm(req, services, { ...body }, v, errs, problem), err.status);
    }
  });

  // ---------- detail ----------
  app.get('/staff/reservations/:id', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const lang = req.lang;
    const id = (req.params as Q).id ?? '';
    if (!UUID.test(id)) throw errors.notFound();
    const d = await detailForStaff(ctx, staff, id, audit(req), lang);
    const service = await findService(ctx.db, d.serviceId);
    const q = req.query as Q;
    const back = `/staff/reservations/${d.id}`;
    let changeForm = html``;
    if (service && d.status === 'booked') {
      const date = q.date && isValidDate(q.date) ? q.date : d.start.slice(0, 10);
      const a = await getAvailability(ctx, service.id, { from: date, to: date, now: ctx.clock.now(), mode: 'staff' });
      const slots = (a?.slots ?? []).filter((x) => jstIso(x.start) !== d.start && x.start.getTime() > ctx.clock.now().getTime());
      changeForm = html`<h2>${lang === 'ja' ? '日時の変更（代理）' : 'Change the time'}</h2>
<form method="get" action="/staff/reservations/${d.id}" class="filters"><div class="form-field"><label for="chg-date">${lang === 'ja' ? '日付' : 'Date'}</label><input type="date" id="chg-date" name="date" value="${date}"></div><button type="submit" class="button--secondary">${lang === 'ja' ? '空きを表示' : 'Show'}</button></form>
${slots.length
  ? html`<form method="post" action="/staff/reservations/${d.id}/change">${csrfField(req)}
  <fieldset class="form-field"><legend>${lang === 'ja' ? '新しい時間' : 'New time'}</legend>
  ${slots.map((x, i) => html`<div class="choice"><input type="radio" id="c-${i}" name="start" value="${jstIso(x.start)}" required><label for="c-${i}">${jstTime(x.start)}〜${jstTime(x.end)}（${lang === 'ja' ? `残り${x.remaining}` : `${x.remaining} left`}）</label></div>`)}
  </fieldset>
  <div class="choice"><input type="checkbox" id="chg-override" name="overrideWindow" value="1"><label for="chg-override">${lang === 'ja' ? '受付期間の制限を超えて変更する' : 'Override the booking window'}</label></div>
  <p><button type="submit">${lang === 'ja' ? '変更する' : 'Change'}</button></p></form>`
  : html`<p>${lang === 'ja' ? 'この日に空いている時間はありません。' : 'No free times on this day.'}</p>`}
<h2>${lang === 'ja' ? '予約の取消（代理）' : 'Cancel on behalf'}</h2>
<p><a class="button button--danger" href="/staff/reservations/${d.id}/cancel">${lang === 'ja' ? 'この予約を取り消す…' : 'Cancel this booking…'}</a></p>`;
    }
    const main = html`${q.created ? html`<div class="notice notice--success" role="status"><p>${lang === 'ja' ? `予約を登録しました。予約番号 ${displayNumber(d.reservationNumber)} をお伝えください。` : `Booked. Tell the caller the number ${displayNumber(d.reservationNumber)}.`}</p></div>` : html``}
${q.changed ? html`<div class="notice notice--success" role="status"><p>${lang === 'ja' ? '変更しました。' : 'Changed.'}</p></div>` : html``}
${q.cancelled ? html`<div class="notice notice--success" role="status"><p>${lang === 'ja' ? '予約を取り消しました。' : 'The booking was cancelled.'}</p></div>` : html``}
${q.lineSent ? html`<div class="notice notice--success" role="status"><p>${lang === 'ja' ? 'LINEでメッセージを送信しました。' : 'The LINE message was sent.'}</p></div>` : html``}
<h1 class="page-title">${lang === 'ja' ? '予約の詳細' : 'Booking'} ${displayNumber(d.reservationNumber)}</h1>
<p class="muted">${lang === 'ja' ? 'この画面の表示は監査ログに記録されます。' : 'Viewing this page is recorded in the audit log.'}</p>
<dl class="facts card">
  <div><dt>${lang === 'ja' ? '状態' : 'Status'}</dt><dd><span class="badge">${STATUS_LABELS[d.status][lang]}</span> ${statusButtons(req, d, back)}</dd></div>
  <div><dt>${lang === 'ja' ? '窓口' : 'Service'}</dt><dd>${d.serviceName}</dd></div>
  <div><dt>${lang === 'ja' ? '日時' : 'When'}</dt><dd>${whenText(lang, new Date(d.start), new Date(d.end))}</dd></div>
  <div><dt>${lang === 'ja' ? '受付経路' : 'Channel'}</dt><dd>${channelLabel(d.channel, d.createdByStaff, lang)}</dd></div>
  <div><dt>${lang === 'ja' ? '氏名' : 'Name'}</dt><dd>${d.name ?? (lang === 'ja' ? '（消去済み）' : '(erased)')}</dd></div>
  <div><dt>${lang === 'ja' ? '電話番号' : 'Phone'}</dt><dd>${d.phone ?? ''}</dd></div>
  <div><dt>${lang === 'ja' ? 'メールアドレス' : 'E-mail'}</dt><dd>${d.email ?? ''}</dd></div>
  ${d.fields.map((f) => html`<div><dt>${f.label}${f.classification === 'sensitive' ? html` <span class="badge">${lang === 'ja' ? '要配慮' : 'sensitive'}</span>` : ''}</dt><dd>${f.value}</dd></div>`)}
  <div><dt>${lang === 'ja' ? '登録日時' : 'Created'}</dt><dd>${formatWhen(new Date(d.createdAt), null, lang)}</dd></div>
</dl>
<h2>${lang === 'ja' ? '状態の履歴' : 'History'}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${lang === 'ja' ? '日時' : 'When'}</th><th scope="col">${lang === 'ja' ? '状態' : 'Status'}</th><th scope="col">${lang === 'ja' ? '変更者' : 'By'}</th><th scope="col">${lang === 'ja' ? '理由' : 'Reason'}</th></tr></thead>
<tbody>${d.history.map((h) => html`<tr><td>${formatWhen(new Date(h.changedAt), null, lang)}</td><td>${STATUS_LABELS[h.status as ReservationStatus]?.[lang] ?? h.status}</td><td>${h.changedBy ?? (h.actorType === 'citizen' ? (lang === 'ja' ? '本人' : 'citizen') : h.actorType)}</td><td>${h.reason ?? ''}</td></tr>`)}</tbody></table></div>
${changeForm}
${d.channel === 'line' && d.name !== null
  ? html`<h2>${lang === 'ja' ? 'LINEでメッセージを送る' : 'Send a LINE message'}</h2>
<form method="post" action="/staff/reservations/${d.id}/line-message">${csrfField(req)}
  <div class="form-field"><label for="line-text">${lang === 'ja' ? 'メッセージ（個人情報は書かないでください。送信は記録されます）' : 'Message (no personal data, please; sending is recorded)'}</label>
  <textarea id="line-text" name="text" maxlength="1000" required></textarea></div>
  <button type="submit">${lang === 'ja' ? '送信する' : 'Send'}</button></form>`
  : html``}
<p><a href="/staff/reservations?date=${d.start.slice(0, 10)}">${lang === 'ja' ? `${formatDateLong(d.start.slice(0, 10), 'ja')}の予約一覧へ` : `Bookings on ${formatDateLong(d.start.slice(0, 10), 'en')}`}</a></p>`;
    return send(reply, page(req, `${lang === 'ja' ? '予約の詳細' : 'Booking'} ${displayNumber(d.reservationNumber)}`, 'list', main));
  });

  app.post('/staff/reservations/:id/status', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const id = (req.params as Q).id ?? '';
    if (!UUID.test(id)) throw errors.notFound();
    const body = parseOrThrow(statusFormBody, req.body ?? {});
    await setReservationStatus(ctx, { reservationId: id, status: body.status, staff: { actor: staff, audit: audit(req) } });
    return reply.redirect(body.back ?? `/staff/reservations/${id}`, 303);
  });

  app.post('/staff/reservations/:id/change', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const id = (req.params as Q).id ?? '';
    if (!UUID.test(id)) throw errors.notFound();
    const body = (req.body ?? {}) as Q;
    await admission.run(() =>
      changeReservation(ctx, { reservationId: id, start: new Date(body.start ?? ''), staff: { actor: staff, overrideWindow: body.overrideWindow === '1', audit: audit(req) } }),
    );
    return reply.redirect(`/staff/reservations/${id}?changed=1`, 303);
  });

  // ---------- cancel on behalf: a confirmation step with an optional reason ----------
  const cancelPage = async (req: FastifyRequest, id: string, reason: string, error?: string) => {
    const lang = req.lang;
    const d = await detailForStaff(ctx, req.staff!, id, audit(req), lang);
    const canNotify = d.email !== null || d.lineUserId !== null;
    const ja = lang === 'ja';
    const body = d.status !== 'booked'
      ? html`<p>${ja ? `この予約は「${STATUS_LABELS[d.status].ja}」のため、取り消せません。` : `This booking is ${STATUS_LABELS[d.status].en} and cannot be cancelled.`}</p>`
      : html`${error ? html`<div class="notice notice--error" role="alert" id="reason-error" tabindex="-1"><p>${error}</p></div>` : html``}
<form method="post" action="/staff/reservations/${d.id}/cancel">${csrfField(req)}
  <div class="form-field"><label for="cancel-reason">${ja ? '取り消す理由（任意）' : 'Reason (optional)'}</label>
  <span class="hint" id="cancel-reason-hint">${canNotify ? (ja ? '取消のお知らせに載せて、ご本人に送ります。個人情報は書かないでください。' : 'Sent to the citizen in the cancellation notice. No personal data, please.') : ja ? '履歴に残ります（この予約にはメール・LINEの連絡先がないため、お知らせは送られません）。' : 'Kept in the history (this booking has no e-mail or LINE, so no notice is sent).'}</span>
  <textarea id="cancel-reason" name="reason" maxlength="500" aria-describedby="cancel-reason-hint${error ? ' reason-error' : ''}"${raw(error ? ' aria-invalid="true"' : '')}>${reason}</textarea></div>
  <p><button type="submit" class="button--danger">${ja ? '取り消す' : 'Cancel the booking'}</button> <a href="/staff/reservations/${d.id}">${ja ? '取り消さずに戻る' : 'Back without cancelling'}</a></p>
</form>`;
    return page(req, `${ja ? '予約の取消（代理）' : 'Cancel on behalf'} ${displayNumber(d.reservationNumber)}`, 'list', html`<h1 class="page-title">${ja ? 'この予約を取り消しますか' : 'Cancel this booking?'}</h1>
<dl class="facts card">
  <div><dt>${ja ? '予約番号' : 'Number'}</dt><dd>${displayNumber(d.reservationNumber)}</dd></div>
  <div><dt>${ja ? '日時' : 'When'}</dt><dd>${whenText(lang, new Date(d.start), new Date(d.end))}</dd></div>
  <div><dt>${ja ? '窓口' : 'Service'}</dt><dd>${d.serviceName}</dd></div>
  <div><dt>${ja ? '氏名' : 'Name'}</dt><dd>${d.name ?? (ja ? '（消去済み）' : '(erased)')}</dd></div>
  <div><dt>${ja ? '受付経路' : 'Channel'}</dt><dd>${channelLabel(d.channel, d.createdByStaff, lang)}</dd></div>
  <div><dt>${ja ? 'お知らせ' : 'Notice'}</dt><dd>${canNotify ? (ja ? '取消のお知らせを送ります' : 'A cancellation notice will be sent') : ja ? '送れません（連絡先なし）。必要なら電話でお伝えください。' : 'Cannot be sent (no contact); call if needed.'}</dd></div>
</dl>
${body}`);
  };

  app.get('/staff/reservations/:id/cancel', STAFF, async (req, reply) => {
    await authenticate('staff', req);
    const id = (req.params as Q).id ?? '';
    if (!UUID.test(id)) throw errors.notFound();
    return send(reply, await cancelPage(req, id, ''));
  });

  app.post('/staff/reservations/:id/cancel', STAFF, async (req, reply) => {
    const staff = await authenticate('staff', req);
    const id = (req.params as Q).id ?? '';
    if (!UUID.test(id)) throw errors.notFound();
    const typed = req.body as Q | undefined;
    const parsed = cancelFormBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      const reason = typeof typed?.reason === 'string' ? typed.reason : '';
      const message = parseErrorText(parsed.error, req.lang);
      return send(reply, await cancelPage(req, id, reason, message), 422);
    }
    await admission.run(() => cancelReservation(ctx, { reservationId: id, reason: parsed.data.reason, staff: { actor: staff, audit: audit(req) } }));
    return reply.redirect(`/staff/reservations/${id}?cancelled=1`, 303);
  });

  registerServicePages(app, ctx);
}
