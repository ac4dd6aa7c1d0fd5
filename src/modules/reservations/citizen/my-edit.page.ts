/**
 * `/my/reservations/:number/edit` — change the details of a booking (name, phone, e-mail, the
 * service's questions). A refused answer shows the form again with everything typed and each
 * field's error (422).
 */
import type { FastifyInstance } from 'fastify';
import { AppError, errors } from '../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { personalOf } from '../reservations.repository.js';
import { readForm, toContact } from './citizen.view.js';
import { changeMyBooking, requireMyBooking } from './my-bookings.js';
import { bookingParams, editBody } from './my-page.schemas.js';
import { changeRefusedPage, editPage } from './my-page.view.js';

const CORE = ['name', 'phone', 'email'];

export function registerMyEditPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/my/reservations/:number/edit',
    summary: 'Change the details of a booking: the form',
    auth: 'my-page',
    params: bookingParams,
    async handler({ req, actor: session, params, csrf }) {
      const { booking: r, service: s } = await requireMyBooking(ctx, session, params.number);
      const p = personalOf(ctx, r);
      if (!p) throw errors.notFound();
      return editPage(req, csrf, r, s, { name: p.name, phone: p.phone, email: p.email ?? '', fields: p.fields }, []);
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/my/reservations/:number/edit',
    summary: 'Change the details of a booking',
    auth: 'my-page',
    params: bookingParams,
    body: editBody,
    async handler({ req, lang, actor: session, params, body, csrf }) {
      const { booking: r, service: s } = await requireMyBooking(ctx, session, params.number);
      const v = readForm(s, body);
      // every field of the form is sent: an emptied optional field is cleared
      const fields = Object.fromEntries(s.fields.filter((f) => !CORE.includes(f.key)).map((f) => [f.key, v.fields?.[f.key] ?? '']));
      try {
        await changeMyBooking(ctx, session, params.number, { contact: { ...toContact(v), fields } });
      } catch (err) {
        if (err instanceof AppError && err.status === 422 && err.extra.fieldErrors)
          return { html: editPage(req, csrf, r, s, v, pageErrorsOf(err, lang)), status: 422 };
        return changeRefusedPage(req, r.reservationNumber, err);
      }
      return redirect(`/my/reservations/${r.reservationNumber}?changed=1`);
    },
  });
}
