/**
 * Citizen pages: home (services), service calendar, times of a day, the booking form → confirm →
 * done, My Page (list, view with QR code, change, cancel), and the demo mailbox. Everything is a
 * plain GET link or a POST form: it works without JavaScript and in LINE's in-app browser.
 *
 * Access to a booking is per booking (the booking just made, its mailed link, its number + phone);
 * the list of "my bookings" needs a link mailed to the address (see my-session.ts, my-page-link.ts).
 * What the citizen typed is carried in the forms (hidden inputs) through "correct the answers" and
 * "choose another time", so nothing has to be typed twice.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { AppError, errors } from '../../http/errors.js';
import type { Lang } from '../../http/i18n.js';
import type { AppContext } from '../../platform/context.js';
import { startedSmtpStandin } from '../../platform/mailer.js';
import { admission } from '../../modules/reservations/admission-instance.js';
import { getAvailability, monthCalendar, nextMonth, prevMonth } from '../../modules/reservations/availability.js';
import { cancelReservation } from '../../modules/reservations/cancel-reservation.js';
import { changeReservation } from '../../modules/reservations/change-reservation.js';
import { findForCitizen } from '../../modules/reservations/find-reservation.js';
import { formatDateLong, isValidDate, jstDate, jstIso } from '../../platform/japan-time.js';
import { MY_LINK_TTL_MINUTES, requestMyPageLink, useMyPageLink } from '../../modules/reservations/my-page-link.js';
import { findReservationByNumber, personalOf, RESERVATION_SELECT, type ReservationRow } from '../../modules/reservations/reservations.repository.js';
import { normaliseReservationNumber } from '../../modules/reservations/reservation-number.js';
import { findRulesForDay, findSlot, windowProblem } from '../../modules/reservations/rules-loader.js';
import { lastBookableDay } from '../../modules/reservations/rules.js';
import { findService, listServices, type Service } from '../../modules/reservations/services.repository.js';
import { STATUS_LABELS } from '../../modules/reservations/staff-queries.js';
import { html, type SafeHtml } from '../html.js';
import { assertFormCsrf, assertMyCsrf, closeMySession, formCsrf, grantMySession, myCsrf, readMySession, sessionCanOpen } from './my-session.js';
import {
  calendarTable, citizenPage, displayNumber, errorSummary, fieldInputs, fieldLabels, legend, readForm,
  svcName, timesList, toContact, valuesTable, whenText, type FormErrors, type FormValues,
} from './pages.js';

type Params = Record<string, string>;
type Query = Record<string, string | undefined>;

const send = (reply: FastifyReply, body: string, status = 200) => reply.code(status).type('text/html; charset=utf-8').send(body);

function fieldErrorsOf(err: unknown, lang: Lang): FormErrors | null {
  if (err instanceof AppError && err.status === 422 && err.extra.fieldErrors)
    return Object.fromEntries(err.extra.fieldErrors.map((f) => [f.field, f.message[lang]]));
  return null;
}

function monthParam(q: Query, ctx: AppContext): string {
  const m = q.month;
  return m && /^\d{4}-(0[1-9]|1[0-2])$/.test(m) ? m : jstDate(ctx.clock.now()).slice(0, 7);
}

/** The calendar + day + times steps, shared by booking and by My Page's change. */
async function calendarSection(ctx: AppContext, req: FastifyRequest, service: Service, month: string, base: string): Promise<SafeHtml> {
  const lang = req.lang;
  const now = ctx.clock.now();
  const cal = await monthCalendar(ctx, service.id, month, now);
  if (!cal) throw errors.notFound();
  const thisMonth = jstDate(now).slice(0, 7);
  const lastMonth = lastBookableDay({ ...service, schedule: service.schedule, exceptions: [], id: service.id }, now).slice(0, 7);
  const prev = month > thisMonth ? html`<a href="${base}?month=${prevMonth(month)}">${lang === 'ja' ? '← 前の月' : '← Previous month'}</a>` : html``;
  const next = month < lastMonth ? html`<a href="${base}?month=${nextMonth(month)}">${lang === 'ja' ? '次の月 →' : 'Next month →'}</a>` : html``;
  const available = cal.days.filter((d) => d.bookable);
  return html`<h2>${lang === 'ja' ? '日にちを選んでください' : 'Choose a day'}</h2>
${legend(lang)}
<nav class="month-nav" aria-label="${lang === 'ja' ? '月の切り替え' : 'Months'}">${prev} ${next}</nav>
${calendarTable(lang, month, cal.days, (d) => `${base}/days/${d}`)}
${available.length
  ? html``
  : html`<p class="notice notice--warning">${lang === 'ja' ? 'この月に予約できる日はありません。' : 'No days can be booked in this month.'}</p>`}`;
}

