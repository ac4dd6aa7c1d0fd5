/** `/` — the services open for booking, by department, each with its facts and a link to its calendar. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { linkButton, notice } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { listServices, type Service } from '../services.repository.js';
import { bookingMessages } from './booking.messages.js';
import { citizenPage, deptName, serviceFacts, svcDescription, svcName } from './citizen.view.js';

export function registerServiceListPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/',
    summary: 'Citizen home: the services open for booking, by department',
    auth: 'public',
    // overloaded: 503 + Retry-After and the error page at once, not a wait until the browser gives up
    routeConfig: { shed: 'read' },
    async handler({ req, lang }) {
      const t = bookingMessages.in(lang);
      const services = await listServices(ctx.db, { activeOnly: true });
      const byDept = new Map<string, Service[]>();
      for (const s of services) byDept.set(s.departmentId, [...(byDept.get(s.departmentId) ?? []), s]);
      // In the demo, mails go to a local mailbox instead of the Internet: say where to read them.
      const demo =
        ctx.config.env === 'demo'
          ? notice({
              kind: 'warning',
              body: html`<p>${t('demoMailboxBefore')}<a href="/demo/mailbox">${t('demoMailboxLink')}</a>${t('demoMailboxAfter')}</p>`,
            })
          : '';
      const main = html`<h1 class="page-title">${t('homeTitle')}</h1>
<p>${t('homeIntro')}</p>
<p>${linkButton({ href: '/my', label: t('homeMyPage'), kind: 'secondary' })}</p>
${[...byDept.entries()].map(
  ([deptId, list]) => html`<section aria-labelledby="dept-${deptId}">
  <h2 id="dept-${deptId}">${list[0] ? deptName(list[0], lang) : ''}</h2>
  ${list.map(
    (s) => html`<div class="card">
    <h3>${svcName(s, lang)} <span class="badge">${s.kind === 'consultation' ? t('kindConsultation') : t('kindCounter')}</span></h3>
    <p>${svcDescription(s, lang)}</p>
    ${serviceFacts(s, lang)}
    <p>${linkButton({ href: `/services/${s.id}`, label: t('bookService', { name: svcName(s, lang) }) })}</p>
  </div>`,
  )}
</section>`,
)}
${services.length ? '' : html`<p>${t('noServices')}</p>`}
${demo}`;
      return citizenPage(req, t('homeShortTitle'), main);
    },
  });
}
