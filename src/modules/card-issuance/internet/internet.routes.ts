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
import { csrfField, registerStaffNav, renderStaffPage } from '../../staff/index.js';
import { ExchangeFileError } from '../shared/exchange-file.js';
import { formatReservationId, normaliseNumber, normaliseReservationId } from '../shared/normalise.js';
import { ZoneKeyError } from '../shared/zone-keys.js';
import { audit, field, siteDepartmentOf, uploaded, withUploads } from '../staff-office.js';
import { activeBookingOf, bookCardSlot, cancelCardBooking, listBookings, MAX_PARTY } from './card-bookings.js';
import { endCardSession, readCardSession, startCardSession, type CardSession } from './card-session.js';
import { exportBookings } from './export-bookings.js';
import { BOOKINGS_CSV_MAX_DAYS, exportBookingsCsv } from './bookings-csv.js';
import { importBundle } from './import-bundle.js';
import { generateSlots, listLocations, openSlots, upsertLocation } from './locations.js';
import { verifyCardCredential, type CredentialCheck } from './verify-credential.js';

type L = 'ja' | 'en';
const t = (lang: L, ja: string, en: string) => (lang === 'ja' ? ja : en);
const fmt = (d: Date) => d.toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', month: 'numeric', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
const jstDate = (d: Date) => new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
const WRONG = { ja: '予約番号またはパスワードが正しくありません。', en: 'The reservation number or password is not correct.' };

/** Turns a failed credential check into the pinned answers: 401 wrong, 423 locked, 429 throttled. */
function credentialError(c: Exclude<CredentialCheck, { result: 'ok' }>): AppError {
  if (c.result === 'locked') return errors.locked(c.retryAfterSeconds);
  if (c.result === 'throttled') return errors.tooManyRequests(c.retryAfterSeconds);
  return new AppError('invalid_credentials', 401, WRONG);
}

function citizenPage(req: FastifyRequest, title: string, main: SafeHtml): string {
  return layout({ lang: req.lang, title, main, path: req.url, siteName: req.lang === 'ja' ? 'マイナンバーカード受取予約' : 'My Number card pickup booking' }).toString();
}

function checkCsrf(req: FastifyRequest, s: CardSession): void {
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.headers['x-csrf-token'];
  if (sent !== s.csrfToken) throw errors.csrf();
}

