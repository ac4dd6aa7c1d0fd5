/**
 * /staff/security-events — the newest 200 security events (system administrators), and
 * POST /staff/security-events/:id/acknowledge — 確認済みにする, from this screen or the home's alert box
 * (acknowledgeAlert scopes a department administrator to alerts about their own members).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { dataTable } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { canReadSecurityEvents, eventKindLabel, listSecurityEvents, severityLabel } from '../../security/index.js';
import { acknowledgeAlert, subjectLoginIds } from '../security-alerts.js';
import { renderStaffPage } from '../staff-shell.js';
import { homeMessages } from './home.messages.js';
import { acknowledgeForm, subjectOf } from './security.view.js';
import { formatDateTime } from './staff-pages.view.js';

export function registerSecurityEventsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/security-events',
    summary: 'Recent security events (system administrators)',
    auth: 'staff',
    allow: canReadSecurityEvents,
    deny: 403,
    async handler({ req, lang, csrf }) {
      const t = homeMessages.in(lang);
      const events = await listSecurityEvents(ctx.db, { limit: 200 });
      const logins = await subjectLoginIds(ctx, events);
      const main = html`<h1 class="page-title">${t('eventsTitle')}</h1>
<p><a href="/staff/alerts">${t('intrusionAlertsLink')}</a></p>
${dataTable({
  lang,
  caption: t('eventsCaption'),
  emptyText: t('noEvents'),
  columns: [
    { key: 'time', label: t('time') },
    { key: 'kind', label: t('kind') },
    { key: 'severity', label: t('severity') },
    { key: 'client', label: t('client') },
    { key: 'subject', label: t('subject') },
    { key: 'acknowledged', label: t('acknowledged') },
  ],
  rows: events.map((e) => ({
    time: formatDateTime(e.occurredAt, lang),
    kind: html`<span title="${e.kind}">${eventKindLabel(e.kind, lang)}</span>`,
    severity: html`<span class="badge">${severityLabel(e.severity, lang)}</span>`,
    client: e.clientIp ?? '',
    subject: subjectOf(e, logins),
    acknowledged: e.acknowledgedAt ? formatDateTime(e.acknowledgedAt, lang) : acknowledgeForm(lang, e, csrf, '/staff/security-events'),
  })),
})}`;
      return renderStaffPage(req, { title: t('eventsTitle'), main, active: 'security-events' });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/security-events/:id/acknowledge',
    summary: 'Acknowledge a security alert',
    auth: 'staff',
    params: z.object({ id: z.coerce.number().int().positive() }),
    body: z.object({ back: z.string().max(100).optional() }),
    async handler({ req, actor, params, body }) {
      await acknowledgeAlert(ctx, actor, params.id, { clientIp: req.ip, requestId: req.id });
      return redirect(body.back === '/staff/security-events' ? body.back : '/staff');
    },
  });
}
