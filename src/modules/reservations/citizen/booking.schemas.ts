/**
 * Params, queries and form bodies of the citizen booking screens. Links and forms here come from
 * people's browsers, bookmarks and LINE: anything malformed falls back to the step's default (this
 * month, today, no idempotency key) or reads as empty, as the screens always did; the answers
 * themselves are checked against the service's fields by validateBookingInput.
 */
import { z } from 'zod';
import { isValidDate } from '../../../platform/japan-time.js';

/** One posted text field; a missing or repeated one reads as empty. */
const text = z.string().catch('');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const date = z.string().refine(isValidDate);

export const serviceParams = z.object({ id: z.string() });
/** A day that is not a real date is a page that does not exist (404). */
export const dayParams = z.object({ id: z.string(), date });

/** ?month=YYYY-MM; anything else shows this month. */
export const calendarQuery = z.object({ month: month.optional().catch(undefined) });

/** ?start=<ISO time of the slot>; &prefill=1 inside LINE fills in the last booking's contact details. */
export const bookFormQuery = z.object({ start: z.string().optional().catch(undefined), prefill: z.string().optional().catch(undefined) });

/**
 * The details form: start, the fields (name, phone, email, f_<key>: any other key is kept as text
 * for readForm), `edit=1` when coming back to correct the answers, and on the final step the
 * idempotency key that makes a double submission book once.
 */
export const bookingFormBody = z
  .object({
    start: text,
    edit: text,
    idempotencyKey: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/)
      .optional()
      .catch(undefined),
  })
  .catchall(text);

/** "Choose another time": the day to show (default today) and the answers carried along. */
export const otherTimesBody = bookingFormBody.extend({ date: date.optional().catch(undefined) });