export async function registerInternetRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  // ---- Citizens: log-in (pinned JSON API and the HTML form share verifyCardCredential) ----
  defineApi(app, {
    method: 'POST',
    url: '/api/v1/card/session',
    summary: 'Log in to the card booking site with the reservation id and password',
    tags: ['card'],
    auth: 'public',
    body: z.object({ reservationId: z.string().min(1).max(64), password: z.string().min(1).max(128) }),
    responses: {
      200: { description: 'Logged in; the session cookie is set', schema: z.object({ reservationId: z.string(), csrfToken: z.string() }) },
      401: { description: 'Wrong reservation id or password (the same answer for an unknown id)' },
      423: { description: 'Locked after repeated failures' },
      429: { description: 'Too many attempts from this client' },
    },
    async handler({ req, reply, body }) {
      const c = await verifyCardCredential(ctx, { ...body, clientIp: req.ip });
      if (c.result !== 'ok') throw credentialError(c);
      const s = await startCardSession(ctx, reply, c.reservationId);
      return { reservationId: formatReservationId(c.reservationId), csrfToken: s.csrfToken };
    },
  });

  const loginPage = (req: FastifyRequest, error?: string) => {
    const lang = req.lang;
    const id = String((req.query as Record<string, unknown>)?.id ?? '').slice(0, 20);
    return citizenPage(
      req,
      t(lang, 'ログイン', 'Log in'),
      html`<h1 class="page-title">${t(lang, 'マイナンバーカード受取の予約', 'Book your My Number card pickup')}</h1>
${error ? html`<div class="notice notice--error" role="alert"><p>${error}</p></div>` : ''}
<p>${t(lang, '交付案内に記載の予約番号とパスワードを入力してください。', 'Enter the reservation number and password from your letter.')}</p>
<form method="post" action="/card/login">
<div class="form-field"><label for="rid">${t(lang, '予約番号', 'Reservation number')}<span class="required">${t(lang, '必須', 'Required')}</span></label>
<p class="hint" id="rid-hint">${t(lang, '例: ABC-123456（ハイフンはなくても構いません）', 'e.g. ABC-123456 (hyphen optional)')}</p>
<input id="rid" name="reservationId" value="${id}" autocomplete="off" required aria-describedby="rid-hint"></div>
<div class="form-field"><label for="pw">${t(lang, 'パスワード', 'Password')}<span class="required">${t(lang, '必須', 'Required')}</span></label>
<p class="hint" id="pw-hint">${t(lang, '交付案内に記載のパスワード（記載がない場合は誕生日の月日4桁、例: 0401）', 'The password in your letter (if none: your birth month and day, e.g. 0401)')}</p>
<input id="pw" name="password" type="password" autocomplete="off" required aria-describedby="pw-hint"></div>
<button type="submit" class="button">${t(lang, 'ログイン', 'Log in')}</button></form>`,
    );
  };
  const html200 = (reply: FastifyReply, body: string, code = 200) => reply.code(code).type('text/html; charset=utf-8').send(body);

  app.get('/card', async (req, reply) => html200(reply, loginPage(req)));
  app.post('/card/login', async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, string>;
    const c = await verifyCardCredential(ctx, { reservationId: String(b.reservationId ?? ''), password: String(b.password ?? ''), clientIp: req.ip });
    if (c.result !== 'ok') {
      const e = credentialError(c);
      if (e.extra.retryAfterSeconds) reply.header('Retry-After', String(e.extra.retryAfterSeconds));
      return html200(reply, loginPage(req, e.text[req.lang].replace('{seconds}', String(e.extra.retryAfterSeconds ?? ''))), e.status);
    }
    await startCardSession(ctx, reply, c.reservationId);
    return reply.redirect('/card/booking', 303);
  });
  app.post('/card/logout', async (req, reply) => {
    await endCardSession(ctx, reply, await readCardSession(ctx, req));
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

  const bookingPage = async (req: FastifyRequest, s: CardSession, message?: SafeHtml) => {
    const lang = req.lang;
    const current = await activeBookingOf(ctx, s.reservationId);
    const logout = html`<form method="post" action="/card/logout" class="inline-form"><input type="hidden" name="_csrf" value="${s.csrfToken}"><button type="submit" class="button button--secondary button--small">${t(lang, 'ログアウト', 'Log out')}</button></form>`;
    if (current) {
      return citizenPage(
        req,
        t(lang, '予約内容', 'Your booking'),
        html`<h1 class="page-title">${t(lang, '予約内容', 'Your booking')}</h1>${message ?? ''}
<dl class="card"><dt>${t(lang, '予約番号', 'Booking number')}</dt><dd>${current.ref}</dd>
<dt>${t(lang, '日時', 'Date and time')}</dt><dd>${fmt(current.startsAt)}</dd>
<dt>${t(lang, '場所', 'Place')}</dt><dd>${lang === 'ja' ? current.locationName : current.locationNameEn || current.locationName}</dd>
<dt>${t(lang, '人数', 'People')}</dt><dd>${current.partySize}（${current.members.map(formatReservationId).join(', ')}）</dd></dl>
<form method="post" action="/card/booking/cancel"><input type="hidden" name="_csrf" value="${s.csrfToken}"><input type="hidden" name="bookingId" value="${current.id}">
<button type="submit" class="button button--danger">${t(lang, '予約を取り消す', 'Cancel the booking')}</button></form>${logout}`,
      );
    }
    const q = req.query as Record<string, string | undefined>;
    const locations = await listLocations(ctx.db, null, true);
    const loc = locations.find((l) => l.code === q.location) ?? locations[0];
    const now = ctx.clock.now();
    const slots = loc ? await openSlots(ctx, loc.id, now, new Date(now.getTime() + 21 * 86_400_000)) : [];
    const free = slots.filter((x) => x.booked < x.capacity);
    return citizenPage(
      req,
      t(lang, '受取日時の予約', 'Book a pickup time'),
      html`<h1 class="page-title">${t(lang, '受取日時の予約', 'Book a pickup time')}</h1>${message ?? ''}
<p>${t(lang, `予約番号 ${formatReservationId(s.reservationId)} でログインしています。`, `Logged in as ${formatReservationId(s.reservationId)}.`)}</p>
<form method="get" action="/card/booking" class="filters"><div class="form-field"><label for="location">${t(lang, '受取場所', 'Pickup place')}</label>
<select id="location" name="location">${locations.map((l) => html`<option value="${l.code}"${raw(l.code === loc?.code ? ' selected' : '')}>${lang === 'ja' ? l.name : l.nameEn || l.name}</option>`)}</select></div>
<button type="submit" class="button button--secondary">${t(lang, '表示', 'Show')}</button></form>
<form method="post" action="/card/booking"><input type="hidden" name="_csrf" value="${s.csrfToken}">
<fieldset><legend>${t(lang, '日時を選ぶ', 'Choose a time')}</legend>
${free.length === 0 ? html`<p>${t(lang, '空いている枠がありません。', 'No free times.')}</p>` : ''}
<div class="slot-list">${free.slice(0, 120).map((x, i) => html`<div><input type="radio" id="slot-${i}" name="slotId" value="${x.id}" required><label for="slot-${i}">${fmt(x.startsAt)}（${t(lang, '残り', 'free')} ${x.capacity - x.booked}）</label></div>`)}</div></fieldset>
<fieldset><legend>${t(lang, '一緒に受け取るご家族（任意）', 'Family members collecting with you (optional)')}</legend>
<p class="hint">${t(lang, 'ご本人の同意を得て、各人の予約番号とパスワードを入力してください。1つの予約で全員が同じ時間に受け取れます。', "With each member's consent, enter their reservation number and password. One booking covers everyone at the same time.")}</p>
${Array.from({ length: MAX_PARTY - 1 }, (_, i) => html`<div class="form-field"><label for="m${i}">${t(lang, `ご家族${i + 1} 予約番号`, `Member ${i + 1} reservation number`)}</label><input id="m${i}" name="memberId${i}" autocomplete="off">
<label for="mp${i}">${t(lang, `ご家族${i + 1} パスワード`, `Member ${i + 1} password`)}</label><input id="mp${i}" name="memberPassword${i}" type="password" autocomplete="off"></div>`)}
<div><input type="checkbox" id="consent" name="consent" value="yes"><label for="consent">${t(lang, 'ご家族の同意を得ています', 'My family members have agreed')}</label></div></fieldset>
<div class="form-field"><label for="email">${t(lang, 'メールアドレス（任意：予約完了と前日のお知らせ）', 'E-mail (optional: confirmation and reminder)')}</label><input id="email" name="email" type="email" autocomplete="email"></div>
<div class="form-field"><label for="memo">${t(lang, '連絡事項（任意）', 'Message (optional)')}</label><textarea id="memo" name="memo" maxlength="200"></textarea></div>
<button type="submit" class="button">${t(lang, '予約する', 'Book')}</button></form>${logout}`,
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
    const fail = async (text: string, code = 422) =>
      html200(reply, await bookingPage(req, s, html`<div class="notice notice--error" role="alert"><p>${text}</p></div>`), code);
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
    if (!/^[0-9a-f-]{36}$/.test(String(b.slotId ?? ''))) return fail(t(lang, '日時を選んでください。', 'Choose a time.'));
    try {
      await bookCardSlot(ctx, {
        slotId: b.slotId as string, reservationIds: [s.reservationId, ...members], email: email || null,
        memo: String(b.memo ?? '').trim().slice(0, 200) || null, actor: { type: 'citizen', id: s.reservationId }, clientIp: req.ip, requestId: req.id,
      });
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return fail(err.text[lang], err.status);
      throw err;
    }
    return reply.redirect('/card/booking', 303);
  });
  app.post('/card/booking/cancel', async (req, reply) => {
    const s = await session(req, reply);
    if (!s) return reply;
    checkCsrf(req, s);
    const current = await activeBookingOf(ctx, s.reservationId);
    if (current) await cancelCardBooking(ctx, { bookingId: current.id, actor: { type: 'citizen', id: s.reservationId }, clientIp: req.ip, requestId: req.id });
    return reply.redirect('/card/booking', 303);
  });

  // ---- Booking-site staff page ----
  registerStaffNav({ key: 'card-site', href: '/staff/card-site', label: { ja: 'カード予約サイト', en: 'Card booking site' } });
  const staff = { config: { auth: 'staff' as const } };
  const sitePage = async (req: FastifyRequest, message?: SafeHtml) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    const lang = req.lang;
    const now = ctx.clock.now();
    const bookings = await listBookings(ctx, [dept.id], { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 30 * 86_400_000) });
    await ctx.db.transaction((tx) =>
      recordAudit(tx, { ...audit(req), action: 'card.bookings.list', departmentId: dept.id, recordType: 'card_booking', detail: { count: bookings.length } }, now),
    );
    const locations = await listLocations(ctx.db, [dept.id]);
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
<p class="hint">${t(lang, '予約番号と発送番号の両方を確認してから予約します。', 'Check both the reservation number and the shipping number.')}</p>
<form method="post" action="/staff/card-site/phone-booking">${csrfField(req)}
<div class="form-field"><label for="p-id">${t(lang, '予約番号', 'Reservation number')}</label><input id="p-id" name="reservationId" required></div>
<div class="form-field"><label for="p-ship">${t(lang, '発送番号', 'Shipping number')}</label><input id="p-ship" name="shippingNo" required></div>
<div class="form-field"><label for="p-loc">${t(lang, '受取場所', 'Place')}</label><select id="p-loc" name="location">${locations.map((l) => html`<option value="${l.code}">${l.name}</option>`)}</select></div>
<div class="form-field"><label for="p-start">${t(lang, '日時（例 2026-12-01T09:30）', 'Start (e.g. 2026-12-01T09:30)')}</label><input id="p-start" name="start" required></div>
<button type="submit" class="button">${t(lang, '予約する', 'Book')}</button></form></section>
<section class="card"><h2>${t(lang, '受取場所と窓口数', 'Pickup places and counters')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t(lang, '場所', 'Place')}</th><th scope="col">${t(lang, '窓口数', 'Counters')}</th><th scope="col">${t(lang, '1窓口あたり人数/枠', 'People per counter per slot')}</th><th scope="col">${t(lang, '枠', 'Slot')}</th><th scope="col"></th></tr></thead><tbody>
${locations.map((l) => html`<tr><td>${l.name}</td><td colspan="4"><form method="post" action="/staff/card-site/locations/${l.code}" class="inline-form">${csrfField(req)}
<label for="c-${l.code}">${t(lang, '窓口数', 'Counters')}</label><input id="c-${l.code}" name="counters" type="number" min="0" max="100" value="${l.counters}">
<label for="p-${l.code}">${t(lang, '人数', 'People')}</label><input id="p-${l.code}" name="peoplePerCounter" type="number" min="1" max="50" value="${l.peoplePerCounter}">
<span>${l.slotMinutes}${t(lang, '分', ' min')} ${l.openTime}–${l.closeTime}</span>
<button type="submit" class="button button--secondary button--small">${t(lang, '保存', 'Save')}</button></form></td></tr>`)}
</tbody></table></div>
<form method="post" action="/staff/card-site/slots" class="inline-form">${csrfField(req)}
<label for="s-from">${t(lang, '枠を作成: 開始日', 'Create slots from')}</label><input id="s-from" name="from" type="date" required>
<label for="s-to">${t(lang, '終了日', 'to')}</label><input id="s-to" name="to" type="date" required>
<button type="submit" class="button button--secondary">${t(lang, '作成', 'Create')}</button></form></section>
<section class="card"><h2>${t(lang, '予約のCSV出力', 'Export bookings as CSV')}</h2>
<form method="get" action="/staff/card-site/bookings.csv" class="filters">
<div class="form-field"><label for="csv-from">${t(lang, '受取日（から）', 'Pickup date from')}</label><input id="csv-from" name="from" type="date" required value="${jstDate(now)}"></div>
<div class="form-field"><label for="csv-to">${t(lang, '受取日（まで）', 'Pickup date to')}</label><input id="csv-to" name="to" type="date" required value="${jstDate(new Date(now.getTime() + 30 * 86_400_000))}"></div>
<div class="form-field"><label for="csv-enc">${t(lang, '文字コード', 'Encoding')}</label><select id="csv-enc" name="encoding"><option value="shift_jis">Shift_JIS（Excel）</option><option value="utf-8">UTF-8（BOM付き）</option></select></div>
<div class="form-field"><label><input type="checkbox" name="cancelled" value="1"> ${t(lang, '取消した予約も含める', 'Include cancelled bookings')}</label></div>
<p class="hint">${t(lang, 'Shift_JISで表せない文字は「〓」に置き換え、その数を記録します。', 'Characters Shift_JIS cannot hold become 〓 and are counted.')}</p>
<button type="submit" class="button button--secondary">${t(lang, 'CSVを出力', 'Download CSV')}</button></form></section>
<section class="card"><h2>${t(lang, '予約一覧（30日分）', 'Bookings (30 days)')}</h2>
<div class="table-wrap"><table><thead><tr><th scope="col">${t(lang, '予約番号', 'Booking')}</th><th scope="col">${t(lang, '日時', 'Time')}</th><th scope="col">${t(lang, '場所', 'Place')}</th><th scope="col">${t(lang, '人数', 'People')}</th><th scope="col">${t(lang, '状態', 'Status')}</th><th scope="col"></th></tr></thead><tbody>
${bookings.map((b) => html`<tr><td>${b.ref}</td><td>${fmt(b.startsAt)}</td><td>${b.locationName}</td><td>${b.partySize}</td><td>${b.status === 'booked' ? t(lang, '予約中', 'Booked') : t(lang, '取消', 'Cancelled')}${b.createdByStaff ? t(lang, '（電話）', ' (phone)') : ''}</td>
<td>${b.status === 'booked' ? html`<form method="post" action="/staff/card-site/bookings/${b.id}/cancel" class="inline-form">${csrfField(req)}<button type="submit" class="button button--danger button--small">${t(lang, '取消', 'Cancel')}</button></form>` : ''}</td></tr>`)}
</tbody></table></div></section>`,
    });
  };
  const ok = (lang: L, ja: string, en: string) => html`<div class="notice notice--success" role="status"><p>${t(lang, ja, en)}</p></div>`;
  const bad = (text: string) => html`<div class="notice notice--error" role="alert"><p>${text}</p></div>`;

  app.get('/staff/card-site', staff, async (req, reply) => html200(reply, await sitePage(req)));
  await withUploads(app, (scope) => {
    scope.post('/staff/card-site/bundle', staff, async (req, reply) => {
      await authenticate('staff', req);
      const file = uploaded(req);
      if (!file) throw errors.validation([{ field: 'file', message: { ja: 'ファイルを選んでください。', en: 'Choose a file.' } }]);
      try {
        const r = await importBundle(ctx, { text: file.toString('utf8'), ...audit(req) });
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
      .type(`text/csv; charset=${q.encoding === 'utf-8' ? 'utf-8' : 'shift_jis'}`)
      .header('Content-Disposition', `attachment; filename="${out.filename}"`)
      .header('X-Unencodable-Characters', String(out.unencodable))
      .header('Cache-Control', 'no-store')
      .send(out.body);
  });
  app.post('/staff/card-site/locations/:code', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    const code = (req.params as { code: string }).code;
    const loc = (await listLocations(ctx.db, [dept.id])).find((l) => l.code === code);
    if (!loc) throw errors.notFound();
    const counters = Number(field(req, 'counters'));
    const people = Number(field(req, 'peoplePerCounter'));
    if (!Number.isInteger(counters) || counters < 0 || counters > 100 || !Number.isInteger(people) || people < 1 || people > 50)
      throw errors.validation([{ field: 'counters', message: { ja: '窓口数は0〜100、人数は1〜50で入力してください。', en: 'Counters 0–100, people 1–50.' } }]);
    const r = await ctx.db.transaction(async (tx) => {
      const res = await upsertLocation(tx, { ...loc, counters, peoplePerCounter: people }, ctx.clock.now());
      await recordAudit(tx, { ...audit(req), action: 'card.location.update', departmentId: dept.id, recordType: 'card_location', recordId: loc.id, detail: { counters, people } }, ctx.clock.now());
      return res;
    });
    return html200(reply, await sitePage(req, ok(req.lang, `保存しました。${r.capacityNotLowered ? `予約済みが多いため${r.capacityNotLowered}枠は定員を下げていません。` : ''}`, `Saved.${r.capacityNotLowered ? ` ${r.capacityNotLowered} slot(s) kept their capacity (already booked beyond it).` : ''}`)));
  });
  app.post('/staff/card-site/slots', staff, async (req, reply) => {
    const actor = await authenticate('staff', req);
    const dept = await siteDepartmentOf(ctx, actor);
    const from = field(req, 'from');
    const to = field(req, 'to');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to) || to < from || Date.parse(to) - Date.parse(from) > 180 * 86_400_000)
      throw errors.validation([{ field: 'from', message: { ja: '期間（180日以内）を正しく入力してください。', en: 'Enter a valid range (up to 180 days).' } }]);
    let n = 0;
    await ctx.db.transaction(async (tx) => {
      for (const l of await listLocations(tx, [dept.id], true)) n += await generateSlots(ctx, tx, l, from, to);
      await recordAudit(tx, { ...audit(req), action: 'card.slots.generate', departmentId: dept.id, recordType: 'card_slot', detail: { from, to, created: n } }, ctx.clock.now());
    });
    return html200(reply, await sitePage(req, ok(req.lang, `${n}枠を作成しました。`, `Created ${n} slots.`)));
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
    if (card.rows.length === 0) return html200(reply, await sitePage(req, bad(t(lang, '予約番号と発送番号が一致しません。', 'The reservation and shipping numbers do not match.'))), 422);
    const loc = (await listLocations(ctx.db, [dept.id], true)).find((l) => l.code === field(req, 'location'));
    const start = new Date(`${field(req, 'start')}:00+09:00`);
    const slot = loc && !Number.isNaN(start.getTime())
      ? await ctx.db.query<{ id: string }>('SELECT id FROM card_net_slots WHERE location_id = $1 AND starts_at = $2', [loc.id, start])
      : undefined;
    if (!slot?.rows[0]) return html200(reply, await sitePage(req, bad(t(lang, 'その日時の枠はありません。', 'No slot at that time.'))), 422);
    try {
      const r = await bookCardSlot(ctx, { slotId: slot.rows[0].id, reservationIds: [id], actor: audit(req).actor, staffId: actor.id, clientIp: req.ip, requestId: req.id });
      return html200(reply, await sitePage(req, ok(lang, `予約しました（${r.ref}）。`, `Booked (${r.ref}).`)));
    } catch (err) {
      if (err instanceof AppError && err.status < 500) return html200(reply, await sitePage(req, bad(err.text[lang])), err.status);
      throw err;
    }
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
