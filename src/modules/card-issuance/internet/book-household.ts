/**
 * A booking made on the booking site by the person logged in, for themselves and (optionally) family
 * members: each member proves their card with its own log-in ID and password (the log-in's
 * brute-force guard applies) and the person confirms their consent. Then bookCardSlot.
 */
import { z } from 'zod';
import { AppError, errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import { bookCardSlot } from './card-bookings.js';
import { cardSiteMessages as m } from './citizen/card-site.messages.js';
import { credentialError } from './credential-error.js';
import { verifyCardCredential } from './verify-credential.js';

export type HouseholdBooking = {
  session: { reservationId: string };
  location: string;
  /** The slot's start as the form sent it (ISO). */
  start: string;
  /** Family members as typed; blank pairs are ignored. */
  members: { id: string; password: string }[];
  consent: boolean;
  email: string;
  memo: string;
  lang: Lang;
  clientIp: string;
  requestId: string;
};

const both = (f: (lang: Lang) => string) => ({ ja: f('ja'), en: f('en') });

export async function bookHousehold(ctx: AppContext, o: HouseholdBooking): Promise<{ bookingId: string; ref: string }> {
  const members: string[] = [];
  for (const [i, typed] of o.members.entries()) {
    const id = typed.id.trim();
    if (!id && !typed.password) continue;
    if (!o.consent) throw errors.validation([{ field: 'consent', message: m.text('needConsent') }]);
    const c = await verifyCardCredential(ctx, { reservationId: id, password: typed.password, clientIp: o.clientIp });
    if (c.result !== 'ok') {
      const e = credentialError(c);
      const seconds = String(e.extra.retryAfterSeconds ?? '');
      throw new AppError(
        e.code,
        e.status,
        both((lang) => m.t(lang, 'memberRefused', { n: i + 1, message: e.text[lang].replace('{seconds}', seconds) })),
        e.extra,
      );
    }
    members.push(c.reservationId);
  }
  const email = o.email.trim();
  if (email && !z.email().safeParse(email).success) throw errors.validation([{ field: 'email', message: m.text('badEmail') }]);
  const start = new Date(o.start);
  if (!o.start || Number.isNaN(start.getTime())) throw errors.validation([{ field: 'start', message: m.text('chooseTime') }]);
  return bookCardSlot(ctx, {
    location: o.location,
    start,
    reservationIds: [o.session.reservationId, ...members],
    email: email || null,
    memo: o.memo.trim().slice(0, 200) || null,
    lang: o.lang,
    actor: { type: 'citizen', id: o.session.reservationId },
    clientIp: o.clientIp,
    requestId: o.requestId,
  });
}
