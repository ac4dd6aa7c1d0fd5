/**
 * POST `/services/:id/book/confirm` — "book": takes the seat (bookSlot, through the process's
 * admission limiter), lets this browser open the booking just made, and goes to it on My Page
 * (`/my/reservations/<number>?done=1`: the number and the QR code). A refused answer shows the form
 * again; a time that filled up or no longer exists shows "choose another time" keeping the answers.
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstDate } from '../../../platform/japan-time.js';
import { notice } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { admissionOf } from '../admission-instance.js';
import { bookSlot } from '../book-slot.js';
import { grantMySession } from './my-session.js';
import { bookingMessages } from './booking.messages.js';
import { bookingFormBody, serviceParams } from './booking.schemas.js';
import { formPage, otherTimesPage } from './booking.view.js';
import { citizenMessages } from './citizen.messages.js';
import { readForm, toContact } from './citizen.view.js';
import { findActiveService, findBookableSlot } from './find-bookable-slot.js';

export function registerBookConfirmPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/services/:id/book/confirm',
    summary: 'Book the checked answers and open the booking on My Page',
    auth: 'public',
    csrf: 'form',
    params: serviceParams,
    body: bookingFormBody,
    async handler({ req, reply, lang, params, body }) {
      const s = await findActiveService(ctx, params.id);
      const v = readForm(s, body);
      try {
        const r = await admissionOf(ctx).run(() =>
          bookSlot(ctx, {
            serviceId: s.id,
            start: new Date(body.start),
            contact: toContact(v),
            channel: req.lineUserId ? 'line' : 'web',
            lineUserId: req.lineUserId ?? null,
            lang,
            idempotency: body.idempotencyKey ? { scope: 'web', key: body.idempotencyKey } : undefined,
          }),
        );
        // this browser may open the booking it has just made — that one booking, nothing else
        await grantMySession(ctx, req, reply, { reservationId: r.reservationId });
        return redirect(`/my/reservations/${r.reservationNumber}?done=1`);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const fieldErrors = err.status === 422 ? pageErrorsOf(err, lang) : [];
        const startError = fieldErrors.find((e) => e.field === 'start');
        const found = await findBookableSlot(ctx, s, body.start);
        if (fieldErrors.length && !startError && found) return { html: formPage(req, s, found.slot, v, fieldErrors), status: 422 };
        if (err.status === 409 || fieldErrors.length) {
          const t = bookingMessages.in(lang);
          const why = err.status === 409 ? t('justFull') : (startError?.message ?? citizenMessages.t(lang, 'notASlot'));
          const before = notice({ kind: 'error', body: html`<p><strong>${t('notBooked')}</strong> ${why}</p>` });
          const day = found ? jstDate(found.slot.start) : jstDate(ctx.clock.now());
          return { html: await otherTimesPage(ctx, req, s, day, v, before), status: err.status };
        }
        throw err;
      }
    },
  });
}
