/**
 * Params, queries and form bodies of the My Page screens. Links come from e-mails, bookmarks and
 * LINE: a malformed query falls back to the screen's default and a missing form field reads as
 * empty, as the screens always did; what is typed is checked by the operations (findForCitizen,
 * requestMyPageLink, changeReservation).
 */
import { z } from 'zod';
import { isValidDate } from '../../../platform/japan-time.js';

/** One posted text field; a missing or repeated one reads as empty. */
const text = z.string().catch('');
/** An optional query flag or value; anything malformed reads as absent. */
const optional = z.string().optional().catch(undefined);

/** The reservation number as written in the URL (normalised and checked by the operations). */
export const bookingParams = z.object({ number: z.string() });
/** A day that is not a real date is a page that does not exist (404). */
export const changeDayParams = z.object({ number: z.string(), date: z.string().refine(isValidDate) });
export const mailedLinkParams = z.object({ token: z.string() });
export const signedLinkParams = z.object({ number: z.string(), id: z.string(), sig: z.string() });

/** /my?closed=1 after "マイページを閉じる". */
export const homeQuery = z.object({ closed: optional });
/** The notices a booking shows after booking, changing or cancelling it. */
export const bookingQuery = z.object({ done: optional, changed: optional, cancelled: optional });
/** ?month=YYYY-MM; anything else shows the booking's month (or this month). */
export const changeQuery = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
});
/** ?start=<ISO time of the new slot>. */
export const changeConfirmQuery = z.object({ start: optional });

export const loginBody = z.object({ number: text, phone: text });
export const emailBody = z.object({ email: text });
export const changeBody = z.object({ start: text });
/** The details form: name, phone, email, f_<key> (read against the service's fields by readForm). */
export const editBody = z.record(z.string(), z.unknown());
