/**
 * `/card/booking` — after log-in: the booking the card is in, or the steps to book (place →
 * calendar → time, family members, e-mail, message); POST books (bookHousehold). A refused booking
 * shows the same choices again, passwords excepted.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { notice, type FieldMessage } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { bookHousehold } from '../book-household.js';
import { activeBookingOf, MAX_PARTY } from '../card-bookings.js';
import { keypadFor, officeOfCard, siteKeypad } from '../card-office.js';
import type { CardSession } from '../card-session.js';
import { readBreaker } from '../verify-credential.js';
import { bookingStepsMain, currentBookingMain, FIELD_IDS, KEPT_FIELDS, type BookingTyped } from './booking.view.js';
import { cardSiteMessages } from './card-site.messages.js';
import { cardPage, logoutForm, officeContact } from './card-site.view.js';

const opt = z.string().optional().catch(undefined);
const text = z.string().catch('');
const bookingQuery = z.object({ location: opt, month: opt, date: opt, done: opt });
const bookingBody = z.object({ location: text, date: text, start: text, email: text, memo: text, consent: text }).catchall(text);

const toLogin = redirect('/card');

async function render(
  ctx: AppContext,
  req: FastifyRequest,
  s: CardSession,
  csrf: string,
  o: { typed: BookingTyped; done?: string; errors?: FieldMessage[]; refusal?: SafeHtml },
): Promise<string> {
  const lang = req.lang;
  const t = cardSiteMessages.in(lang);
  const office = await officeOfCard(ctx.db, s.reservationId);
  // family members' cards are of the same office (bookCardSlot refuses others): its policy decides
  const keypad = office ? keypadFor([office.passwordPolicy]) : await siteKeypad(ctx.db, (await readBreaker(ctx)).login_keypad);
  const current = await activeBookingOf(ctx, s.reservationId);
  const tail = [officeContact(lang, office), logoutForm(lang, csrf)];
  if (current) {
    const main = currentBookingMain(lang, current, { justBooked: o.done === 'booked', refusal: o.refusal });
    return cardPage(req, { title: t('yourBooking'), main: joinMain(main, tail) });
  }
  const errors = o.errors ?? [];
  const main = await bookingStepsMain(ctx, req, {
    reservationId: s.reservationId,
    csrf,
    numericKeypad: keypad === 'numeric',
    typed: o.typed,
    errors,
    refusal: o.refusal,
    cancelled: o.done === 'cancelled',
  });
  return cardPage(req, {
    title: t('bookTitle'),
    main: joinMain(main, tail),
    hasErrors: errors.length > 0,
    path: req.method === 'GET' ? req.url : '/card/booking',
  });
}

const joinMain = (main: SafeHtml, tail: SafeHtml[]): SafeHtml => html`${main}${tail}`;

export function registerBookingPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/card/booking',
    summary: 'Card booking site: the booking, or the steps to make one',
    auth: 'card-site',
    query: bookingQuery,
    async handler({ req, actor, query, csrf }) {
      if (!actor) return toLogin;
      return render(ctx, req, actor, csrf, { typed: query, done: query.done });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/card/booking',
    summary: 'Card booking site: book a time for the card (and family members)',
    auth: 'card-site',
    body: bookingBody,
    async handler({ req, lang, actor, body, csrf }) {
      if (!actor) return toLogin;
      const typed: BookingTyped = {};
      for (const k of KEPT_FIELDS) if (body[k]) typed[k] = String(body[k]).slice(0, 254);
      try {
        await bookHousehold(ctx, {
          session: actor,
          location: body.location,
          start: body.start,
          members: Array.from({ length: MAX_PARTY - 1 }, (_, i) => ({
            id: body[`memberId${i}`] ?? '',
            password: body[`memberPassword${i}`] ?? '',
          })),
          consent: body.consent === 'yes',
          email: body.email,
          memo: body.memo,
          lang,
          clientIp: req.ip,
          requestId: req.id,
        });
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        // a problem of a field of this form shows at the field; any other (full, already booked, another office's card) above it
        const errors = pageErrorsOf(err, lang).filter((e) => e.field in FIELD_IDS);
        const refusal = errors.length
          ? undefined
          : notice({ kind: 'error', body: err.extra.fieldErrors?.[0]?.message[lang] ?? err.text[lang] });
        return { html: await render(ctx, req, actor, csrf, { typed, errors, refusal }), status: err.status };
      }
      return redirect('/card/booking?done=booked');
    },
  });
}
