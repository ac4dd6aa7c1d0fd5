/**
 * `/my/login` — open one booking with its number and the phone number given for it (that booking
 * only: a phone number proves nothing about other bookings), or ask for a link by e-mail.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../http/errors.js';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { openMyBookingByPhone } from './my-bookings.js';
import { myPageMessages } from './my-page.messages.js';
import { loginBody } from './my-page.schemas.js';
import { loginPage } from './my-page.view.js';

export function registerMyLoginPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/my/login',
    summary: 'The My Page log-in forms (number + phone, or a link by e-mail)',
    auth: 'public',
    handler: ({ req, reply }) => loginPage(ctx, req, reply),
  });

  definePage(app, {
    method: 'POST',
    url: '/my/login',
    summary: 'Open one booking with its number and phone',
    auth: 'public',
    csrf: 'form',
    body: loginBody,
    async handler({ req, reply, lang, body }) {
      try {
        const r = await openMyBookingByPhone(ctx, req, reply, body);
        return redirect(`/my/reservations/${r.reservationNumber}`);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 404) throw err;
        return {
          html: loginPage(ctx, req, reply, { loginError: myPageMessages.t(lang, 'wrongNumberOrPhone'), number: body.number }),
          status: 404,
        };
      }
    },
  });
}
