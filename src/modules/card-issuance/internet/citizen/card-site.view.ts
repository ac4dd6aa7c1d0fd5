/** What the card booking site's screens share: the frame, the booking's facts, the office's contact, the log-out form. */
import type { FastifyRequest } from 'fastify';
import type { Lang } from '../../../../platform/i18n.js';
import { formatWhen } from '../../../../platform/japan-time.js';
import { button, cardSiteShell, csrfInput } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { formatReservationId } from '../../shared/normalise.js';
import type { BookingView } from '../card-bookings.js';
import { contactParts, type NetOffice } from '../card-office.js';
import { cardSiteMessages } from './card-site.messages.js';

/** A whole page of the site. `path` (with its query) is where the language switch leads: the page's own URL unless it answers a POST. */
export function cardPage(req: FastifyRequest, o: { title: string; main: SafeHtml; path?: string; hasErrors?: boolean }): string {
  return cardSiteShell({
    lang: req.lang,
    title: o.title,
    main: o.main,
    siteName: cardSiteMessages.t(req.lang, 'siteName'),
    path: o.path ?? req.url,
    hasErrors: o.hasErrors,
  }).toString();
}

export function bookingFacts(lang: Lang, b: BookingView): SafeHtml {
  const t = cardSiteMessages.in(lang);
  return html`<dl class="card"><dt>${t('bookingNumber')}</dt><dd>${b.ref}</dd>
<dt>${t('when')}</dt><dd>${formatWhen(b.startsAt, b.endsAt, lang)}</dd>
<dt>${t('place')}</dt><dd>${lang === 'ja' ? b.locationName : b.locationNameEn || b.locationName}</dd>
<dt>${t('people')}</dt><dd>${t('peopleValue', { n: b.partySize, ids: b.members.map(formatReservationId).join(', ') })}</dd></dl>`;
}

/** Whom to call, as the office's letters say it (from the bundle); nothing when the office has not said. */
export function officeContact(lang: Lang, office: NetOffice | undefined): SafeHtml {
  const parts = contactParts(office, lang);
  const t = cardSiteMessages.in(lang);
  return parts.length
    ? html`<section class="card" aria-labelledby="contact-h"><h2 id="contact-h">${t('contact')}</h2><p class="office-contact">${parts.join(t('contactSeparator'))}</p></section>`
    : html``;
}

export function logoutForm(lang: Lang, csrf: string): SafeHtml {
  return html`<form method="post" action="/card/logout" class="card-logout">${csrfInput(csrf)}${button({ label: cardSiteMessages.t(lang, 'logout'), kind: 'secondary', small: true })}</form>`;
}
