/**
 * Internet-zone routes: the citizens' booking site (/card, POST /api/v1/card/session) and the
 * booking-site staff page (/staff/card-site). Never registered in an internal-zone process.
 */
import { z } from 'zod';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authenticate } from '../../../http/actor.js';
import { defineApi } from '../../../http/api-route.js';
import { AppError, errors } from '../../../http/errors.js';
import { msg, parseOrThrow } from '../../../http/validation.js';
import type { AppContext } from '../../../platform/context.js';
import { html, raw, type SafeHtml } from '../../../web/html.js';
import { layout } from '../../../web/layout.js';
import { recordAudit } from '../../audit/index.js';
import { csrfField, readableDepartmentIds, registerStaffNav, renderStaffPage } from '../../staff/index.js';
import { ExchangeFileError } from '../shared/exchange-file.js';
import { formatReservationId, normaliseNumber, normaliseReservationId } from '../shared/normalise.js';
import { ZoneKeyError } from '../shared/zone-keys.js';
import { audit, cardSiteDepartments, field, memberOfAny, siteDepartmentOf, uploaded, withUploads } from '../staff-office.js';
import { activeBookingOf, bookCardSlot, cancelCardBooking, listBookings, MAX_PARTY, type BookingView } from './card-bookings.js';
import { assertCardCsrf, endCardSession, isLoginCsrfValid, loginCsrfToken, readCardSession, startCardSession, type CardSession } from './card-session.js';
import { unlockCardLogin } from './unlock-login.js';
import { exportBookings } from './export-bookings.js';
import { BOOKINGS_CSV_MAX_DAYS, exportBookingsCsv } from './bookings-csv.js';
import { importBundle } from './import-bundle.js';
import { findLocation, listLocations, LocationCodeTaken, upsertLocation } from './locations.js';
import { LOCATION_FIELDS, locationForm, locationSection, parseLocationForm, type LocationForm, type LocationFormState } from './location-form.js';
import {
  addPickupException, getAvailability, listPickupExceptions, monthCalendar, nextMonth, prevMonth,
  removePickupException, type PickupException,
} from '../../reservations/index.js';
import { calendarTable, legend } from '../../../web/citizen/pages.js';
import { isPgError } from '../../../platform/db.js';
import { formatDateLong, formatWhen, jstDate, jstInstant, jstMonth, jstTime } from '../../../platform/japan-time.js';
import { readBreaker, verifyCardCredential, type CredentialCheck } from './verify-credential.js';
import { contactParts, keypadFor, officeOfCard, siteKeypad, type NetOffice } from './card-office.js';

type L = 'ja' | 'en';
const t = (lang: L, ja: string, en: string) => (lang === 'ja' ? ja : en);
/** One vocabulary: the letter's id is 「ログインID」 everywhere; 「予約番号」 is only a finished booking's own number. */
const LOGIN_ID = { ja: 'ログインID', en: 'Log-in ID' };
const WRONG = { ja: 'ログインIDまたはパスワードが正しくありません。', en: 'The log-in ID or password is not correct.' };
const CALL_CITY = {
  ja: 'ログインの失敗が続いたため、このログインIDはロックされています。お手数ですが、交付通知書に記載の窓口にお電話ください（職員がロックを解除するか、電話で予約をお受けします）。',
  en: 'This log-in ID is locked after too many failed log-ins. Please call the office on your letter (staff can unlock it or book for you by phone).',
};
const NEED_SHIPPING = {
  ja: '現在、不正なログインの試みが多いため、ログインには交付通知書に記載の発送番号も必要です。発送番号を入力してください。',
  en: 'Because of many suspicious log-in attempts, the shipping number printed on your letter is also needed right now. Please enter it.',
};

/** Turns a failed credential check into the pinned answers: 401 wrong, 423 locked, 428 shipping number needed, 429 throttled. */
function credentialError(c: Exclude<CredentialCheck, { result: 'ok' }>): AppError {
  if (c.result === 'locked') return errors.locked(c.retryAfterSeconds);
  if (c.result === 'locked_for_staff') return new AppError('account_locked', 423, CALL_CITY);
  if (c.result === 'throttled') return errors.tooManyRequests(c.retryAfterSeconds);
  if (c.result === 'shipping_required') return new AppError('shipping_number_required', 428, NEED_SHIPPING);
  return new AppError('invalid_credentials', 401, WRONG);
}

/** `path` (with its query) is where the language switch leads: the page's own URL unless it answers a POST. */
function citizenPage(req: FastifyRequest, title: string, main: SafeHtml, path = req.url): string {
  return layout({ lang: req.lang, title, main, path, siteName: req.lang === 'ja' ? 'マイナンバーカード受取予約' : 'My Number card pickup booking' }).toString();
}

const checkCsrf = assertCardCsrf;

