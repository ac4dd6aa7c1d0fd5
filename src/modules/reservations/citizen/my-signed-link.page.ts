/** `/my/r/:number/:id/:sig` — the signed link in a booking's e-mails: opens that one booking in this browser. */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { openMyBookingBySignedLink } from './my-bookings.js';
import { signedLinkParams } from './my-page.schemas.js';

export function registerMySignedLinkPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/my/r/:number/:id/:sig',
    summary: "A booking's signed e-mail link: open that booking on My Page",
    auth: 'public',
    params: signedLinkParams,
    async handler({ req, reply, params }) {
      const r = await openMyBookingBySignedLink(ctx, req, reply, params);
      return redirect(`/my/reservations/${r.reservationNumber}`);
    },
  });
}
