/**
 * /staff/alerts — the intrusion alerts (security administrators; a department administrator sees those
 * about their own staff): active ones first (open, then acknowledged), each with its detector, key,
 * count and first/last hit, and the newest closed ones. POST …/:id/acknowledge and …/:id/close (with an
 * optional note) call one operation each and come back here. Staff without the right get 403.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { formatJstDateTime } from '../../../../platform/japan-time.js';
import { button, csrfInput, dataTable, errorSummary, notice, postButtonForm, textArea } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { canReadSecurityEvents } from '../../../security/index.js';
import { renderStaffPage } from '../../../staff/index.js';
import { alertKeyLabel, detectorLabel, thresholdLabel } from '../alert-mail-text.js';
import type { Alert } from '../alerts.repository.js';
import { acknowledgeAlert } from '../acknowledge-alert.js';
import { closeAlert } from '../close-alert.js';
import { detectionMessages } from '../detection.messages.js';
import { canReadAlerts } from '../detection.policy.js';
import { alertIdParams, alertsQuery, CLOSE_NOTE_MAX, closeAlertBody } from '../detection.schemas.js';
import { listAlerts } from '../list-alerts.js';
import { isAlertMailEnabled } from '../queue-alert-mails.js';

export const ALERTS_NAV_KEY = 'alerts';

type Refused = { id: number; note: string; errors: { field: string; message: string }[] };

export function registerAlertsPage(app: FastifyInstance, ctx: AppContext): void {
  const render = async (
    req: FastifyRequest,
    actor: StaffActor,
    csrf: string,
    page: number,
    extra: { done?: SafeHtml; refused?: Refused },
  ) => {
    const lang = req.lang;
    const t = detectionMessages.in(lang);
    const list = await listAlerts(ctx, actor, page);
    const at = (d: Date | null) => (d ? formatJstDateTime(d, lang) : '');
    const intro = isAlertMailEnabled(ctx.config)
      ? t('intro', { to: ctx.config.operations.detection.alertMailTo.join(', ') })
      : t('introNoMail');
    const errs = extra.refused?.errors.map((e) => ({ field: `note-${extra.refused?.id}`, message: e.message })) ?? [];
    const main = html`${errorSummary({ title: t('errorTitle'), errors: errs, fieldId: (f) => f })}
<h1 class="page-title">${t('title')}</h1>
${extra.done ?? ''}
<p>${intro}${canReadSecurityEvents(actor) ? html` <a href="/staff/security-events">${t('securityEventsLink')}</a>` : ''}</p>
${dataTable({
  lang,
  id: 'alerts-active',
  caption: t('activeCaption'),
  emptyText: t('noActive'),
  rowHeader: 'id',
  columns: [
    { key: 'id', label: t('col.id'), numeric: true },
    { key: 'detector', label: t('col.detector') },
    { key: 'key', label: t('col.key') },
    { key: 'count', label: t('col.count'), numeric: true },
    { key: 'first', label: t('col.firstSeen') },
    { key: 'last', label: t('col.lastSeen') },
    { key: 'status', label: t('col.status') },
    { key: 'actions', label: t('col.actions') },
  ],
  rows: list.active.map((a) => ({
    id: html`<span id="alert-${a.id}">${a.id}</span>`,
    detector: html`<span title="${thresholdLabel(lang, ctx.config, a.detector)}">${detectorLabel(lang, a.detector)}</span>`,
    key: alertKeyLabel(lang, a),
    count: a.count,
    first: at(a.firstSeenAt),
    last: at(a.lastSeenAt),
    status: html`<span class="badge">${t(`status.${a.status}`)}</span>`,
    actions: actions(lang, a, csrf, extra.refused?.id === a.id ? extra.refused : undefined),
  })),
  paging: { page, hasNext: list.hasNext, hrefFor: (p) => `/staff/alerts?page=${p}` },
})}
${
  page === 1
    ? dataTable({
        lang,
        id: 'alerts-closed',
        caption: t('closedCaption'),
        emptyText: t('noClosed'),
        rowHeader: 'id',
        columns: [
          { key: 'id', label: t('col.id'), numeric: true },
          { key: 'detector', label: t('col.detector') },
          { key: 'key', label: t('col.key') },
          { key: 'count', label: t('col.count'), numeric: true },
          { key: 'first', label: t('col.firstSeen') },
          { key: 'last', label: t('col.lastSeen') },
          { key: 'closed', label: t('col.closedAt') },
          { key: 'note', label: t('col.note') },
        ],
        rows: list.closed.map((a) => ({
          id: html`<span id="alert-${a.id}">${a.id}</span>`,
          detector: detectorLabel(lang, a.detector),
          key: alertKeyLabel(lang, a),
          count: a.count,
          first: at(a.firstSeenAt),
          last: at(a.lastSeenAt),
          closed: at(a.closedAt),
          note: a.closeNote ?? '',
        })),
      })
    : ''
}`;
    return renderStaffPage(req, { title: t('title'), main, active: ALERTS_NAV_KEY });
  };

  definePage(app, {
    method: 'GET',
    url: '/staff/alerts',
    summary: 'Intrusion alerts: active first, then the newest closed (security administrators)',
    auth: 'staff',
    query: alertsQuery,
    allow: canReadAlerts,
    deny: 403,
    async handler({ req, lang, actor, csrf, query }) {
      const t = detectionMessages.in(lang);
      const done =
        query.done && query.id
          ? notice({ kind: 'success', body: t(query.done === 'closed' ? 'doneClosed' : 'doneAcknowledged', { id: query.id }) })
          : undefined;
      return render(req, actor, csrf, query.page, { done });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/alerts/:id/acknowledge',
    summary: 'Acknowledge an intrusion alert (audited)',
    auth: 'staff',
    params: alertIdParams,
    allow: canReadAlerts,
    deny: 403,
    async handler({ req, actor, params }) {
      await acknowledgeAlert(ctx, actor, params.id, { clientIp: req.ip, requestId: req.id });
      return redirect(`/staff/alerts?done=acknowledged&id=${params.id}#alert-${params.id}`);
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/alerts/:id/close',
    summary: 'Close an intrusion alert with an optional note (audited)',
    auth: 'staff',
    params: alertIdParams,
    body: closeAlertBody,
    allow: canReadAlerts,
    deny: 403,
    async invalid({ req, actor, csrf, params, raw, errors }) {
      return { html: await render(req, actor, csrf, 1, { refused: { id: params.id, note: raw.note ?? '', errors } }), status: 422 };
    },
    async handler({ req, actor, params, body }) {
      await closeAlert(ctx, actor, params.id, body.note, { clientIp: req.ip, requestId: req.id });
      return redirect(`/staff/alerts?done=closed&id=${params.id}`);
    },
  });
}

function actions(lang: Lang, a: Alert, csrf: string, refused: Refused | undefined): SafeHtml {
  const t = detectionMessages.in(lang);
  const ack =
    a.status === 'open'
      ? postButtonForm({ action: `/staff/alerts/${a.id}/acknowledge`, csrf, label: t('acknowledge'), kind: 'secondary', small: true })
      : '';
  return html`${ack}<details class="alert-close"${refused ? html` open` : ''}>
  <summary class="button button--secondary button--small">${t('close')}</summary>
  <form method="post" action="/staff/alerts/${a.id}/close">
    ${csrfInput(csrf)}
    ${textArea({
      name: 'note',
      id: `note-${a.id}`,
      label: t('closeNote'),
      hint: t('closeNoteHint'),
      lang,
      rows: 2,
      maxLength: CLOSE_NOTE_MAX,
      value: refused?.note,
      error: refused?.errors[0]?.message,
    })}
    ${button({ label: t('close'), kind: 'danger', small: true })}
  </form>
</details>`;
}
