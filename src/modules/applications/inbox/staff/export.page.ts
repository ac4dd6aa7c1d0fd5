/**
 * /staff/applications/export — the export form (one procedure version, period, status, encoding) and
 * /staff/applications/export.csv — the download (exportApplications: 'export' action in the
 * procedure's department, masking unless department administrator, audited with the row count).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { definePage, sent } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { button, dateField, errorSummary, radios, selectField, type FieldMessage } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { exportableVersions, exportApplications } from '../export-applications.js';
import { inboxMessages, statusLabels } from '../inbox.messages.js';
import { exportFormQuery, exportQuery } from '../inbox.schemas.js';
import { inboxPage, localised } from './inbox.view.js';

async function renderForm(
  ctx: AppContext,
  req: FastifyRequest,
  actor: StaffActor,
  raw: Record<string, string | undefined>,
  errors: FieldMessage[],
) {
  const lang = req.lang;
  const t = inboxMessages.in(lang);
  const versions = await exportableVersions(ctx, actor);
  const base = { lang, errors, markOptional: false };
  const main = html`<h1 class="page-title">${t('exportTitle')}</h1>
<p>${t('exportIntro')}</p>
<p>${t('exportMasked')}</p>
${errorSummary({ title: t('checkInput'), errors })}
${
  versions.length
    ? html`<form method="get" action="/staff/applications/export.csv" class="card">
  ${selectField({
    ...base,
    name: 'procedure',
    label: t('exportProcedure'),
    required: true,
    value: raw.procedure,
    options: versions.map((v) => ({
      value: `${v.procedureId}:${v.version}`,
      label: t('exportVersionOption', { title: localised(v.title, lang), version: v.version }),
    })),
  })}
  ${selectField({
    ...base,
    name: 'status',
    label: t('status'),
    value: raw.status,
    emptyLabel: t('all'),
    options: Object.keys(statusLabels.messages).map((s) => ({
      value: s,
      label: statusLabels.t(lang, s as keyof typeof statusLabels.messages),
    })),
  })}
  ${dateField({ ...base, name: 'from', label: t('submittedFrom'), value: raw.from })}
  ${dateField({ ...base, name: 'to', label: t('submittedTo'), value: raw.to })}
  ${radios({
    ...base,
    name: 'encoding',
    label: t('encoding'),
    value: raw.encoding ?? 'shift_jis',
    choices: [
      { value: 'shift_jis', label: t('encodingSjis') },
      { value: 'utf-8', label: t('encodingUtf8') },
    ],
  })}
  ${button({ label: t('exportButton') })}
</form>`
    : html`<p>${t('noProcedures')}</p>`
}
<p><a href="/staff/applications">${t('backToList')}</a></p>`;
  return inboxPage(req, t('exportTitle'), main);
}

export function registerExportPages(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/applications/export',
    summary: 'The CSV export form (one procedure version, period, status, Shift_JIS or UTF-8)',
    auth: 'staff',
    query: exportFormQuery,
    handler: ({ req, actor, query }) => renderForm(ctx, req, actor, { procedure: query.procedure }, []),
  });

  definePage(app, {
    method: 'GET',
    url: '/staff/applications/export.csv',
    summary: 'Download the applications of one procedure version as CSV (masked columns unless dept-admin; audited)',
    auth: 'staff',
    query: exportQuery,
    invalid: async ({ req, actor, raw, errors }) => ({ html: await renderForm(ctx, req, actor, raw, errors), status: 422 }),
    async handler({ req, reply, actor, query }) {
      const out = await exportApplications(ctx, actor, query, auditContextOf(req));
      reply
        .header('Content-Type', out.contentType)
        .header('Content-Disposition', `attachment; filename="${out.filename}"`)
        .header('X-Unencodable-Characters', String(out.unencodable))
        .header('X-Dropped-Characters', String(out.dropped));
      await reply.send(out.body);
      return sent;
    },
  });
}
