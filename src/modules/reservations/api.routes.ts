/** The reservations JSON API (citizen and staff). Thin: schema → authorise → one operation → present. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { defineApi } from '../../http/api-route.js';
import { encodingFor, representationEtag } from '../../http/compression.js';
import { errors } from '../../http/errors.js';
import { reservationMessages } from './messages.js';
import type { AppContext } from '../../platform/context.js';
import { auditContextOf } from '../audit/index.js';
import { admissionOf, admitBooking } from './admission-instance.js';
import { cachedAnswer, compactSlots, getAvailability, matchesEtag } from './availability.js';
import { bookSlot } from './book-slot.js';
import { cancelReservation } from './cancel-reservation.js';
import { changeReservation } from './change-reservation.js';
import { findForCitizen } from './find-reservation.js';
import { addDays, jstIso, isValidDate } from '../../platform/japan-time.js';
import { myPageUrl } from './notices.js';
import { personalOf } from './reservations.repository.js';
import * as s from './reservations.schemas.js';
import { checkInByNumber, setReservationStatus } from './set-status.js';
import { detailForStaff, exportForStaff, listForStaff } from './staff-queries.js';
import { findService, listServices, type Service } from './services.repository.js';

export function presentService(sv: Service, lang: 'ja' | 'en'): z.output<typeof s.serviceOut> {
  // the lookups leave card pickup services out; reaching here with one is a programming error
  if (sv.kind === 'card_pickup') throw new Error('a card pickup service is not a reservation service');
  return {
    id: sv.id,
    departmentId: sv.departmentId,
    departmentName: sv.departmentName,
    kind: sv.kind,
    name: lang === 'en' && sv.nameEn ? sv.nameEn : sv.name,
    description: sv.description,
    place: sv.place,
    durationMinutes: sv.durationMinutes,
    capacity: sv.capacity,
    bookingOpensDaysAhead: sv.opensDaysAhead,
    bookUntilMinutesBefore: sv.bookUntilMinutes,
    changeUntilMinutesBefore: sv.changeUntilMinutes,
    fields: sv.fields.map((f) => ({
      key: f.key,
      label: lang === 'en' && f.labelEn ? f.labelEn : f.labelJa,
      type: f.type,
      required: f.required,
      classification: f.classification,
      ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: o[lang] })) } : {}),
    })),
  };
}

function dateRange(from: string, to: string, maxDays = 62) {
  const fe = [];
  if (!isValidDate(from)) fe.push({ field: 'from', message: reservationMessages.text('dateNotReal') });
  if (!isValidDate(to)) fe.push({ field: 'to', message: reservationMessages.text('dateNotReal') });
  else if (isValidDate(from) && (to < from || addDays(from, maxDays) < to))
    fe.push({ field: 'to', message: reservationMessages.text('dateRangeTooLong', { days: maxDays }) });
  if (fe.length) throw errors.validation(fe);
}

function bearer(req: FastifyRequest): string {
  const h = req.headers.authorization ?? '';
  const m = /^Bearer\s+([A-Za-z0-9_-]{10,100})$/.exec(h);
  return m?.[1] ?? '';
}

const staffAudit = (req: FastifyRequest) => auditContextOf(req);

export function registerApiRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/services',
    summary: 'Bookable services with their input fields',
    tags: ['reservations'],
    auth: 'public',
    responses: { 200: { description: 'Active services', schema: z.array(s.serviceOut) } },
    handler: async ({ req, reply }) => {
      reply.header('Cache-Control', 'public, max-age=60');
      return (await listServices(ctx.db, { activeOnly: true })).map((sv) => presentService(sv, req.lang));
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/services/:id/availability',
    summary: 'Bookable slots with room between two dates (cached for a few seconds)',
    tags: ['reservations'],
    auth: 'public',
    sheddable: true,
    params: s.serviceParams,
    query: s.availabilityQuery,
    responses: {
      200: {
        description: 'Slots that can be booked now (format=slots), or by day (format=compact)',
        schema: z.union([z.array(s.slotOut), s.compactAvailabilityOut]),
      },
      304: { description: 'Not modified: If-None-Match named the current ETag' },
      404: { description: 'No such service' },
      503: { description: 'The server is overloaded: retry after the seconds in Retry-After' },
    },
    handler: async ({ req, params, query, reply }) => {
      dateRange(query.from, query.to);
      // the rendered answer is kept for the cache TTL (and served stale during a refresh): an
      // opening rush reads memory, not the database
      const answer = await cachedAnswer(ctx, `${params.id}:${query.from}:${query.to}:${query.format}`, async () => {
        const a = await getAvailability(ctx, params.id, { from: query.from, to: query.to, now: ctx.clock.now() });
        if (!a || !a.service.isActive || a.service.kind === 'card_pickup') throw errors.notFound();
        if (query.format === 'compact') return JSON.stringify(compactSlots(a.service.durationMinutes, a.slots));
        return JSON.stringify(a.slots.map((x) => ({ start: jstIso(x.start), end: jstIso(x.end), remaining: x.remaining })));
      });
      // Fresh for what is left of the cached answer's TTL; a client revalidates with its ETag and gets a 304,
      // which carries the ETag and Vary the 200 would have (RFC 9110 15.4.5).
      reply
        .header('Cache-Control', `public, max-age=${answer.freshForSeconds}`)
        .header('ETag', representationEtag(answer.etag, encodingFor(req, answer.body.length)))
        .header('Vary', 'Accept-Encoding');
      if (matchesEtag(req.headers['if-none-match'], answer.etag)) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(answer.body);
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/reservations',
    admit: admitBooking(ctx),
    summary: 'Book a slot (idempotent with Idempotency-Key)',
    tags: ['reservations'],
    auth: 'public',
    body: s.bookBody,
    headers: {
      'Idempotency-Key': { description: 'Any unique string (8–200 characters); a retry with the same key returns the first result' },
    },
    responses: {
      201: { description: 'Booked', schema: s.bookedOut },
      200: { description: 'A retry with the same Idempotency-Key: the first result', schema: s.bookedOut },
      409: { description: 'The slot is full' },
      503: { description: 'Busy: retry after the Retry-After seconds' },
    },
    handler: async ({ req, reply, body }) => {
      const key = idempotencyKey(req);
      const r = await admissionOf(ctx).run(() =>
        bookSlot(ctx, {
          serviceId: body.serviceId,
          start: s.parseStart(body.start),
          contact: { name: body.name, phone: body.phone, email: body.email, fields: body.fields },
          // from inside LINE (verified LIFF session, set by the LINE module): a LINE booking
          channel: req.lineUserId ? 'line' : 'web',
          lineUserId: req.lineUserId ?? null,
          lang: req.lang,
          idempotency: key ? { scope: 'api', key } : undefined,
        }),
      );
      reply.code(r.replayed ? 200 : 201);
      return {
        reservationNumber: r.reservationNumber,
        accessToken: r.accessToken,
        serviceId: r.serviceId,
        start: r.start,
        end: r.end,
        status: r.status,
        myPageUrl: myPageUrl(ctx, { id: r.reservationId, reservationNumber: r.reservationNumber }),
      };
    },
  });

  const citizenView = async (req: FastifyRequest, number: string) => findForCitizen(ctx, number, { token: bearer(req) }, req.ip);

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/reservations/:reservationNumber',
    summary: 'A booking, for its holder (Authorization: Bearer accessToken)',
    tags: ['reservations'],
    auth: 'public',
    params: s.numberParams,
    security: ['reservationToken'],
    responses: {
      200: { description: 'The booking', schema: s.reservationOut },
      404: { description: 'Wrong number or token (not told which)' },
    },
    handler: async ({ req, params }) => {
      const r = await citizenView(req, params.reservationNumber);
      const sv = await findService(ctx.db, r.serviceId);
      const p = personalOf(ctx, r);
      if (!sv || !p) throw errors.notFound();
      return {
        reservationNumber: r.reservationNumber,
        serviceId: r.serviceId,
        serviceName: sv.name,
        place: sv.place,
        start: jstIso(r.start),
        end: jstIso(r.end),
        status: r.status,
        name: p.name,
        phone: p.phone,
        email: p.email,
        fields: p.fields,
      };
    },
  });

  defineApi(app, {
    method: 'PATCH',
    url: '/api/v1/reservations/:reservationNumber',
    admit: admitBooking(ctx),
    summary: 'Change the day/time or the fields of a booking (within the change window)',
    tags: ['reservations'],
    auth: 'public',
    params: s.numberParams,
    body: s.patchBody,
    security: ['reservationToken'],
    responses: {
      200: { description: 'Changed', schema: s.changedOut },
      404: { description: 'Wrong number or token' },
      409: { description: 'The new slot is full' },
    },
    handler: async ({ req, params, body }) => {
      const r = await citizenView(req, params.reservationNumber);
      const contactGiven = body.name !== undefined || body.phone !== undefined || body.email !== undefined || body.fields !== undefined;
      const out = await admissionOf(ctx).run(() =>
        changeReservation(ctx, {
          reservationId: r.id,
          start: body.start !== undefined ? s.parseStart(body.start) : undefined,
          contact: contactGiven
            ? { name: body.name ?? undefined, phone: body.phone ?? undefined, email: body.email, fields: body.fields }
            : undefined,
        }),
      );
      return { reservationNumber: out.reservationNumber, start: out.start, end: out.end, status: 'booked' };
    },
  });

  defineApi(app, {
    method: 'DELETE',
    url: '/api/v1/reservations/:reservationNumber',
    admit: admitBooking(ctx),
    summary: 'Cancel a booking (within the change window)',
    tags: ['reservations'],
    auth: 'public',
    params: s.numberParams,
    security: ['reservationToken'],
    responses: { 204: { description: 'Cancelled' }, 404: { description: 'Wrong number or token' } },
    handler: async ({ req, params, reply }) => {
      const r = await citizenView(req, params.reservationNumber);
      await admissionOf(ctx).run(() => cancelReservation(ctx, { reservationId: r.id }));
      reply.code(204);
      return undefined;
    },
  });

  // ---- staff ----
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/reservations',
    summary: "Bookings of the person's departments in a period (audited)",
    tags: ['reservations', 'staff'],
    auth: 'staff',
    query: s.staffListQuery,
    responses: { 200: { description: 'Bookings', schema: z.object({ items: z.array(s.staffItemOut) }) } },
    handler: async ({ req, query, staff }) => {
      dateRange(query.from, query.to, 366);
      return { items: await listForStaff(ctx, staff, query, staffAudit(req)) };
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/reservations/export',
    summary: 'CSV export of a day or period (UTF-8 with BOM or Shift_JIS); audited',
    tags: ['reservations', 'staff'],
    auth: 'staff',
    query: s.exportQuery,
    responses: { 200: { description: 'CSV; X-Unencodable-Characters counts characters replaced with 〓', contentType: 'text/csv' } },
    handler: async ({ req, reply, query, staff }) => {
      // the period is checked by exportQuery, the schema the staff screen's download links share
      const out = await exportForStaff(ctx, staff, query, query.encoding, staffAudit(req));
      reply
        .header('Content-Type', `text/csv; charset=${query.encoding === 'shift_jis' ? 'Windows-31J' : 'UTF-8'}`)
        .header('Content-Disposition', `attachment; filename="${out.filename}"`)
        .header('X-Unencodable-Characters', String(out.unencodable))
        .header('X-Row-Count', String(out.count));
      return reply.send(out.body);
    },
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/reservations/:id',
    summary: 'A booking with its personal data (each view is audited)',
    tags: ['reservations', 'staff'],
    auth: 'staff',
    params: s.idParams,
    responses: {
      200: { description: 'The booking', schema: s.staffDetailOut },
      404: { description: 'Not found or not in your departments' },
    },
    handler: async ({ req, params, staff }) => detailForStaff(ctx, staff, params.id, staffAudit(req), req.lang),
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/reservations',
    summary: 'Book on behalf of a citizen (phone); window may be overridden, capacity only by a dept-admin overbooking',
    tags: ['reservations', 'staff'],
    auth: 'staff',
    body: s.staffBookBody,
    headers: { 'Idempotency-Key': { description: 'Optional; a retry with the same key returns the first result' } },
    responses: {
      201: { description: 'Booked', schema: s.bookedOut.extend({ id: z.string(), overbooked: z.boolean() }) },
      409: { description: 'Full' },
    },
    handler: async ({ req, reply, body, staff }) => {
      const key = idempotencyKey(req);
      const r = await admissionOf(ctx).run(() =>
        bookSlot(ctx, {
          serviceId: body.serviceId,
          start: s.parseStart(body.start),
          contact: { name: body.name, phone: body.phone, email: body.email, fields: body.fields },
          channel: body.channel,
          idempotency: key ? { scope: `staff:${staff.id}`, key } : undefined,
          staff: { actor: staff, overrideWindow: body.overrideWindow, overbook: body.overbook, audit: staffAudit(req) },
        }),
      );
      reply.code(r.replayed ? 200 : 201);
      return {
        id: r.reservationId,
        reservationNumber: r.reservationNumber,
        accessToken: r.accessToken,
        serviceId: r.serviceId,
        start: r.start,
        end: r.end,
        status: r.status,
        overbooked: r.overbooked,
        myPageUrl: myPageUrl(ctx, { id: r.reservationId, reservationNumber: r.reservationNumber }),
      };
    },
  });

  defineApi(app, {
    method: 'PATCH',
    url: '/api/v1/staff/reservations/:id',
    summary: 'Change a booking on behalf of a citizen (audited)',
    tags: ['reservations', 'staff'],
    auth: 'staff',
    params: s.idParams,
    body: s.staffPatchBody,
    responses: {
      200: { description: 'Changed', schema: s.staffChangedOut },
      404: { description: 'Not found' },
      409: { description: 'Full' },
    },
    handler: async ({ req, params, body, staff }) => {
      const contactGiven = body.name !== undefined || body.phone !== undefined || body.email !== undefined || body.fields !== undefined;
      if (!/^[0-9a-f-]{36}$/i.test(params.id)) throw errors.notFound();
      return admissionOf(ctx).run(() =>
        changeReservation(ctx, {
          reservationId: params.id,
          start: body.start !== undefined ? s.parseStart(body.start) : undefined,
          contact: contactGiven
            ? { name: body.name ?? undefined, phone: body.phone ?? undefined, email: body.email, fields: body.fields }
            : undefined,
          staff: { actor: staff, overrideWindow: body.overrideWindow, audit: staffAudit(req) },
        }),
      );
    },
  });

  defineApi(app, {
    method: 'DELETE',
    url: '/api/v1/staff/reservations/:id',
    summary: 'Cancel a booking on behalf of a citizen (audited)',
    tags: ['reservations', 'staff'],
    auth: 'staff',
    params: s.idParams,
    responses: { 204: { description: 'Cancelled' }, 404: { description: 'Not found' } },
    handler: async ({ req, reply, params, staff }) => {
      if (!/^[0-9a-f-]{36}$/i.test(params.id)) throw errors.notFound();
      await admissionOf(ctx).run(() =>
        cancelReservation(ctx, { reservationId: params.id, staff: { actor: staff, audit: staffAudit(req) } }),
      );
      reply.code(204);
      return undefined;
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/reservations/:id/status',
    summary: 'Set the status (arrived, done, no-show, cancelled …); who and when are kept',
    tags: ['reservations', 'staff'],
    auth: 'staff',
    params: s.idParams,
    body: s.statusBody,
    responses: { 200: { description: 'New status', schema: s.statusOut } },
    handler: async ({ req, params, body, staff }) => {
      if (!/^[0-9a-f-]{36}$/i.test(params.id)) throw errors.notFound();
      return setReservationStatus(ctx, { reservationId: params.id, status: body.status, staff: { actor: staff, audit: staffAudit(req) } });
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/reservations/check-in',
    summary: 'Mark a booking as arrived by its number (typed or scanned from the QR code)',
    tags: ['reservations', 'staff'],
    auth: 'staff',
    body: s.checkInBody,
    responses: { 200: { description: 'Arrived', schema: s.checkInOut } },
    handler: async ({ req, body, staff }) => checkInByNumber(ctx, { number: body.number, staff: { actor: staff, audit: staffAudit(req) } }),
  });
}

function idempotencyKey(req: FastifyRequest): string | undefined {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (!key || key.length < 8 || key.length > 200 || !/^[\x21-\x7e]+$/.test(key))
    throw errors.validation([{ field: 'Idempotency-Key', message: reservationMessages.text('idempotencyKeyFormat') }]);
  return key;
}
