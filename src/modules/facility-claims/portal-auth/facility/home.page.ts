/** /facility — the portal home: the facility, the previous log-in (to notice someone else's), links to the sections. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { formatJstDateTime } from '../../../../platform/japan-time.js';
import { summaryList } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { renderFacilityPage } from '../../shared/facility-shell.js';
import { portalAuthMessages } from '../portal-auth.messages.js';
import { readPortalAccount } from '../read-account.js';

const SECTIONS = [
  { key: 'roster', href: '/facility/staff' },
  { key: 'counts', href: '/facility/counts' },
  { key: 'items', href: '/facility/items' },
  { key: 'claims', href: '/facility/claims' },
] as const;

export function registerHomePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/facility',
    summary: 'Facility portal: home (the facility, the previous log-in, the sections)',
    auth: 'facility',
    async handler({ req, lang, actor }) {
      const m = portalAuthMessages.in(lang);
      const a = await readPortalAccount(ctx, actor);
      const previous = a.previousLogin
        ? m('previousLoginValue', { when: formatJstDateTime(a.previousLogin.at, lang), address: a.previousLogin.clientIp ?? '-' })
        : m('firstLogin');
      const main = html`<h1 class="page-title">${a.facility.name}</h1>
${summaryList({
  items: [
    { term: m('facilityCode'), value: a.facility.code },
    { term: m('facilityType'), value: codeLabel('type', a.facility.type, lang) },
    { term: m('operatorName'), value: a.facility.operatorName },
    { term: m('you'), value: a.loginId },
    { term: m('previousLogin'), value: previous },
  ],
})}
<p class="muted">${m('previousLoginHint')}</p>
<h2>${m('sections')}</h2>
<ul>
${SECTIONS.map((s) => html`<li><a href="${s.href}">${m(`section.${s.key}`)}</a> <span class="muted">${m(`section.${s.key}.hint`)}</span></li>`)}
<li><a href="/facility/account">${m('account')}</a></li>
</ul>`;
      return renderFacilityPage(req, actor, { title: m('homeTitle'), main, active: 'home', facilityName: a.facility.name });
    },
  });
}
