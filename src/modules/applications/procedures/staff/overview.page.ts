/**
 * /staff/procedures/:id — one procedure: its status, settings in brief, steps and fields with their
 * move/remove buttons (plain forms, no JavaScript), version history, and publish / archive / export.
 * The structure, publish and archive forms (structure.page.ts, publish.page.ts) come back here when refused.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import { definePage, type PageResult } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { formatJstTimestamp } from '../../../../platform/japan-time.js';
import {
  dataTable,
  errorSummary,
  type FieldMessage,
  linkButton,
  notice,
  postButtonForm,
  summaryList,
} from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import type { ProcedureDefinition } from '../definition.js';
import { mayManageProcedure } from '../find-managed-procedure.js';
import { getProcedureForStaff, type ProcedureForStaff } from '../read-procedures.js';
import { builderMessages as bm } from './builder.messages.js';
import {
  builderPage,
  doneNotice,
  doneQuery,
  feeText,
  idKindLabel,
  periodText,
  privacyLabel,
  procedureParams,
  statusText,
  textIn,
  typeLabel,
} from './builder.view.js';

function stepsSection(lang: Lang, id: string, def: ProcedureDefinition, csrf: string, editable: boolean): SafeHtml {
  const t = bm.in(lang);
  const action = `/staff/procedures/${id}/structure`;
  const small = (label: string, hidden: Record<string, string>, confirm?: string) =>
    postButtonForm({ action, csrf, label, hidden, small: true, kind: confirm ? 'danger' : 'secondary', confirm });
  const steps = def.steps.map((step, s) => {
    const title = textIn(step.title, lang);
    const table = dataTable({
      lang,
      caption: t('stepHeading', { number: s + 1, title }),
      hideCaption: true,
      columns: [
        { key: 'label', label: t('colLabel') },
        { key: 'key', label: t('colKey') },
        { key: 'type', label: t('colType') },
        { key: 'required', label: t('colRequired') },
        { key: 'privacy', label: t('colPrivacy') },
        { key: 'condition', label: t('colCondition') },
        ...(editable ? [{ key: 'actions' as const, label: t('colActions') }] : []),
      ],
      rows: step.fields.map((f) => ({
        label: editable ? html`<a href="/staff/procedures/${id}/fields/${f.key}">${textIn(f.label, lang)}</a>` : textIn(f.label, lang),
        key: html`<code>${f.key}</code>`,
        type: typeLabel(f.type, lang),
        required: t(f.required ? 'requiredYes' : 'requiredNo'),
        privacy: privacyLabel(f.privacy, lang),
        condition: f.showIf ? t('conditionText', { key: f.showIf.field, values: f.showIf.equals.join(', ') }) : '',
        actions: html`<div class="button-row">${small(t('moveUp'), { op: 'field-up', key: f.key })}${small(t('moveDown'), { op: 'field-down', key: f.key })}${small(
          t('remove'),
          { op: 'field-remove', key: f.key },
          t('removeFieldConfirm', { label: textIn(f.label, lang) }),
        )}</div>`,
      })),
    });
    const stepActions = editable
      ? html`<div class="button-row">${linkButton({ href: `/staff/procedures/${id}/add-field?step=${s}`, label: t('addField'), small: true })}
${linkButton({ href: `/staff/procedures/${id}/steps/${s}`, label: t('renameStep'), kind: 'secondary', small: true })}
${small(t('moveUp'), { op: 'step-up', step: String(s) })}${small(t('moveDown'), { op: 'step-down', step: String(s) })}${small(
  t('remove'),
  { op: 'step-remove', step: String(s) },
  t('removeStepConfirm', { title }),
)}</div>`
      : '';
    return html`<section class="card" aria-labelledby="step-${s}"><h3 id="step-${s}">${t('stepHeading', { number: s + 1, title })}</h3>${table}${stepActions}</section>`;
  });
  return html`<section aria-labelledby="steps-title"><h2 id="steps-title">${t('stepsAndFields')}</h2>${steps}
${editable ? html`<p>${linkButton({ href: `/staff/procedures/${id}/add-field?step=${def.steps.length}`, label: t('addStep'), kind: 'secondary' })}</p>` : ''}</section>`;
}

export function renderOverview(
  req: FastifyRequest,
  lang: Lang,
  o: ProcedureForStaff & { csrf: string; errors: FieldMessage[]; done?: Parameters<typeof doneNotice>[1] },
): string {
  const t = bm.in(lang);
  const { procedure: p, newest, versions } = o;
  const def = newest.definition;
  const id = p.id;
  const isDraft = newest.publishedAt === null;
  const editable = !p.archivedAt;
  const title = textIn(def.title, lang);
  const state = p.archivedAt
    ? notice({ kind: 'warning', body: t('archivedNotice') })
    : notice({
        kind: 'info',
        body: isDraft
          ? t('draftNotice', { version: newest.version })
          : t('publishedNotice', { version: newest.version, next: newest.version + 1 }),
      });
  const summary = summaryList({
    items: [
      { term: t('colStatus'), value: statusText(lang, p, { version: newest.version, isDraft }) },
      {
        term: t('summaryTitle'),
        value: title,
        ...(editable ? { change: { href: `/staff/procedures/${id}/settings`, label: t('editSettings') } } : {}),
      },
      { term: t('summaryPeriod'), value: periodText(lang, def.opensAt, def.closesAt) },
      { term: t('summaryCapacity'), value: def.capacity === undefined ? t('unlimited') : String(def.capacity) },
      { term: t('summaryFee'), value: feeText(lang, def) },
      {
        term: t('summaryIdentity'),
        value: def.identityDocuments.required
          ? def.identityDocuments.kinds.map((k) => idKindLabel(k, lang)).join(', ')
          : t('identityNotRequired'),
      },
      { term: t('summaryRetention'), value: t('days', { days: def.retentionDays }) },
    ],
  });
  const actions = html`<section aria-labelledby="actions-title"><h2 id="actions-title">${t('actions')}</h2><div class="button-row">
${linkButton({ href: `/staff/procedures/${id}/preview`, label: t('preview'), kind: 'secondary' })}
${linkButton({ href: `/staff/procedures/${id}/export`, label: t('exportJson'), kind: 'secondary' })}
${editable && isDraft ? postButtonForm({ action: `/staff/procedures/${id}/publish`, csrf: o.csrf, label: t('publish'), confirm: t('publishConfirm', { version: newest.version }) }) : ''}
${editable ? postButtonForm({ action: `/staff/procedures/${id}/archive`, csrf: o.csrf, label: t('archive'), kind: 'danger', confirm: t('archiveConfirm') }) : ''}
</div></section>`;
  const history = dataTable({
    lang,
    caption: t('versions'),
    columns: [
      { key: 'version', label: t('colVersion'), numeric: true },
      { key: 'title', label: t('summaryTitle') },
      { key: 'created', label: t('colCreatedAt') },
      { key: 'published', label: t('colPublishedAt') },
      { key: 'export', label: t('exportJson') },
    ],
    rows: versions.map((v) => ({
      version: v.version,
      title: v.title,
      created: formatJstTimestamp(v.createdAt),
      published: v.publishedAt ? formatJstTimestamp(v.publishedAt) : t('notPublished'),
      export: html`<a href="/staff/procedures/${id}/export?version=${v.version}">${t('download')}</a>`,
    })),
  });
  const main = html`<h1 class="page-title">${title}</h1>
${errorSummary({ title: t('checkInput'), errors: o.errors })}
${doneNotice(lang, o.done)}
${state}
<section aria-labelledby="settings-title"><h2 id="settings-title">${t('settings')}</h2>${summary}</section>
${stepsSection(lang, id, def, o.csrf, editable)}
${actions}
<section aria-labelledby="history-title"><h2 id="history-title">${t('versions')}</h2>${history}</section>
<p><a href="/staff/procedures">${t('backToList')}</a></p>`;
  return builderPage(req, title, main);
}

/** The overview again with a refused change's errors (422). */
export async function refusedOverview(
  ctx: AppContext,
  i: { req: FastifyRequest; lang: Lang; actor: StaffActor; csrf: string; params: { id: string } },
  errors: FieldMessage[],
): Promise<PageResult> {
  const data = await getProcedureForStaff(ctx.db, i.actor, i.params.id);
  return { html: renderOverview(i.req, i.lang, { ...data, csrf: i.csrf, errors }), status: 422 };
}

export function registerProcedureOverviewPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/procedures/:id',
    summary: 'One procedure: settings, steps and fields, versions, publish/archive/export',
    auth: 'staff',
    params: procedureParams,
    query: doneQuery,
    allow: (actor, { params }) => mayManageProcedure(ctx.db, actor, params.id),
    async handler(i) {
      const data = await getProcedureForStaff(ctx.db, i.actor, i.params.id);
      return renderOverview(i.req, i.lang, { ...data, csrf: i.csrf, errors: [], done: i.query.done });
    },
  });
}
