/** `/apply` — the procedures citizens can apply for, by department, with a keyword search (?q=). */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { button, linkButton, textField } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { openProblem } from '../submissions/submit-application.js';
import { listPublishedProcedures } from '../submissions/submissions.repository.js';
import { applyMessages } from './apply.messages.js';
import { listQuery } from './apply.schemas.js';
import { applyPage, feeText, loc } from './apply.view.js';

export function registerProcedureListPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/apply',
    summary: 'The procedures open for e-application, by department, with a keyword search',
    auth: 'public',
    query: listQuery,
    async handler({ req, lang, query }) {
      const t = applyMessages.in(lang);
      const now = ctx.clock.now();
      const q = (query.q ?? '').normalize('NFKC').trim().toLowerCase();
      const all = (await listPublishedProcedures(ctx.db)).filter((p) => openProblem(p.definition, now) !== 'closed');
      const found = q
        ? all.filter((p) =>
            [
              p.definition.title.ja,
              p.definition.title.en ?? '',
              p.definition.description.ja,
              p.definition.description.en ?? '',
              p.departmentName,
            ]
              .join(' ')
              .normalize('NFKC')
              .toLowerCase()
              .includes(q),
          )
        : all;
      const byDept = new Map<string, typeof found>();
      for (const p of found) byDept.set(p.departmentId, [...(byDept.get(p.departmentId) ?? []), p]);
      const main = html`<h1>${t('listTitle')}</h1>
<p>${t('listIntro')}</p>
<form method="get" action="/apply" role="search">
  ${textField({ name: 'q', label: t('searchLabel'), lang, value: query.q ?? '', type: 'search', markOptional: false })}
  ${button({ label: t('searchButton'), kind: 'secondary' })}
</form>
${[...byDept.values()].map(
  (list) => html`<section>
  <h2>${lang === 'en' && list[0]?.departmentNameEn ? list[0].departmentNameEn : (list[0]?.departmentName ?? '')}</h2>
  ${list.map(
    (p) => html`<div class="card">
    <h3>${loc(p.definition.title, lang)}${openProblem(p.definition, now) === 'notOpenYet' ? html` <span class="badge">${t('notOpenYet')}</span>` : ''}</h3>
    <p>${loc(p.definition.description, lang).split('\n')[0]}</p>
    <p>${t('feeLine', { fee: feeText(p.definition, lang) })}</p>
    <p>${linkButton({ href: `/apply/${p.id}`, label: t('openProcedure', { title: loc(p.definition.title, lang) }) })}</p>
  </div>`,
  )}
</section>`,
)}
${found.length ? '' : html`<p>${t('noProcedures')}</p>`}`;
      return applyPage(req, t('listTitle'), main);
    },
  });
}
