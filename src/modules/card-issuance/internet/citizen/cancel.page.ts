/**
 * `/card/booking/cancel` — cancelling takes two steps: this page says what will be cancelled (the
 * whole household), then the POST cancels the booking it showed (never a different one blindly).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { button, csrfInput, notice } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { formatReservationId } from '../../shared/normalise.js';
import { activeBookingOf, cancelCardBooking } from '../card-bookings.js';
import { cardSiteMessages } from './card-site.messages.js';
import { bookingFacts, cardPage } from './card-site.view.js';

const cancelBody = z.object({ bookingId: z.string().catch('') });

export function registerCancelPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/card/booking/cancel',
    summary: 'Card booking site: confirm cancelling the booking (for everyone in it)',
    auth: 'card-site',
    async handler({ req, lang, actor, csrf }) {
      if (!actor) return redirect('/card');
      const current = await activeBookingOf(ctx, actor.reservationId);
      if (!current) return redirect('/card/booking');
      const t = cardSiteMessages.in(lang);
      const ids = current.members.map(formatReservationId).join(t('listSeparator'));
      const main = html`<h1 class="page-title">${t('cancelTitle')}</h1>
${notice({ kind: 'warning', role: 'none', body: current.partySize > 1 ? t('cancelAll', { n: current.partySize, ids }) : t('cancelOne') })}
${bookingFacts(lang, current)}
<form method="post" action="/card/booking/cancel">${csrfInput(csrf)}<input type="hidden" name="bookingId" value="${current.id}">
${button({ label: t('cancelButton'), kind: 'danger' })}</form>
<p><a href="/card/booking">${t('cancelBack')}</a></p>`;
      return cardPage(req, { title: t('cancelTitle'), main });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/card/booking/cancel',
    summary: 'Card booking site: cancel the booking the confirmation showed',
    auth: 'card-site',
    body: cancelBody,
    async handler({ req, actor, body }) {
      if (!actor) return redirect('/card');
      const current = await activeBookingOf(ctx, actor.reservationId);
      if (!current) return redirect('/card/booking');
      // the confirmation page names the booking it showed; a different one is not cancelled blindly
      if (body.bookingId !== current.id) return redirect('/card/booking/cancel');
      await cancelCardBooking(ctx, {
        bookingId: current.id,
        of: { session: actor },
        actor: { type: 'citizen', id: actor.reservationId },
        clientIp: req.ip,
        requestId: req.id,
      });
      return redirect('/card/booking?done=cancelled');
    },
  });
}
