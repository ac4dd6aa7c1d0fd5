/**
 * Params and queries of the staff reservation screens. The screens' links and filter forms are
 * forgiving, as they always were: a date that is not one shows today, an unknown service or status
 * shows all. The export files share the API's schema (exportQuery in reservations.schemas.ts) and the
 * form bodies theirs (statusFormBody, checkInFormBody, cancelFormBody).
 */
import { z } from 'zod';
import { isValidDate } from '../../../platform/japan-time.js';
import { statusEnum } from '../reservations.schemas.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An optional query text; a repeated one reads as absent. */
const opt = z.string().optional().catch(undefined);
/** An optional real date (YYYY-MM-DD); anything else reads as absent. */
const day = z.string().refine(isValidDate).optional().catch(undefined);
/** One posted text field; a missing or repeated one reads as empty. */
const text = z.string().catch('');

/** A booking's id: anything that is not an id is a page that does not exist (404). */
export const bookingParams = z.object({ id: z.string().regex(UUID) });

export const dayQuery = z.object({ date: day, serviceId: opt, checked: opt, already: opt });

export const listQuery = z.object({ from: day, to: day, serviceId: opt, status: statusEnum.optional().catch(undefined), number: opt });

export const exportFormQuery = z.object({
  from: day,
  to: day,
  serviceId: opt,
  encoding: z.enum(['utf-8', 'shift_jis']).optional().catch(undefined),
});

export const phoneBookingQuery = z.object({ serviceId: opt, date: day });

/**
 * The phone booking form: the service and day it was opened for, the chosen time, the exceptions, the
 * language of the notices, and the service's fields (name, phone, email, f_<key>: read by readForm).
 */
export const phoneBookingBody = z
  .object({
    serviceId: text,
    date: day,
    start: text,
    overrideWindow: text,
    overbook: text,
    noticeLang: z.enum(['ja', 'en']).catch('ja'),
  })
  .catchall(text);

export const detailQuery = z.object({ date: day, created: opt, changed: opt, cancelled: opt, lineSent: opt });

export const changeBody = z.object({ start: text, overrideWindow: text });