export async function registerInternetRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // ---- Citizens: log-in (pinned JSON API and the HTML form share verifyCardCredential) ----
  defineApi(app, {
    method: 'POST',
    url: '/api/v1/card/session',
    summary: 'Log in to the card booking site with the log-in id printed on the letter (reservationId) and password',
    tags: ['card'],
    auth: 'public',
    body: z.object({ reservationId: z.string().min(1).max(64), password: z.string().min(1).max(128), shippingNo: z.string().max(64).optional() }),
    responses: {
      200: { description: 'Logged in; the session cookie is set', schema: z.object({ reservationId: z.string(), csrfToken: z.string() }) },
      401: { description: 'Wrong log-in id or password (the same answer for an unknown id)' },
      423: { description: 'Locked after repeated failures' },
      428: { description: 'The site is under attack: the shipping number on the letter is needed as well' },
      429: { description: 'Too many failed attempts on this id from this client' },
    },
    async handler({ req, reply, body }) {
      const c = await verifyCardCredential(ctx, { ...body, clientIp: req.ip });
      if (c.result !== 'ok') throw credentialError(c);
      const s = await startCardSession(ctx, reply, c.reservationId);
      return { reservationId: formatReservationId(c.reservationId), csrfToken: s.csrfToken };
    },
  });

  const loginPage = async (req: FastifyRequest, reply: FastifyReply, error?: string, typedId?: string) => {
    const lang = req.lang;
    const id = (typedId ?? String((req.query as Record<string, unknown>)?.id ?? '')).slice(0, 20);
    const settings = await readBreaker(ctx);
    const csrf = loginCsrfToken(ctx, req, reply);
    const numeric = (await siteKeypad(ctx.db, settings.login_keypad)) === 'numeric' ? raw(' inputmode="numeric"') : '';
    return citizenPage(
      req,
      t(lang, 'ログイン', 'Log in'),
      html`<h1 class="page-title">${t(lang, 'マイナンバーカード受取の予約', 'Book your My Number card pickup')}</h1>
${error ? html`<div class="notice notice--error" role="alert"><p>${error}</p></div>` : ''}
<p>${t(lang, '交付通知書に記載のログインIDとパスワードを入力してください。', 'Enter the log-in ID and password from your letter.')}</p>
<form method="post" action="/card/login"><input type="hidden" name="_csrf" value="${csrf}">
<div class="form-field"><label for="rid">${LOGIN_ID[lang]}<span class="required">${t(lang, '必須', 'Required')}</span></label>
<p class="hint" id="rid-hint">${t(lang, '例: ABC-123456（ハイフンはなくても構いません）', 'e.g. ABC-123456 (hyphen optional)')}</p>
<input id="rid" name="reservationId" value="${id}" autocomplete="off" required aria-describedby="rid-hint"></div>
<div class="form-field"><label for="pw">${t(lang, 'パスワード', 'Password')}<span class="required">${t(lang, '必須', 'Required')}</span></label>
<p class="hint" id="pw-hint">${t(lang, '交付案内に記載のパスワード（記載がない場合は誕生日の月日4桁、例: 0401）', 'The password in your letter (if none: your birth month and day, e.g. 0401)')}</p>
<input id="pw" name="password" type="password"${numeric} autocomplete="off" required aria-describedby="pw-hint"></div>
${settings.isTripped ? html`<div class="form-field"><label for="ship">${t(lang, '発送番号', 'Shipping number')}<span class="required">${t(lang, '必須', 'Required')}</span></label>
<p class="hint" id="ship-hint">${t(lang, '交付通知書に記載の発送番号（例: S900000000）', 'The shipping number on your letter (e.g. S900000000)')}</p>
<input id="ship" name="shippingNo" autocomplete="off" required aria-describedby="ship-hint"></div>` : ''}
<button type="submit" class="button">${t(lang, 'ログイン', 'Log in')}</button></form>`,
      req.method === 'GET' ? req.url : '/card',
    );
  };
  const html200 = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type('text/html; charset=utf-8').send(body);

  app.get('/card', async (req, reply) => html200(reply, await loginPage(req, reply)));
  app.post('/card/login', async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    const typedId = typeof b.reservationId === 'string' ? b.reservationId : '';
    if (!isLoginCsrfValid(ctx, req))
      return html200(reply, await loginPage(req, reply, t(req.lang, '画面の有効期限が切れたか、正しくない画面から送信されました。もう一度ログインしてください。', 'This page expired or was not sent from this site. Please log in again.'), typedId), 403);
    const c = await verifyCardCredential(ctx, {
      reservationId: typedId, password: String(b.password ?? ''), clientIp: req.ip, shippingNo: typeof b.shippingNo === 'string' ? b.shippingNo : undefined,
    });
    if (c.result !== 'ok') {
      const e = credentialError(c);
      if (e.extra.retryAfterSeconds) reply.header('Retry-After', String(e.extra.retryAfterSeconds));
      // the id stays filled in: only the password is typed again
      return html200(reply, await loginPage(req, reply, e.text[req.lang].replace('{seconds}', String(e.extra.retryAfterSeconds ?? '')), typedId), e.status);
    }
    await startCardSession(ctx, reply, c.reservationId);
    return reply.redirect('/card/booking', 303);
  });
  app.post('/card/logout', async (req, reply) => {
    const s = await readCardSession(ctx, req);
    if (s) checkCsrf(req, s);
    await endCardSession(ctx, reply, s);
    return reply.redirect('/card', 303);
  });

  const session = async (req: FastifyRequest, reply: FastifyReply) => {
    const s = await readCardSession(ctx, req);
    if (!s) {
      reply.redirect('/card', 303);
      return undefined;
    }
    return s;
  };

  const bookingFacts = (lang: L, b: BookingView) => html`<dl class="card"><dt>${t(lang, '予約番号', 'Booking number')}</dt><dd>${b.ref}</dd>
<dt>${t(lang, '日時', 'Date and time')}</dt><dd>${formatWhen(b.startsAt, b.endsAt, lang)}</dd>
<dt>${t(lang, '場所', 'Place')}</dt><dd>${lang === 'ja' ? b.locationName : b.locationNameEn || b.locationName}</dd>
<dt>${t(lang, '人数', 'People')}</dt><dd>${t(lang, `${b.partySize}人`, String(b.partySize))}（${t(lang, 'ログインID', 'log-in IDs')}: ${b.members.map(formatReservationId).join(', ')}）</dd></dl>`;

  /** Whom to call, as the office's letters say it (from the bundle); nothing when the office has not said. */
  const officeContact = (lang: L, office: NetOffice | undefined) => {
    const parts = contactParts(office, lang);
    return parts.length ? html`<section class="card" aria-labelledby="contact-h"><h2 id="contact-h">${t(lang, 'お問い合わせ', 'Contact')}</h2><p class="office-contact">${parts.join(lang === 'ja' ? '　' : ', ')}</p></section>` : html``;
  };

  const bookingPage = async (req: FastifyRequest, s: CardSession, message?: SafeHtml, keep: Record<string, string> = {}) => {
    const lang = req.lang;
    const office = await officeOfCard(ctx.db, s.reservationId);
    // family members' cards are of the same office (bookCardSlot refuses others): its policy decides
    const keypad = office ? keypadFor([office.passwordPolicy]) : await siteKeypad(ctx.db, (await readBreaker(ctx)).login_keypad);
    const numeric = keypad === 'numeric' ? raw(' inputmode="numeric"') : '';
    const contact = officeContact(lang, office);
    const current = await activeBookingOf(ctx, s.reservationId);
    const logout = html`<form method="post" action="/card/logout" class="card-logout"><input type="hidden" name="_csrf" value="${s.csrfToken}"><button type="submit" class="button button--secondary button--small">${t(lang, 'ログアウト', 'Log out')}</button></form>`;
    const done = (req.query as Record<string, string | undefined>).done;
    if (current) {
      const notice = done === 'booked'
        ? html`<div class="notice notice--success" role="status"><p>${t(lang, '予約を受け付けました。当日は交付通知書（はがき）と本人確認書類をお持ちください。', 'Your booking is confirmed. Bring the notice (postcard) and your identity documents on the day.')}</p></div>`
        : '';
      return citizenPage(
        req,
        t(lang, '予約内容', 'Your booking'),
        html`<h1 class="page-title">${t(lang, '予約内容', 'Your booking')}</h1>${message ?? notice}
${bookingFacts(lang, current)}
<section class="card" aria-labelledby="cancel-h"><h2 id="cancel-h">${t(lang, '予約の取消', 'Cancelling')}</h2>
<p>${t(lang, '取り消すと、この予約の全員分が取り消されます。次の画面で内容を確認してから取り消します。', 'Cancelling cancels the booking for everyone in it. You confirm on the next page.')}</p>
<a class="button button--secondary" href="/card/booking/cancel">${t(lang, '予約の取消に進む', 'Go to cancelling')}</a></section>${contact}${logout}`,
      );
    }
    const q = { ...(req.query as Record<string, string | undefined>), ...keep };
    const locations = await listLocations(ctx.db, null, true);
    const loc = locations.find((l) => l.code === q.location) ?? (locations.length === 1 ? locations[0] : undefined);
    const now = ctx.clock.now();
    const today = jstDate(now);
    const date = loc && /^\d{4}-\d{2}-\d{2}$/.test(q.date ?? '') ? (q.date as string) : undefined;
    const month = date?.slice(0, 7) ?? (/^\d{4}-(0[1-9]|1[0-2])$/.test(q.month ?? '') ? (q.month as string) : today.slice(0, 7));
    const base = (extra: string) => `/card/booking?location=${encodeURIComponent(loc?.code ?? '')}&${extra}`;
    const locName = (l: { name: string; nameEn: string }) => (lang === 'ja' ? l.name : l.nameEn || l.name);

    const places = html`<section aria-labelledby="step-place"><h2 id="step-place">${t(lang, '1. 受取場所を選ぶ', '1. Choose the pickup place')}</h2>
${locations.length === 0 ? html`<p class="notice notice--warning">${t(lang, '現在、予約を受け付けている受取場所はありません。', 'No pickup place takes bookings at the moment.')}</p>` : ''}
<ul class="slot-list">${locations.map((l) => html`<li><a class="button ${l.code === loc?.code ? '' : 'button--secondary'} slot" href="/card/booking?location=${l.code}"${raw(l.code === loc?.code ? ' aria-current="true"' : '')}>${locName(l)}</a></li>`)}</ul></section>`;

    let calendar: SafeHtml = html``;
    if (loc) {
      const cal = await monthCalendar(ctx, loc.serviceId, month, now);
      const lastMonth = jstMonth(new Date(now.getTime() + loc.opensDaysAhead * 86_400_000));
      const prev = month > today.slice(0, 7) ? html`<a href="${base(`month=${prevMonth(month)}`)}">${t(lang, '← 前の月', '← Previous month')}</a>` : html``;
      const next = month < lastMonth ? html`<a href="${base(`month=${nextMonth(month)}`)}">${t(lang, '次の月 →', 'Next month →')}</a>` : html``;
      calendar = html`<section aria-labelledby="step-day"><h2 id="step-day">${t(lang, `2. 日にちを選ぶ（${locName(loc)}）`, `2. Choose a day (${locName(loc)})`)}</h2>
${legend(lang)}
<nav class="month-nav" aria-label="${t(lang, '月の切り替え', 'Months')}">${prev} ${next}</nav>
${cal ? calendarTable(lang, month, cal.days, (d) => `${base(`date=${d}`)}#step-time`) : ''}
${cal && !cal.days.some((d) => d.bookable) ? html`<p class="notice notice--warning">${t(lang, 'この月に予約できる日はありません。', 'No days can be booked in this month.')}</p>` : ''}</section>`;
    }

    let form: SafeHtml = html``;
    if (loc && date) {
      const a = await getAvailability(ctx, loc.serviceId, { from: date, to: date, now });
      const slots = a?.slots ?? [];
      const chosen = q.start;
      form = html`<section aria-labelledby="step-time"><h2 id="step-time">${t(lang, `3. ${formatDateLong(date, 'ja')} の時間と受け取る人`, `3. Time on ${formatDateLong(date, 'en')} and who collects`)}</h2>
<p><a href="${base(`month=${date.slice(0, 7)}`)}">${t(lang, '← カレンダーに戻る', '← Back to the calendar')}</a></p>
<form method="post" action="/card/booking"><input type="hidden" name="_csrf" value="${s.csrfToken}">
<input type="hidden" name="location" value="${loc.code}"><input type="hidden" name="date" value="${date}">
<fieldset><legend>${t(lang, '時間を選ぶ', 'Choose a time')}<span class="required">${t(lang, '必須', 'Required')}</span></legend>
${slots.length === 0 ? html`<p class="notice notice--warning">${t(lang, 'この日に予約できる時間はありません。別の日を選んでください。', 'No times left on this day. Please choose another day.')}</p>` : ''}
${slots.map((x, i) => html`<div class="choice"><input type="radio" id="slot-${i}" name="start" value="${x.start.toISOString()}" required${raw(chosen === x.start.toISOString() ? ' checked' : '')}><label for="slot-${i}">${jstTime(x.start)}〜${jstTime(x.end)}（${t(lang, `残り${x.remaining}人`, `${x.remaining} left`)}）</label></div>`)}</fieldset>
<details class="household"${raw(Array.from({ length: MAX_PARTY - 1 }, (_, i) => q[`memberId${i}`]).some(Boolean) ? ' open' : '')}><summary>${t(lang, 'ご家族も一緒に受け取る（任意）', 'Family members collecting with you (optional)')}</summary><fieldset><legend>${t(lang, 'ご家族のログインIDとパスワード', "Family members' log-in IDs and passwords")}</legend>
<p class="hint">${t(lang, 'ご本人の同意を得て、各人の交付通知書にあるログインIDとパスワードを入力してください。1つの予約で全員が同じ時間に受け取れます（空き人数が足りる時間を選んでください）。', "With each member's consent, enter the log-in ID and password from their letter. One booking covers everyone at the same time (choose a time with enough places left).")}</p>
${Array.from({ length: MAX_PARTY - 1 }, (_, i) => html`<div class="form-field"><label for="m${i}">${t(lang, `ご家族${i + 1} ログインID`, `Member ${i + 1} log-in ID`)}</label><input id="m${i}" name="memberId${i}" autocomplete="off" value="${q[`memberId${i}`] ?? ''}">
<label for="mp${i}">${t(lang, `ご家族${i + 1} パスワード`, `Member ${i + 1} password`)}</label><input id="mp${i}" name="memberPassword${i}" type="password"${numeric} autocomplete="off"></div>`)}
<div class="choice"><input type="checkbox" id="consent" name="consent" value="yes"${raw(q.consent === 'yes' ? ' checked' : '')}><label for="consent">${t(lang, 'ご家族の同意を得ています', 'My family members have agreed')}</label></div></fieldset></details>
<div class="form-field"><label for="email">${t(lang, 'メールアドレス（任意：予約完了と前日のお知らせ）', 'E-mail (optional: confirmation and reminder)')}</label><input id="email" name="email" type="email" autocomplete="email" value="${q.email ?? ''}"></div>
<div class="form-field"><label for="memo">${t(lang, '連絡事項（任意）', 'Message (optional)')}</label><textarea id="memo" name="memo" maxlength="200">${q.memo ?? ''}</textarea></div>
<button type="submit" class="button">${t(lang, '予約する', 'Book')}</button></form></section>`;
    }
    return citizenPage(
      req,
      t(lang, '受取日時の予約', 'Book a pickup time'),
      html`<h1 class="page-title">${t(lang, '受取日時の予約', 'Book a pickup time')}</h1>${message ?? ''}
${(req.query as Record<string, string | undefined>).done === 'cancelled' && !message ? html`<div class="notice notice--success" role="status"><p>${t(lang, '予約を取り消しました。別の日時で予約し直すことができます。', 'Your booking is cancelled. You can book another time.')}</p></div>` : ''}
<p>${t(lang, `ログインID ${formatReservationId(s.reservationId)} でログインしています。`, `Logged in as ${formatReservationId(s.reservationId)}.`)}</p>
${places}${calendar}${form}${contact}${logout}`,
    );
  };

  app.get('/card/booking', async (req, reply) => {
    const s = await session(req, reply);
    if (!s) return reply;
    return html200(reply, await bookingPage(req, s));
  });
  app.post('/card/booking', async (req, reply) => {
    const s = await session(req, reply);
    if (!s) return reply;
    checkCsrf(req, s);
    const lang = req.lang;
    const b = (req.body ?? {}) as Record<string, string>;
    // a refused booking shows the same choices again (passwords excepted)
    const keep: Record<string, string> = {};
    for (const k of ['location', 'date', 'start', 'email', 'memo', 'consent', ...Array.from({ length: MAX_PARTY - 1 }, (_, i) => `memberId${i}`)])
      if (typeof b[k] === 'string') keep[k] = String(b[k]).slice(0, 254);
    const fail = async (text: string, code = 422) =>
      html200(reply, await bookingPage(req, s, html`<div class="notice notice--error" role="alert"><p>${text}</p></div>`, keep), code);
    const members: string[] = [];
    for (let i = 0; i < MAX_PARTY - 1; i++) {
      const id = String(b[`memberId${i}`] ?? '').trim();
      const pw = String(b[`memberPassword${i}`] ?? '');
      if (!id && !pw) continue;
      if (b.consent !== 'yes') return fail(t(lang, 'ご家族の分を予約するには、同意の確認にチェックしてください。', "Tick the box to confirm your family members' consent."));
      const c = await verifyCardCredential(ctx, { reservationId: id, password: pw, clientIp: req.ip });
      if (c.result !== 'ok') return fail(`${t(lang, `ご家族${i + 1}: `, `Member ${i + 1}: `)}${credentialError(c).text[lang].replace('{seconds}', '')}`, credentialError(c).status);
      members.push(c.reservationId);
    }
    const email = String(b.email ?? '').trim();
    if (email && !z.email().safeParse(email).success) return fail(t(lang, 'メールアドレスの形式が正しくありません。', 'The e-mail address is not valid.'));
    const start = new Date(String(b.start ?? ''));
    if (!b.start || Number.isNaN(start.getTime())) return fail(t(lang, '時間を選んでください。', 'Choose a time.'));
    try {
      await bookCardSlot(ctx, {
        location: String(b.location ?? ''), start, reservationIds: [s.reservationId, ...members], email: email || null,
        memo: String(b.memo ?? '').trim().slice(0, 200) || null, actor: { type: 'citizen', id: s.reservationId }, clientIp: req.ip, requestId: req.id,
      });
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return fail(err.extra.fieldErrors?.[0]?.message[lang] ?? err.text[lang], err.status);
      throw err;
    }
    return reply.redirect('/card/booking?done=booked', 303);
  });
  // Cancelling takes two steps: this page says what will be cancelled (the whole household), then the POST.
  app.get('/card/booking/cancel', async (req, reply) => {
    const s = await session(req, reply);
    if (!s) return reply;
    const lang = req.lang;
    const current = await activeBookingOf(ctx, s.reservationId);
    if (!current) return reply.redirect('/card/booking', 303);
    return html200(
      reply,
      citizenPage(
        req,
        t(lang, '予約の取消の確認', 'Confirm the cancellation'),
        html`<h1 class="page-title">${t(lang, '予約の取消の確認', 'Confirm the cancellation')}</h1>
<div class="notice notice--warning"><p>${current.partySize > 1
          ? t(lang, `この予約の${current.partySize}人全員（${current.members.map(formatReservationId).join('、')}）の分が取り消されます。`, `The booking is cancelled for all ${current.partySize} people in it (${current.members.map(formatReservationId).join(', ')}).`)
          : t(lang, 'この予約を取り消します。', 'This booking will be cancelled.')}</p></div>
${bookingFacts(lang, current)}
<form method="post" action="/card/booking/cancel"><input type="hidden" name="_csrf" value="${s.csrfToken}"><input type="hidden" name="bookingId" value="${current.id}">
<button type="submit" class="button button--danger">${t(lang, '取り消す', 'Cancel the booking')}</button></form>
<p><a href="/card/booking">${t(lang, '取り消さずに戻る', 'Go back without cancelling')}</a></p>`,
      ),
    );
  });
  app.post('/card/booking/cancel', async (req, reply) => {
    const s = await session(req, reply);
    if (!s) return reply;
    checkCsrf(req, s);
    const current = await activeBookingOf(ctx, s.reservationId);
    // the confirmation page names the booking it showed; a different (or no) booking is not cancelled blindly
    const confirmed = (req.body as Record<string, unknown> | undefined)?.bookingId;
    if (current && confirmed !== current.id) return reply.redirect('/card/booking/cancel', 303);
    if (current) await cancelCardBooking(ctx, { bookingId: current.id, actor: { type: 'citizen', id: s.reservationId }, clientIp: req.ip, requestId: req.id });
    return reply.redirect(current ? '/card/booking?done=cancelled' : '/card/booking', 303);
  });

  // ---- Booking-site staff page ----
  const sites = cardSiteDepartments(ctx);
  await sites.refresh();
  registerStaffNav(app, { key: 'card-site', href: '/staff/card-site', label: { ja: 'カード予約サイト', en: 'Card booking site' }, visible: memberOfAny(sites), order: 90 });
  const staff = { config: { auth: 'staff' as const } };
  const sitePage = async (req: FastifyRequest, message?: SafeHtml, formState?: LocationFormState) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    const lang = req.lang;
    const now = ctx.clock.now();
    const bookings = await listBookings(ctx, [dept.id], { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 30 * 86_400_000) });
    await ctx.db.transaction((tx) =>
      recordAudit(tx, { ...audit(req), action: 'card.bookings.list', departmentId: dept.id, recordType: 'card_booking', detail: { count: bookings.length } }, now),
    );
    const locations = await listLocations(ctx.db, [dept.id]);
    const exceptionsOf = new Map<string, PickupException[]>();
    for (const l of locations) exceptionsOf.set(l.code, await listPickupExceptions(ctx.db, l.serviceId, jstDate(now)));
    return renderStaffPage(req, {
      title: t(lang, 'カード予約サイト', 'Card booking site'),
      active: 'card-site',
      main: html`<h1 class="page-title">${t(lang, 'カード予約サイト（インターネット側）', 'Card booking site (internet zone)')}</h1>${message ?? ''}
<section class="card"><h2>${t(lang, 'ファイル交換', 'File exchange')}</h2>
<form method="post" action="/staff/card-site/bundle" enctype="multipart/form-data">${csrfField(req)}
<div class="form-field"><label for="bundle-file">${t(lang, '庁内からのファイル（署名付き）', 'Bundle from the internal zone (signed)')}</label><input id="bundle-file" type="file" name="file" required></div>
<button type="submit" class="button">${t(lang, '取り込む', 'Import')}</button></form>
<form method="post" action="/staff/card-site/export">${csrfField(req)}<button type="submit" class="button">${t(lang, '予約一覧ファイルを出力（署名付き）', 'Export the signed booking file')}</button></form></section>
<section class="card"><h2>${t(lang, '電話予約（代理）', 'Phone booking')}</h2>
<p class="hint">${t(lang, 'ログインIDと発送番号の両方を確認してから予約します。受付期間外（締切後）でも予約できますが、休業日や時間外はできません。', 'Check both the log-in ID and the shipping number. Staff may book after the online booking closes, never on a closed day or outside the hours.')}</p>
<form method="post" action="/staff/card-site/phone-booking">${csrfField(req)}
<div class="form-field"><label for="p-id">${LOGIN_ID[lang]}</label><input id="p-id" name="reservationId" required autocomplete="off"></div>
<div class="form-field"><label for="p-ship">${t(lang, '発送番号', 'Shipping number')}</label><input id="p-ship" name="shippingNo" required autocomplete="off"></div>
<div class="form-field"><label for="p-loc">${t(lang, '受取場所', 'Place')}</label><select id="p-loc" name="location">${locations.map((l) => html`<option value="${l.code}">${l.name}</option>`)}</select></div>
<div class="form-field"><label for="p-date">${t(lang, '受取日', 'Date')}</label><input id="p-date" name="date" type="date" required></div>
<div class="form-field"><label for="p-time">${t(lang, '開始時刻（枠の開始、例 09:30）', 'Start time (a slot start, e.g. 09:30)')}</label><input id="p-time" name="time" type="time" step="300" required></div>
<button type="submit" class="button">${t(lang, '予約する', 'Book')}</button></form></section>
<section class="card"><h2>${t(lang, 'ログインのロック解除', 'Unlock a log-in ID')}</h2>
<p class="hint">${t(lang, 'ログインの失敗が続いてロックされたIDを、電話で本人にログインIDと発送番号を確認してから解除します。', 'Unlock an ID locked after failed log-ins, after checking the log-in ID and the shipping number with the holder by phone.')}</p>
<form method="post" action="/staff/card-site/unlock">${csrfField(req)}
<div class="form-field"><label for="u-id">${LOGIN_ID[lang]}</label><input id="u-id" name="reservationId" required autocomplete="off"></div>
<div class="form-field"><label for="u-ship">${t(lang, '発送番号', 'Shipping number')}</label><input id="u-ship" name="shippingNo" required autocomplete="off"></div>
<button type="submit" class="button button--secondary">${t(lang, 'ロックを解除', 'Unlock')}</button></form></section>
<section class="card"><h2>${t(lang, '受取場所・受付時間・窓口数', 'Pickup places, hours and counters')}</h2>
<p class="hint">${t(lang, '1枠の定員 ＝ 開いている窓口数 × 1窓口が1枠で応対できる人数。土日祝日と年末年始（12/29〜1/3）、全庁の休業日は自動で休みになります。休日開庁は「臨時開設」で追加します。', 'Capacity of a slot = open counters × people one counter serves per slot. Weekends, national holidays, the year-end (29 Dec – 3 Jan) and city-wide closures are closed automatically; add weekend openings as extra openings.')}</p>
${locations.map((l) => locationSection(req, l, exceptionsOf.get(l.code) ?? [], formState?.code === l.code ? formState : undefined))}
<details${raw(formState?.code === '' ? ' open' : '')}><summary>${t(lang, '受取場所を追加', 'Add a pickup place')}</summary>
${locationForm(req, undefined, formState?.code === '' ? formState : undefined)}</details></section>
<section class="card"><h2>${t(lang, '予約のCSV出力', 'Export bookings as CSV')}</h2>
<form method="get" action="/staff/card-site/bookings.csv" class="filters">
<div class="form-field"><label for="csv-from">${t(lang, '受取日（から）', 'Pickup date from')}</label><input id="csv-from" name="from" type="date" required value="${jstDate(now)}"></div>
<div class="form-field"><label for="csv-to">${t(lang, '受取日（まで）', 'Pickup date to')}</label><input id="csv-to" name="to" type="date" required value="${jstDate(new Date(now.getTime() + 30 * 86_400_000))}"></div>
<div class="form-field"><label for="csv-enc">${t(lang, '文字コード', 'Encoding')}</label><select id="csv-enc" name="encoding"><option value="shift_jis">Shift_JIS（Excel）</option><option value="utf-8">UTF-8（BOM付き）</option></select></div>
<div class="form-field"><label><input type="checkbox" name="cancelled" value="1"> ${t(lang, '取消した予約も含める', 'Include cancelled bookings')}</label></div>
<p class="hint">${t(lang, 'Shift_JISで表せない文字は「〓」に置き換え、その数を記録します。', 'Characters Shift_JIS cannot hold become 〓 and are counted.')}</p>
<button type="submit" class="button button--secondary">${t(lang, 'CSVを出力', 'Download CSV')}</button></form></section>
<section class="card"><h2>${t(lang, '予約一覧（30日分）', 'Bookings (30 days)')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t(lang, '予約番号', 'Booking number')}</th><th scope="col">${t(lang, '日時', 'Time')}</th><th scope="col">${t(lang, '場所', 'Place')}</th><th scope="col">${t(lang, '人数', 'People')}</th><th scope="col">${t(lang, '状態', 'Status')}</th><th scope="col"></th></tr></thead><tbody>
${bookings.map((b) => html`<tr><td>${b.ref}</td><td>${formatWhen(b.startsAt, b.endsAt, lang)}</td><td>${b.locationName}</td><td>${b.partySize}</td><td>${b.status === 'booked' ? t(lang, '予約中', 'Booked') : t(lang, '取消', 'Cancelled')}${b.createdByStaff ? t(lang, '（電話）', ' (phone)') : ''}</td>
<td>${b.status === 'booked' ? html`<form method="post" action="/staff/card-site/bookings/${b.id}/cancel" class="inline-form">${csrfField(req)}<button type="submit" class="button button--danger button--small">${t(lang, '取消', 'Cancel')}</button></form>` : ''}</td></tr>`)}
</tbody></table></div></section>`,
    });
  };
  const ok = (lang: L, ja: string, en: string) => html`<div class="notice notice--success" role="status"><p>${t(lang, ja, en)}</p></div>`;
  const bad = (text: string) => html`<div class="notice notice--error" role="alert"><p>${text}</p></div>`;

  app.get('/staff/card-site', staff, async (req, reply) => html200(reply, await sitePage(req)));
  await withUploads(app, (scope) => {
    scope.post('/staff/card-site/bundle', staff, async (req, reply) => {
      const actor = await authenticate('staff', req);
      const file = uploaded(req);
      if (!file) throw errors.validation([{ field: 'file', message: { ja: 'ファイルを選んでください。', en: 'Choose a file.' } }]);
      try {
        const r = await importBundle(ctx, { text: file.toString('utf8'), departmentIds: readableDepartmentIds(actor), ...audit(req) });
        return html200(reply, await sitePage(req, ok(req.lang, `取り込みました（通番${r.sequence}、${r.cards}件、対象外${r.deactivated}件）。`, `Imported (sequence ${r.sequence}, ${r.cards} cards, ${r.deactivated} withdrawn).`)));
      } catch (err) {
        if (!(err instanceof ExchangeFileError)) throw err;
        return html200(reply, await sitePage(req, bad(err.text[req.lang])), 422);
      }
    });
  });
  app.post('/staff/card-site/export', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    try {
      const r = await exportBookings(ctx, { departmentCode: dept.code, ...audit(req) });
      return reply.type('application/json').header('Content-Disposition', `attachment; filename="card-bookings-${r.sequence}.json"`).send(r.text);
    } catch (err) {
      if (!(err instanceof ZoneKeyError)) throw err;
      return html200(reply, await sitePage(req, bad(err.message)), 503);
    }
  });
  const csvQuery = z
    .object({
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg({ ja: '開始日を正しく入力してください。', en: 'Enter a valid start date.' })),
      to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, msg({ ja: '終了日を正しく入力してください。', en: 'Enter a valid end date.' })),
      encoding: z.enum(['shift_jis', 'utf-8']).default('shift_jis'),
      cancelled: z.literal('1').optional(),
    })
    .refine((q) => !Number.isNaN(Date.parse(q.from)) && !Number.isNaN(Date.parse(q.to)) && q.to >= q.from && Date.parse(q.to) - Date.parse(q.from) <= BOOKINGS_CSV_MAX_DAYS * 86_400_000, {
      path: ['to'],
      message: msg({ ja: `期間は${BOOKINGS_CSV_MAX_DAYS}日以内で、終了日は開始日以降にしてください。`, en: `The range must be at most ${BOOKINGS_CSV_MAX_DAYS} days and end on or after its start.` }),
    });
  app.get('/staff/card-site/bookings.csv', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    const q = parseOrThrow(csvQuery, req.query);
    const out = await exportBookingsCsv(ctx, { departmentId: dept.id, from: q.from, to: q.to, encoding: q.encoding, includeCancelled: q.cancelled === '1', ...audit(req) });
    return reply
      .type(`text/csv; charset=${q.encoding === 'utf-8' ? 'utf-8' : 'Windows-31J'}`)
      .header('Content-Disposition', `attachment; filename="${out.filename}"`)
      .header('X-Unencodable-Characters', String(out.unencodable))
      .header('Cache-Control', 'no-store')
      .send(out.body);
  });
  const saveLocation = async (req: FastifyRequest, reply: FastifyReply, code: string | null) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    const lang = req.lang;
    const existing = code === null ? undefined : await findLocation(ctx.db, code, [dept.id]);
    if (code !== null && !existing) throw errors.notFound();
    const values = Object.fromEntries(LOCATION_FIELDS.map((k) => [k, field(req, k)])) as LocationForm;
    values.weekdays = Array.isArray((req.body as Record<string, unknown>)?.weekdays)
      ? ((req.body as Record<string, unknown>).weekdays as string[]).join(',')
      : field(req, 'weekdays');
    const parsed = parseLocationForm(values, existing?.code);
    if (!parsed.ok) {
      const state = { ...values, code: existing?.code ?? '', errors: parsed.errors };
      return html200(reply, await sitePage(req, bad(t(lang, '入力内容を確認してください。', 'Please check the form.')), state), 422);
    }
    const now = ctx.clock.now();
    try {
      const r = await ctx.db.transaction(async (tx) => {
        const res = await upsertLocation(tx, { ...parsed.value, departmentId: dept.id }, now, { createOnly: !existing });
        await recordAudit(
          tx,
          {
            ...audit(req), action: existing ? 'card.location.update' : 'card.location.create', departmentId: dept.id, recordType: 'card_location',
            recordId: res.id, detail: { code: parsed.value.code, counters: parsed.value.counters, people: parsed.value.peoplePerCounter, active: parsed.value.isActive },
          },
          now,
        );
        return res;
      });
      return html200(
        reply,
        await sitePage(req, ok(lang, `保存しました。${r.overCapacity ? `既に定員を超えて予約のある${r.overCapacity}枠は、予約をそのまま残しています。` : ''}`, `Saved.${r.overCapacity ? ` ${r.overCapacity} future slot(s) are booked beyond the new capacity and keep their bookings.` : ''}`)),
      );
    } catch (err) {
      if (!isPgError(err, '23505') && !(err instanceof LocationCodeTaken)) throw err;
      const state = { ...values, code: '', errors: { code: t(lang, 'このコードは既に使われています。', 'This code is already in use.') } };
      return html200(reply, await sitePage(req, bad(t(lang, '入力内容を確認してください。', 'Please check the form.')), state), 409);
    }
  };
  app.post('/staff/card-site/locations', staff, (req, reply) => saveLocation(req, reply, null));
  app.post('/staff/card-site/locations/:code', staff, (req, reply) => saveLocation(req, reply, (req.params as { code: string }).code));

  app.post('/staff/card-site/locations/:code/exceptions', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    const lang = req.lang;
    const loc = await findLocation(ctx.db, (req.params as { code: string }).code, [dept.id]);
    if (!loc) throw errors.notFound();
    const day = field(req, 'day');
    const kind = field(req, 'kind') === 'open' ? 'open' : 'closed';
    const start = field(req, 'start').normalize('NFKC');
    const end = field(req, 'end').normalize('NFKC');
    const today = jstDate(ctx.clock.now());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)) || day < today)
      return html200(reply, await sitePage(req, bad(t(lang, '日付を今日以降で正しく入力してください。', 'Enter a valid date, today or later.'))), 422);
    if (kind === 'open' && !(/^([01]\d|2[0-3]):[0-5]\d$/.test(start) && /^([01]\d|2[0-4]):[0-5]\d$/.test(end) && start < end))
      return html200(reply, await sitePage(req, bad(t(lang, '臨時開設には開始と終了の時刻（開始 < 終了）を入力してください。', 'An extra opening needs a start and an end time (start before end).'))), 422);
    const now = ctx.clock.now();
    await ctx.db.transaction(async (tx) => {
      const id = await addPickupException(tx, loc.serviceId, { day, kind, start, end, note: field(req, 'note').slice(0, 200) });
      await recordAudit(tx, { ...audit(req), action: 'card.location.exception_add', departmentId: dept.id, recordType: 'card_location', recordId: loc.id, detail: { exceptionId: id, day, kind } }, now);
    });
    return html200(reply, await sitePage(req, ok(lang, kind === 'closed' ? `${day} を休止日にしました。` : `${day} に臨時開設を追加しました。`, kind === 'closed' ? `${day} is now closed.` : `Added an extra opening on ${day}.`)));
  });
  app.post('/staff/card-site/locations/:code/exceptions/:id/delete', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    const p = req.params as { code: string; id: string };
    const loc = await findLocation(ctx.db, p.code, [dept.id]);
    if (!loc || !/^[0-9a-f-]{36}$/.test(p.id)) throw errors.notFound();
    const now = ctx.clock.now();
    const removed = await ctx.db.transaction(async (tx) => {
      const done = await removePickupException(tx, loc.serviceId, p.id);
      if (done) await recordAudit(tx, { ...audit(req), action: 'card.location.exception_remove', departmentId: dept.id, recordType: 'card_location', recordId: loc.id, detail: { exceptionId: p.id } }, now);
      return done;
    });
    if (!removed) throw errors.notFound();
    return html200(reply, await sitePage(req, ok(req.lang, '削除しました。', 'Removed.')));
  });
  app.post('/staff/card-site/phone-booking', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    const lang = req.lang;
    const id = normaliseReservationId(field(req, 'reservationId'));
    const ship = normaliseNumber(field(req, 'shippingNo'));
    const card = await ctx.db.query(
      'SELECT 1 FROM card_net_cards WHERE reservation_id = $1 AND shipping_no = $2 AND department_id = $3 AND is_active',
      [id, ship, dept.id],
    );
    if (card.rows.length === 0) return html200(reply, await sitePage(req, bad(t(lang, 'ログインIDと発送番号が一致しません。', 'The log-in ID and shipping number do not match.'))), 422);
    const loc = await findLocation(ctx.db, field(req, 'location'), [dept.id]);
    if (!loc) return html200(reply, await sitePage(req, bad(t(lang, '受取場所を選んでください。', 'Choose a pickup place.'))), 422);
    const time = field(req, 'time').normalize('NFKC').padStart(5, '0');
    const start = jstInstant(field(req, 'date'), time);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(field(req, 'date')) || !/^\d{2}:\d{2}$/.test(time) || Number.isNaN(start.getTime()))
      return html200(reply, await sitePage(req, bad(t(lang, '受取日と開始時刻を入力してください。', 'Enter the date and the start time.'))), 422);
    try {
      const r = await bookCardSlot(ctx, { location: loc.code, start, reservationIds: [id], actor: audit(req).actor, staffId: actor.id, clientIp: req.ip, requestId: req.id });
      return html200(reply, await sitePage(req, ok(lang, `予約しました（${r.ref}、${formatWhen(r.start, r.end, 'ja')}）。`, `Booked (${r.ref}, ${formatWhen(r.start, r.end, 'en')}).`)));
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return html200(reply, await sitePage(req, bad(err.extra.fieldErrors?.[0]?.message[lang] ?? err.text[lang])), err.status);
      throw err;
    }
  });
  app.post('/staff/card-site/unlock', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    const lang = req.lang;
    const r = await unlockCardLogin(ctx, { reservationId: field(req, 'reservationId'), shippingNo: field(req, 'shippingNo'), departmentId: dept.id, ...audit(req) });
    if (r === 'no_match') return html200(reply, await sitePage(req, bad(t(lang, 'ログインIDと発送番号が一致しません。', 'The log-in ID and shipping number do not match.'))), 422);
    if (r === 'not_locked') return html200(reply, await sitePage(req, ok(lang, 'このIDはロックされていません。', 'This ID is not locked.')));
    return html200(reply, await sitePage(req, ok(lang, 'ロックを解除しました。', 'Unlocked.')));
  });
  app.post('/staff/card-site/bookings/:id/cancel', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    const id = (req.params as { id: string }).id;
    const own = /^[0-9a-f-]{36}$/.test(id)
      ? await ctx.db.query(
          'SELECT 1 FROM card_net_bookings b JOIN card_net_slots s ON s.id = b.slot_id JOIN card_net_locations l ON l.id = s.location_id WHERE b.id = $1 AND l.department_id = $2',
          [id, dept.id],
        )
      : { rows: [] };
    if (own.rows.length === 0) throw errors.notFound();
    await cancelCardBooking(ctx, { bookingId: id, ...audit(req) });
    return html200(reply, await sitePage(req, ok(req.lang, '取り消しました。', 'Cancelled.')));
  });
}