const NOT_A_SLOT = { ja: '選択した日時は予約できません。カレンダーから日時を選んでください。', en: 'This date and time cannot be booked. Please choose one from the calendar.' };

export function registerCitizenPages(app: FastifyInstance, ctx: AppContext): void {
  // ---------- shared with My Page's change of date (the booking screens are in modules/reservations/citizen/) ----------
  /** The slot a form names, or null when it names none (invalid, far past or future, not scheduled). */
  const slotOf = async (s: Service, raw: unknown) => {
    const start = new Date(typeof raw === 'string' ? raw : '');
    const rules = await findRulesForDay(ctx.db, s, start);
    const slot = findSlot(rules, start);
    if (!slot) return null;
    return { slot, problem: windowProblem(rules, slot.start, ctx.clock.now(), 'book') };
  };

  /** A start that names no slot: a field error on 「日時」 with the way back to the calendar (422). */
  const notASlotPage = (req: FastifyRequest, reply: FastifyReply, s: Service) => {
    const lang = req.lang;
    const main = html`<h1 class="page-title">${lang === 'ja' ? '予約できません' : 'Cannot be booked'}</h1>
${errorSummary(lang, { start: NOT_A_SLOT[lang] }, fieldLabels(s, lang))}
<p><a class="button" href="/services/${s.id}">${lang === 'ja' ? 'カレンダーに戻る' : 'Back to the calendar'}</a></p>`;
    return send(reply, citizenPage(req, lang === 'ja' ? '予約できません' : 'Cannot be booked', main, { hasErrors: true }), 422);
  };

  // ---------- My Page ----------
  type LoginState = { error?: string; number?: string; email?: string; emailError?: string; intro?: SafeHtml };

  const loginForms = (req: FastifyRequest, reply: FastifyReply, o: LoginState) => {
    const lang = req.lang;
    const csrf = formCsrf(ctx, req, reply);
    return html`<section aria-labelledby="login-one">
<h2 id="login-one">${lang === 'ja' ? '予約番号と電話番号で開く' : 'Open one booking with its number and phone'}</h2>
<p>${lang === 'ja' ? '予約番号と、その予約のときに入力した電話番号を入力してください。その1件の予約が開きます。' : 'Enter the reservation number and the phone number given for that booking. That one booking opens.'}</p>
${o.error
  ? html`<div class="notice notice--error" role="alert" tabindex="-1" id="error-summary" autofocus><p>${o.error}</p></div>`
  : html``}
<form method="post" action="/my/login" novalidate>
  <input type="hidden" name="_csrf" value="${csrf}">
  <div class="form-field"><label for="my-number">${lang === 'ja' ? '予約番号' : 'Reservation number'}<span class="required">${lang === 'ja' ? '必須' : 'required'}</span></label>
    <span class="hint" id="my-number-hint">${lang === 'ja' ? '例: ABCD-2345（8文字）' : 'e.g. ABCD-2345 (8 characters)'}</span>
    <input type="text" id="my-number" name="number" value="${o.number ?? ''}" autocomplete="off" autocapitalize="characters" aria-describedby="my-number-hint" required></div>
  <div class="form-field"><label for="my-phone">${lang === 'ja' ? '電話番号' : 'Phone number'}<span class="required">${lang === 'ja' ? '必須' : 'required'}</span></label>
    <input type="tel" id="my-phone" name="phone" inputmode="tel" autocomplete="tel" required></div>
  <button type="submit">${lang === 'ja' ? '予約を表示する' : 'Show my booking'}</button>
</form>
</section>
<section aria-labelledby="login-email">
<h2 id="login-email">${lang === 'ja' ? 'メールアドレスで予約の一覧を開く' : 'See all your bookings by e-mail'}</h2>
<p>${lang === 'ja' ? `予約のときに入力したメールアドレスに、予約の一覧を開くリンクをお送りします（${MY_LINK_TTL_MINUTES}分間、1回だけ使えます）。予約完了メールのリンクからも、その予約を開けます。` : `We e-mail a link (valid for ${MY_LINK_TTL_MINUTES} minutes, once) that lists the bookings made with that address. The link in a confirmation e-mail also opens its booking.`}</p>
${o.emailError
  ? html`<div class="notice notice--error" role="alert" tabindex="-1" id="error-summary" autofocus><p><a href="#my-email">${lang === 'ja' ? 'メールアドレス' : 'E-mail address'}: ${o.emailError}</a></p></div>`
  : html``}
<form method="post" action="/my/email" novalidate>
  <input type="hidden" name="_csrf" value="${csrf}">
  <div class="form-field"><label for="my-email">${lang === 'ja' ? 'メールアドレス' : 'E-mail address'}<span class="required">${lang === 'ja' ? '必須' : 'required'}</span></label>
    ${o.emailError ? html`<p class="field-error" id="my-email-error">${o.emailError}</p>` : html``}
    <input type="email" id="my-email" name="email" value="${o.email ?? ''}" autocomplete="email" required${o.emailError ? html` aria-invalid="true" aria-describedby="my-email-error"` : html``}></div>
  <button type="submit" class="button--secondary">${lang === 'ja' ? 'リンクを送る' : 'Send me the link'}</button>
</form>
</section>`;
  };

  const loginPage = (req: FastifyRequest, reply: FastifyReply, o: LoginState = {}) => {
    const lang = req.lang;
    return citizenPage(
      req,
      lang === 'ja' ? 'マイページ' : 'My Page',
      html`<h1 class="page-title">${lang === 'ja' ? 'マイページ（予約の確認・変更・取消）' : 'My Page'}</h1>
${o.intro ?? ''}
${loginForms(req, reply, o)}`,
      { hasErrors: Boolean(o.error || o.emailError) },
    );
  };

  /** A booking this browser may not open (yet): how to open it, with the form (a bookmark, another phone). */
  const notOpenPage = (req: FastifyRequest, reply: FastifyReply, rawNumber: string) => {
    const lang = req.lang;
    const number = normaliseReservationNumber(rawNumber);
    const intro = html`<div class="notice notice--warning" role="status">
  <p><strong>${lang === 'ja' ? 'この画面は、予約をした端末で一定時間だけ表示できます。' : 'This page can be shown only for a while, on the device that made the booking.'}</strong></p>
  <p>${lang === 'ja' ? 'ご予約は取り消されていません。次のどちらかの方法で開いてください。' : 'Your booking has not been cancelled. Open it in one of these ways:'}</p>
  <ul>
    <li>${lang === 'ja' ? '予約完了メールの「マイページ」のリンクを開く' : 'the My Page link in the confirmation e-mail'}</li>
    <li>${lang === 'ja' ? '下の欄に予約番号と電話番号を入力する' : 'the reservation number and phone number below'}</li>
  </ul>
</div>`;
    return send(reply, loginPage(req, reply, { number: number ? displayNumber(number) : '', intro }), 404);
  };

  const myBookings = async (req: FastifyRequest): Promise<ReservationRow[]> => {
    const sess = await readMySession(ctx, req);
    if (!sess) return [];
    const r = await ctx.db.query<ReservationRow>(
      `${RESERVATION_SELECT} WHERE r.anonymised_at IS NULL AND r.ends_at > $3
         AND (r.id IN (SELECT reservation_id FROM rsv_my_session_grants WHERE session_id = $1)
              OR ($2::text IS NOT NULL AND r.email_index = $2))
       ORDER BY r.starts_at LIMIT 50`,
      [sess.id, sess.emailIndex, new Date(ctx.clock.now().getTime() - 86_400_000)],
    );
    return r.rows;
  };

  /** The booking if this browser's session may open it, else null. */
  const mine = async (req: FastifyRequest, rawNumber: string): Promise<ReservationRow | null> => {
    const number = normaliseReservationNumber(rawNumber);
    const sess = await readMySession(ctx, req);
    if (!number || !sess) return null;
    const r = await findReservationByNumber(ctx.db, number);
    if (!r || r.anonymisedAt || !(await sessionCanOpen(ctx, sess, r))) return null;
    return r;
  };
  const mineOr404 = async (req: FastifyRequest, rawNumber: string): Promise<ReservationRow> => {
    const r = await mine(req, rawNumber);
    if (!r) throw errors.notFound();
    return r;
  };

  app.get('/my', async (req, reply) => {
    const lang = req.lang;
    const sess = await readMySession(ctx, req);
    const closed = (req.query as Query).closed === '1';
    if (!sess)
      return send(reply, loginPage(req, reply, closed ? { intro: html`<div class="notice notice--success" role="status"><p>${lang === 'ja' ? 'マイページを閉じました。' : 'My Page has been closed.'}</p></div>` } : {}));
    const list = await myBookings(req);
    const services = new Map((await listServices(ctx.db)).map((s) => [s.id, s]));
    const main = html`<h1 class="page-title">${lang === 'ja' ? 'マイページ' : 'My Page'}</h1>
${sess.emailIndex
  ? html`<p>${lang === 'ja' ? 'メールアドレスで確認したご予約と、この端末で開いたご予約です。' : 'Bookings made with your e-mail address, and those opened on this device.'}</p>`
  : html`<p>${lang === 'ja' ? 'この端末で開いたご予約です。ほかのご予約は、予約番号と電話番号、またはメールのリンクで開けます。' : 'Bookings opened on this device. Open others with their number and phone, or by e-mail.'}</p>`}
${list.length
  ? html`<ul class="booking-list">${list.map((r) => {
      const s = services.get(r.serviceId);
      return html`<li class="card"><a href="/my/reservations/${r.reservationNumber}"><strong>${s ? svcName(s, lang) : ''}</strong></a><br>
        ${whenText(lang, r.start, r.end)}<br>${lang === 'ja' ? '予約番号' : 'Number'}: ${displayNumber(r.reservationNumber)}
        <span class="badge">${STATUS_LABELS[r.status][lang]}</span></li>`;
    })}</ul>`
  : html`<p>${lang === 'ja' ? '表示できる予約はありません。' : 'No bookings to show.'}</p>`}
<p><a href="/">${lang === 'ja' ? '新しく予約する' : 'Make a new booking'}</a> · <a href="/my/login">${lang === 'ja' ? 'ほかの予約を開く' : 'Open another booking'}</a></p>
<form method="post" action="/my/logout"><input type="hidden" name="_csrf" value="${myCsrf(ctx, req)}"><button type="submit" class="button--secondary">${lang === 'ja' ? 'マイページを閉じる' : 'Close My Page'}</button></form>`;
    return send(reply, citizenPage(req, lang === 'ja' ? 'マイページ' : 'My Page', main));
  });

  app.get('/my/login', async (req, reply) => send(reply, loginPage(req, reply)));

  app.post('/my/login', async (req, reply) => {
    const lang = req.lang;
    assertFormCsrf(ctx, req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const number = typeof body.number === 'string' ? body.number : '';
    const phone = typeof body.phone === 'string' ? body.phone : '';
    try {
      const r = await findForCitizen(ctx, number, { phone }, req.ip);
      // number + phone open that one booking only: a phone number proves nothing about other bookings
      await grantMySession(ctx, req, reply, { reservationId: r.id });
      return reply.redirect(`/my/reservations/${r.reservationNumber}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.status === 404) return send(reply, loginPage(req, reply, { error: lang === 'ja' ? '予約番号または電話番号が正しくありません。' : 'The number or phone number is not correct.', number }), 404);
      throw err;
    }
  });

  app.post('/my/email', async (req, reply) => {
    const lang = req.lang;
    assertFormCsrf(ctx, req);
    const email = typeof (req.body as Record<string, unknown> | undefined)?.email === 'string' ? ((req.body as Record<string, string>).email as string) : '';
    try {
      await requestMyPageLink(ctx, { email, clientIp: req.ip, lang });
    } catch (err) {
      const fe = fieldErrorsOf(err, lang);
      if (fe?.email) return send(reply, loginPage(req, reply, { email, emailError: fe.email }), 422);
      throw err;
    }
    // the same answer whether or not there are bookings with this address
    const main = html`<h1 class="page-title">${lang === 'ja' ? 'メールをご確認ください' : 'Please check your e-mail'}</h1>
<div class="notice notice--success" role="status"><p>${lang === 'ja'
      ? `入力されたメールアドレスでのご予約があれば、マイページを開くリンクをお送りしました。リンクは${MY_LINK_TTL_MINUTES}分間、1回だけ使えます。`
      : `If there are bookings with this address, we have sent a link to open My Page. It works once, within ${MY_LINK_TTL_MINUTES} minutes.`}</p></div>
<p>${lang === 'ja' ? 'メールが届かない場合は、予約番号と電話番号で1件ずつ開けます。' : 'No e-mail? Open each booking with its number and phone.'} <a href="/my">${lang === 'ja' ? 'マイページへ' : 'My Page'}</a></p>`;
    return send(reply, citizenPage(req, lang === 'ja' ? 'メールをご確認ください' : 'Check your e-mail', main));
  });

  // The mailed link shows a button; only the POST uses the link (mail scanners that follow links
  // must not spend it).
  app.get('/my/e/:token', async (req, reply) => {
    const lang = req.lang;
    const token = (req.params as Params).token as string;
    const main = html`<h1 class="page-title">${lang === 'ja' ? 'マイページを開く' : 'Open My Page'}</h1>
<form method="post" action="/my/e/${token}">
  <input type="hidden" name="_csrf" value="${formCsrf(ctx, req, reply)}">
  <button type="submit">${lang === 'ja' ? 'ご予約の一覧を表示する' : 'Show my bookings'}</button>
</form>`;
    return send(reply, citizenPage(req, lang === 'ja' ? 'マイページを開く' : 'Open My Page', main));
  });

  app.post('/my/e/:token', async (req, reply) => {
    const lang = req.lang;
    assertFormCsrf(ctx, req);
    const emailIndex = await useMyPageLink(ctx, (req.params as Params).token as string);
    if (!emailIndex) {
      const intro = html`<div class="notice notice--error" role="alert"><p>${lang === 'ja' ? 'このリンクは使えません（使用済みか、期限切れです）。もう一度リンクをお送りください。' : 'This link cannot be used (already used or expired). Please ask for a new one.'}</p></div>`;
      return send(reply, loginPage(req, reply, { intro }), 410);
    }
    await grantMySession(ctx, req, reply, { emailIndex });
    return reply.redirect('/my', 303);
  });

  app.get('/my/r/:number/:id/:sig', async (req, reply) => {
    const p = req.params as Params;
    const r = await findForCitizen(ctx, p.number as string, { signature: p.sig as string, reservationId: p.id as string }, req.ip);
    await grantMySession(ctx, req, reply, { reservationId: r.id });
    return reply.redirect(`/my/reservations/${r.reservationNumber}`, 303);
  });

  app.post('/my/logout', async (req, reply) => {
    await assertMyCsrf(ctx, req);
    await closeMySession(ctx, req, reply);
    return reply.redirect('/my?closed=1', 303);
  });

  app.get('/my/reservations/:number', async (req, reply) => {
    const lang = req.lang;
    const rawNumber = (req.params as Params).number as string;
    const r = await mine(req, rawNumber);
    if (!r) return notOpenPage(req, reply, rawNumber);
    const s = await findService(ctx.db, r.serviceId);
    const p = personalOf(ctx, r);
    if (!s || !p) throw errors.notFound();
    const q = req.query as Query;
    const done = q.done === '1';
    const changed = q.changed === '1';
    const isCancelled = r.status === 'cancelled';
    const canChange = r.status === 'booked' && !windowProblem(await findRulesForDay(ctx.db, s, r.start), r.start, ctx.clock.now(), 'change');
    // a cancelled booking shows no QR code: nothing that looks valid at the counter
    const qr = isCancelled ? '' : await QRCode.toDataURL(r.reservationNumber, { margin: 2, width: 200 });
    const heading = isCancelled
      ? html`<h1 class="page-title">${lang === 'ja' ? '取り消したご予約' : 'Cancelled booking'}</h1>`
      : done
        ? html`<div class="notice notice--success" role="status"><h1 class="page-title">${lang === 'ja' ? '予約が完了しました' : 'You are booked'}</h1>
        <p>${lang === 'ja' ? '予約番号を控えてください。当日は窓口で予約番号またはQRコードをお示しください。' : 'Please note your number and show it (or the QR code) at the counter.'}${p.email ? (lang === 'ja' ? ' 確認メールをお送りしました。' : ' We have sent a confirmation e-mail.') : ''}</p></div>`
        : html`<h1 class="page-title">${lang === 'ja' ? 'ご予約の内容' : 'Your booking'}</h1>`;
    const main = html`${heading}
${q.cancelled === '1' && isCancelled ? html`<div class="notice notice--success" role="status"><p><strong>${lang === 'ja' ? '予約を取り消しました。' : 'Your booking has been cancelled.'}</strong></p></div>` : html``}
${isCancelled ? html`<p class="notice notice--warning">${lang === 'ja' ? 'この予約は取り消されています。この予約番号では受付できません。' : 'This booking has been cancelled. Its number cannot be used at the counter.'}</p>` : html``}
${changed ? html`<div class="notice notice--success" role="status"><p>${lang === 'ja' ? '予約を変更しました。' : 'Your booking has been changed.'}</p></div>` : html``}
<div class="card reservation-card${isCancelled ? ' reservation-card--cancelled' : ''}">
  ${isCancelled
    ? html`<p class="reservation-number">${lang === 'ja' ? '予約番号（取消済み）' : 'Reservation number (cancelled)'}<br><del>${displayNumber(r.reservationNumber)}</del></p>`
    : html`<p class="reservation-number">${lang === 'ja' ? '予約番号' : 'Reservation number'}<br><strong>${displayNumber(r.reservationNumber)}</strong></p>
  <img class="qr" src="${qr}" width="200" height="200" alt="${lang === 'ja' ? `予約番号 ${displayNumber(r.reservationNumber)} のQRコード` : `QR code of ${displayNumber(r.reservationNumber)}`}">`}
  <dl class="facts">
    <div><dt>${lang === 'ja' ? '状態' : 'Status'}</dt><dd>${STATUS_LABELS[r.status][lang]}</dd></div>
    <div><dt>${lang === 'ja' ? '予約内容' : 'Service'}</dt><dd>${svcName(s, lang)}</dd></div>
    <div><dt>${lang === 'ja' ? '日時' : 'When'}</dt><dd>${whenText(lang, r.start, r.end)}</dd></div>
    <div><dt>${lang === 'ja' ? '場所' : 'Place'}</dt><dd>${s.place}</dd></div>
  </dl>
  ${valuesTable(lang, s, { ...p, email: p.email ?? '' })}
</div>
${canChange
  ? html`<p><a class="button" href="/my/reservations/${r.reservationNumber}/change">${lang === 'ja' ? '日時を変更する' : 'Change the date or time'}</a>
     <a class="button button--secondary" href="/my/reservations/${r.reservationNumber}/edit">${lang === 'ja' ? '入力内容を変更する' : 'Change your details'}</a>
     <a class="button button--danger" href="/my/reservations/${r.reservationNumber}/cancel">${lang === 'ja' ? '予約を取り消す' : 'Cancel the booking'}</a></p>`
  : r.status === 'booked'
    ? html`<p class="notice notice--warning">${lang === 'ja' ? `変更・取消の受付は開始の${s.changeUntilMinutes}分前までです。お急ぎの場合は担当窓口へお電話ください。` : `Changes close ${s.changeUntilMinutes} minutes before the start. Please call the office.`}</p>`
    : html``}
<p><a href="/my">${lang === 'ja' ? 'マイページのトップへ' : 'My Page'}</a></p>`;
    return send(reply, citizenPage(req, isCancelled ? (lang === 'ja' ? '取り消したご予約' : 'Cancelled booking') : lang === 'ja' ? 'ご予約の内容' : 'Your booking', main));
  });

  // change: calendar → day → time → confirm
  app.get('/my/reservations/:number/change', async (req, reply) => {
    const lang = req.lang;
    const r = await mineOr404(req, (req.params as Params).number as string);
    const s = await findService(ctx.db, r.serviceId);
    if (!s) throw errors.notFound();
    const month = (req.query as Query).month ? monthParam(req.query as Query, ctx) : jstDate(r.start) < jstDate(ctx.clock.now()) ? monthParam({}, ctx) : jstDate(r.start).slice(0, 7);
    const base = `/my/reservations/${r.reservationNumber}/change`;
    const main = html`<p><a href="/my/reservations/${r.reservationNumber}">${lang === 'ja' ? '← 予約の内容に戻る' : '← Back'}</a></p>
<h1 class="page-title">${lang === 'ja' ? '日時の変更' : 'Change the date or time'}</h1>
<p>${lang === 'ja' ? '現在の予約' : 'Now'}: ${whenText(lang, r.start, r.end)}</p>
${await calendarSection(ctx, req, s, month, base)}`;
    return send(reply, citizenPage(req, lang === 'ja' ? '日時の変更' : 'Change', main));
  });

  app.get('/my/reservations/:number/change/days/:date', async (req, reply) => {
    const lang = req.lang;
    const p = req.params as Params;
    const r = await mineOr404(req, p.number as string);
    const date = p.date as string;
    if (!isValidDate(date)) throw errors.notFound();
    const a = await getAvailability(ctx, r.serviceId, { from: date, to: date, now: ctx.clock.now() });
    const slots = (a?.slots ?? []).filter((x) => x.start.getTime() !== r.start.getTime());
    const main = html`<p><a href="/my/reservations/${r.reservationNumber}/change?month=${date.slice(0, 7)}">${lang === 'ja' ? '← カレンダーに戻る' : '← Back to the calendar'}</a></p>
<h1 class="page-title">${formatDateLong(date, lang)}</h1>
<p>${lang === 'ja' ? '新しい時間を選んでください。' : 'Choose the new time.'}</p>
${timesList(lang, slots, (x) => `/my/reservations/${r.reservationNumber}/change/confirm?start=${encodeURIComponent(jstIso(x.start))}`)}`;
    return send(reply, citizenPage(req, formatDateLong(date, lang), main));
  });

  app.get('/my/reservations/:number/change/confirm', async (req, reply) => {
    const lang = req.lang;
    const r = await mineOr404(req, (req.params as Params).number as string);
    const s = await findService(ctx.db, r.serviceId);
    if (!s) throw errors.notFound();
    const found = await slotOf(s, (req.query as Query).start);
    if (!found) return notASlotPage(req, reply, s);
    const { slot } = found;
    const main = html`<h1 class="page-title">${lang === 'ja' ? '変更内容の確認' : 'Confirm the change'}</h1>
<dl class="facts card">
  <div><dt>${lang === 'ja' ? '変更前' : 'From'}</dt><dd>${whenText(lang, r.start, r.end)}</dd></div>
  <div><dt>${lang === 'ja' ? '変更後' : 'To'}</dt><dd><strong>${whenText(lang, slot.start, slot.end)}</strong></dd></div>
</dl>
<form method="post" action="/my/reservations/${r.reservationNumber}/change">
  <input type="hidden" name="_csrf" value="${myCsrf(ctx, req)}">
  <input type="hidden" name="start" value="${jstIso(slot.start)}">
  <button type="submit">${lang === 'ja' ? 'この日時に変更する' : 'Change'}</button>
</form>
<p><a href="/my/reservations/${r.reservationNumber}">${lang === 'ja' ? '変更しない' : 'Keep the booking as it is'}</a></p>`;
    return send(reply, citizenPage(req, lang === 'ja' ? '変更内容の確認' : 'Confirm', main));
  });

  const changeFailed = (req: FastifyRequest, reply: FastifyReply, r: ReservationRow, err: unknown) => {
    const lang = req.lang;
    if (!(err instanceof AppError) || ![409, 422].includes(err.status)) throw err;
    const msg = err.status === 409 ? (lang === 'ja' ? '申し訳ありません。選択した時間は満員になりました。' : 'Sorry, that time is now full.') : Object.values(fieldErrorsOf(err, lang) ?? {}).join(' ') || err.text[lang];
    return send(reply, citizenPage(req, lang === 'ja' ? '変更できませんでした' : 'Not changed', html`<h1 class="page-title">${lang === 'ja' ? '変更できませんでした' : 'Not changed'}</h1>
<p class="notice notice--error" role="alert">${msg}</p><p><a href="/my/reservations/${r.reservationNumber}">${lang === 'ja' ? '予約の内容に戻る' : 'Back to the booking'}</a></p>`), err.status);
  };

  app.post('/my/reservations/:number/change', async (req, reply) => {
    await assertMyCsrf(ctx, req);
    const r = await mineOr404(req, (req.params as Params).number as string);
    const body = (req.body ?? {}) as Record<string, unknown>;
    try {
      await admission.run(() => changeReservation(ctx, { reservationId: r.id, start: new Date(typeof body.start === 'string' ? body.start : '') }));
    } catch (err) {
      return changeFailed(req, reply, r, err);
    }
    return reply.redirect(`/my/reservations/${r.reservationNumber}?changed=1`, 303);
  });

  // edit the details
  const editPage = (req: FastifyRequest, r: ReservationRow, s: Service, v: FormValues, errs: FormErrors) => {
    const lang = req.lang;
    return citizenPage(req, lang === 'ja' ? '入力内容の変更' : 'Change your details', html`<p><a href="/my/reservations/${r.reservationNumber}">${lang === 'ja' ? '← 予約の内容に戻る' : '← Back'}</a></p>
<h1 class="page-title">${lang === 'ja' ? '入力内容の変更' : 'Change your details'}</h1>
${errorSummary(lang, errs, fieldLabels(s, lang))}
<form method="post" action="/my/reservations/${r.reservationNumber}/edit" novalidate>
  <input type="hidden" name="_csrf" value="${myCsrf(ctx, req)}">
  ${fieldInputs(lang, s, v, errs)}
  <button type="submit">${lang === 'ja' ? '変更する' : 'Save'}</button>
</form>`, { hasErrors: Object.keys(errs).length > 0 });
  };

  app.get('/my/reservations/:number/edit', async (req, reply) => {
    const r = await mineOr404(req, (req.params as Params).number as string);
    const s = await findService(ctx.db, r.serviceId);
    const p = personalOf(ctx, r);
    if (!s || !p) throw errors.notFound();
    return send(reply, editPage(req, r, s, { name: p.name, phone: p.phone, email: p.email ?? '', fields: p.fields }, {}));
  });

  app.post('/my/reservations/:number/edit', async (req, reply) => {
    await assertMyCsrf(ctx, req);
    const r = await mineOr404(req, (req.params as Params).number as string);
    const s = await findService(ctx.db, r.serviceId);
    if (!s) throw errors.notFound();
    const v = readForm(s, (req.body ?? {}) as Record<string, unknown>);
    try {
      const c = toContact(v);
      // every field of the form is sent: an emptied optional field is cleared
      const fields = Object.fromEntries(s.fields.filter((f) => !['name', 'phone', 'email'].includes(f.key)).map((f) => [f.key, v.fields?.[f.key] ?? '']));
      await admission.run(() => changeReservation(ctx, { reservationId: r.id, contact: { ...c, fields } }));
    } catch (err) {
      const fe = fieldErrorsOf(err, req.lang);
      if (fe) return send(reply, editPage(req, r, s, v, fe), 422);
      return changeFailed(req, reply, r, err);
    }
    return reply.redirect(`/my/reservations/${r.reservationNumber}?changed=1`, 303);
  });

  app.get('/my/reservations/:number/cancel', async (req, reply) => {
    const lang = req.lang;
    const r = await mineOr404(req, (req.params as Params).number as string);
    const s = await findService(ctx.db, r.serviceId);
    if (!s) throw errors.notFound();
    return send(reply, citizenPage(req, lang === 'ja' ? '予約の取消' : 'Cancel', html`<h1 class="page-title">${lang === 'ja' ? '予約を取り消しますか？' : 'Cancel this booking?'}</h1>
<div class="card"><p><strong>${svcName(s, lang)}</strong><br>${whenText(lang, r.start, r.end)}<br>${lang === 'ja' ? '予約番号' : 'Number'}: ${displayNumber(r.reservationNumber)}</p></div>
<form method="post" action="/my/reservations/${r.reservationNumber}/cancel">
  <input type="hidden" name="_csrf" value="${myCsrf(ctx, req)}">
  <button type="submit" class="button--danger">${lang === 'ja' ? '取り消す' : 'Cancel the booking'}</button>
</form>
<p><a href="/my/reservations/${r.reservationNumber}">${lang === 'ja' ? '取り消さずに戻る' : 'Keep the booking'}</a></p>`));
  });

  app.post('/my/reservations/:number/cancel', async (req, reply) => {
    await assertMyCsrf(ctx, req);
    const r = await mineOr404(req, (req.params as Params).number as string);
    try {
      await admission.run(() => cancelReservation(ctx, { reservationId: r.id }));
    } catch (err) {
      return changeFailed(req, reply, r, err);
    }
    return reply.redirect(`/my/reservations/${r.reservationNumber}?cancelled=1`, 303);
  });
}
