/** GET /staff — the staff home: alerts to acknowledge, reminders, who is signed in and the previous log-in. */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import { notice, summaryList } from '../../../web/components/index.js';
import { html, type SafeHtml } from '../../../web/html.js';
import { eventKindLabel, type SecurityEvent } from '../../security/index.js';
import { openAlertsFor, subjectLoginIds } from '../security-alerts.js';
import { renderStaffPage, roleName } from '../staff-shell.js';
import { findStaffById } from '../staff.repository.js';
import { homeMessages } from './home.messages.js';
import { acknowledgeForm, subjectOf } from './security.view.js';
import { formatDateTime } from './staff-pages.view.js';

function alertList(lang: Lang, events: SecurityEvent[], logins: Map<string, string>, csrf: string): SafeHtml {
  const t = homeMessages.in(lang);
  return html`<ul>${events.map(
    (e) => html`<li>${formatDateTime(e.occurredAt, lang)} — <span title="${e.kind}">${eventKindLabel(e.kind, lang)}</span>
    ${e.subject ? html`(${subjectOf(e, logins)})` : ''}${e.clientIp ? html` ${t('from')} ${e.clientIp}` : ''}
    ${acknowledgeForm(lang, e, csrf, '/staff')}</li>`,
  )}</ul>`;
}

export function registerHomePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff',
    summary: 'Staff home',
    auth: 'staff',
    async handler({ req, lang, actor, csrf }) {
      const t = homeMessages.in(lang);
      const staff = await findStaffById(ctx.db, actor.id);
      const current = actor.memberships.find((m) => m.departmentId === actor.currentDepartmentId);
      const alerts = await openAlertsFor(ctx, actor);
      const notices: SafeHtml[] = [];
      if (alerts.length)
        notices.push(
          html`<div class="notice notice--error" role="region" aria-labelledby="alerts-h"><h2 id="alerts-h">${t('alertsTitle')}</h2>${alertList(lang, alerts, await subjectLoginIds(ctx, alerts), csrf)}<p><a href="/staff/alerts">${t('intrusionAlertsLink')}</a></p></div>`,
        );
      // A reminder, not a block: NIST SP 800-63B advises against forced periodic password changes
      // (they lead to weaker, predictable passwords); the council's renewal rule is met by a notice.
      if (actor.passwordRenewalDue)
        notices.push(
          notice({
            kind: 'warning',
            body: html`<p>${t('passwordOld', { days: ctx.config.staff.passwordRenewalDays })} <a href="/staff/settings/password">${t('changeIt')}</a></p>`,
          }),
        );
      if (!staff?.totp_enabled_at)
        notices.push(notice({ kind: 'info', body: html`<p>${t('mfaAdvice')} <a href="/staff/settings/mfa">${t('setItUp')}</a></p>` }));
      const main = html`<h1 class="page-title">${t('homeTitle')}</h1>
${notices}
<div class="card">
  <h2>${t('signedInAs')}</h2>
  ${summaryList({
    items: [
      { term: t('name'), value: actor.displayName },
      { term: t('loginId'), value: actor.loginId },
      { term: t('currentDepartment'), value: current?.departmentName ?? t('none') },
      {
        term: t('departmentsAndRoles'),
        value: html`<ul>${actor.memberships.map((m) => html`<li>${m.departmentName}: ${roleName(m.role, lang)}</li>`)}</ul>`,
      },
      {
        term: t('previousLogIn'),
        value: html`<span id="previous-login">${staff?.previous_login_at ? formatDateTime(staff.previous_login_at, lang) : t('firstLogIn')}</span>`,
      },
    ],
  })}
</div>`;
      return renderStaffPage(req, { title: t('homeTitle'), main, active: 'home' });
    },
  });
}
