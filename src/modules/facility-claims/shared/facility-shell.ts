/**
 * The facility portal's frame: the portal's menu (home, roster, counts, items, claims), the facility's
 * name and a log-out form, on the shared staff frame (a desktop tool used by 1–2 people per facility).
 * Every facility page renders through `renderFacilityPage`.
 */
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../../../web/html.js';
import { staffShell } from '../../../web/components/index.js';
import type { FacilityActor } from './facility-session.js';
import { facilityShellMessages } from './facility-shell.messages.js';

export type FacilityNavKey = 'home' | 'roster' | 'counts' | 'items' | 'claims';

const NAV: { key: FacilityNavKey; href: string }[] = [
  { key: 'home', href: '/facility' },
  { key: 'roster', href: '/facility/staff' },
  { key: 'counts', href: '/facility/counts' },
  { key: 'items', href: '/facility/items' },
  { key: 'claims', href: '/facility/claims' },
];

/** Hidden `_csrf` input with the facility session's CSRF token, for the portal's HTML forms. */
export function facilityCsrfField(actor: Pick<FacilityActor, 'csrfToken'>): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${actor.csrfToken}">`;
}

/** Renders a complete portal page (the HTML string). `facilityName` is shown beside the menu. */
export function renderFacilityPage(
  req: FastifyRequest,
  actor: FacilityActor,
  o: { title: string; main: SafeHtml; active?: FacilityNavKey; facilityName?: string; hasErrors?: boolean },
): string {
  const t = facilityShellMessages.in(req.lang);
  return staffShell({
    lang: req.lang,
    title: o.title,
    main: o.main,
    siteName: t('siteName'),
    siteHref: '/facility',
    path: req.url,
    hasErrors: o.hasErrors,
    nav: { label: t('menu'), items: NAV.map((n) => ({ href: n.href, label: t(`nav.${n.key}`), isCurrent: n.key === o.active })) },
    context: o.facilityName ? html`<span class="muted">${o.facilityName}</span>` : undefined,
    userMenu: html`<form class="inline-form" method="post" action="/facility/logout">${facilityCsrfField(actor)}<button type="submit" class="button--secondary button--small">${t('logOut')}</button></form>`,
  }).toString();
}
