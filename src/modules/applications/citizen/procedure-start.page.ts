/**
 * `/apply/:procedureId` — a procedure's start page: what it is, who may apply, the period, the fee and
 * when it is paid, what to prepare (identity documents, files, an e-mail address), then 申請を始める.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { citizenDateTime } from '../submissions/confirmation-mail.js';
import { linkButton, notice, summaryList } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { allFields } from '../procedures/definition.js';
import { openProblem } from '../submissions/submit-application.js';
import { applyMessages } from './apply.messages.js';
import { procedureParams } from './apply.schemas.js';
import { applyPage, feeText, loc } from './apply.view.js';
import { openProcedure } from './step.page.js';

export function registerProcedureStartPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/apply/:procedureId',
    summary: 'A procedure’s start page: description, eligibility, period, fee, what to prepare',
    auth: 'public',
    params: procedureParams,
    async handler({ req, lang, params }) {
      const t = applyMessages.in(lang);
      const p = await openProcedure(ctx, params.procedureId);
      const def = p.definition;
      const problem = openProblem(def, ctx.clock.now());
      const period = [
        def.opensAt ? t('periodFrom', { date: citizenDateTime(new Date(def.opensAt), lang) }) : '',
        def.closesAt ? t('periodUntil', { date: citizenDateTime(new Date(def.closesAt), lang) }) : '',
      ]
        .filter(Boolean)
        .join(' ');
      const files = allFields(def).filter((f) => f.type === 'file');
      const prepare = [
        def.identityDocuments.required
          ? t('identityRequired', { kinds: def.identityDocuments.kinds.map((k) => t(`kind.${k}`)).join(t('listSeparator')) })
          : '',
        files.length ? t('filesToPrepare', { labels: files.map((f) => loc(f.label, lang)).join(t('listSeparator')) }) : '',
        t('emailToPrepare'),
      ].filter(Boolean);
      const main = html`<h1>${loc(def.title, lang)}</h1>
${loc(def.description, lang)
  .split('\n')
  .filter(Boolean)
  .map((line) => html`<p>${line}</p>`)}
${summaryList({
  items: [
    { term: t('department'), value: lang === 'en' && p.departmentNameEn ? p.departmentNameEn : p.departmentName },
    { term: t('eligibility'), value: loc(def.eligibility, lang) },
    ...(period ? [{ term: t('period'), value: period }] : []),
    ...(def.capacity ? [{ term: t('capacityLeft', { capacity: def.capacity }), value: '' }] : []),
    { term: t('fee'), value: feeText(def, lang) },
  ],
})}
<h2>${t('prepare')}</h2>
<ul>${prepare.map((x) => html`<li>${x}</li>`)}</ul>
<p>${t('steps', { count: def.steps.length })}</p>
${
  problem
    ? notice({ kind: 'warning', title: t('closedTitle'), body: problem === 'notOpenYet' ? t('notOpenYet') : t('closed') })
    : html`<p>${linkButton({ href: `/apply/${p.id}/step/1`, label: t('startApplication') })}</p>`
}`;
      return applyPage(req, loc(def.title, lang), main);
    },
  });
}
