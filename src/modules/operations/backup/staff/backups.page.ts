/**
 * /staff/operations/backups — the recent backups, the generations kept and where, the last restore drill
 * (system administrators), and POST /staff/operations/backups/run — 今すぐバックアップ, the same operation
 * as the daily job and the command, audited with the administrator as actor.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { formatJstDateTime } from '../../../../platform/japan-time.js';
import { dataTable, notice, postButtonForm, summaryList } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { renderStaffPage } from '../../../staff/index.js';
import { backupMessages } from '../backup.messages.js';
import { canManageBackups } from '../backup.policy.js';
import { createBackup } from '../create-backup.js';
import { type BackupRun, readBackupOverview } from '../read-backup-overview.js';

const URL = '/staff/operations/backups';

const megabytes = (n: number | null) => (n === null ? '' : `${(n / 1_048_576).toFixed(n < 10_485_760 ? 2 : 1)} MB`);

export function registerBackupsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: URL,
    summary: 'Backups, generations kept and the last restore drill (system administrators)',
    auth: 'staff',
    query: z.object({ run: z.coerce.number().int().positive().optional() }),
    allow: canManageBackups,
    deny: 403,
    async handler({ req, lang, csrf, query }) {
      const t = backupMessages.in(lang);
      const o = await readBackupOverview(ctx);
      const justRan = query.run ? o.backups.find((r) => r.id === query.run) : undefined;
      const details = (r: BackupRun) =>
        r.outcome === 'success'
          ? t('rowsSummary', { tables: r.summary.tables ?? 0, rows: r.summary.rows ?? 0, version: r.summary.schemaVersion ?? 0 })
          : (r.error ?? '');
      const d = o.lastDrill;
      const main = html`<h1 class="page-title">${t('title')}</h1>
<p>${t('intro')}</p>
${
  justRan
    ? justRan.outcome === 'success'
      ? notice({ kind: 'success', body: t('doneOk', { file: justRan.fileName ?? '' }) })
      : notice({ kind: 'error', body: t('doneFailed') })
    : ''
}
${postButtonForm({ action: `${URL}/run`, csrf, label: t('runNow'), confirm: t('runNowConfirm') })}
<h2>${t('settings')}</h2>
${summaryList({
  items: [
    { term: t('location'), value: html`<code>${o.dir}</code>` },
    { term: t('generations'), value: t('generationsValue', { count: o.filesKept, keep: o.keep }) },
    { term: t('schedule'), value: o.scheduled ? t('scheduleOn', { hour: o.hourJst }) : t('scheduleOff') },
    { term: t('drillInterval'), value: t('drillIntervalValue', { days: o.drillIntervalDays }) },
  ],
})}
<p class="muted">${t('pitr')}</p>
<h2>${t('drillTitle')}</h2>
${
  d
    ? summaryList({
        items: [
          { term: t('drillTime'), value: formatJstDateTime(new Date(d.startedAt), lang) },
          { term: t('drillResult'), value: html`<span class="badge">${d.outcome === 'success' ? t('drillOk') : t('drillFailed')}</span>` },
          { term: t('drillFile'), value: d.fileName ?? '' },
          ...(d.outcome === 'failure' ? [{ term: t('drillProblems'), value: html`<pre>${d.error ?? ''}</pre>` }] : []),
        ],
      })
    : html`<p>${t('noDrill')}</p>`
}
${dataTable({
  lang,
  caption: t('runsCaption'),
  emptyText: t('noRuns'),
  columns: [
    { key: 'started', label: t('started') },
    { key: 'result', label: t('result') },
    { key: 'file', label: t('file') },
    { key: 'size', label: t('size'), numeric: true },
    { key: 'trigger', label: t('trigger') },
    { key: 'details', label: t('details') },
  ],
  rows: o.backups.map((r) => ({
    started: formatJstDateTime(new Date(r.startedAt), lang),
    result: html`<span class="badge">${r.outcome === 'success' ? t('success') : t('failure')}</span>`,
    file: r.fileName ?? '',
    size: megabytes(r.sizeBytes),
    trigger: t(`trigger.${r.trigger}`),
    details: details(r),
  })),
})}`;
      return renderStaffPage(req, { title: t('title'), main, active: 'backups' });
    },
  });

  definePage(app, {
    method: 'POST',
    url: `${URL}/run`,
    summary: 'Write a backup now (system administrators)',
    auth: 'staff',
    allow: canManageBackups,
    deny: 403,
    async handler({ req }) {
      const r = await createBackup(ctx, { trigger: 'staff', by: auditContextOf(req) });
      return redirect(`${URL}?run=${r.runId}`);
    },
  });
}
