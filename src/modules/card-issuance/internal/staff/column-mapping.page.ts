/**
 * /staff/card/mapping — the issuance list's column mapping: the city's header for each field where its
 * file differs from the default. A refused save shows what was typed with the problem beside the field.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { button, csrfInput, errorSummary, linkButton, textField, type FieldMessage } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { officeOf } from '../../staff-office.js';
import { changeColumnMapping, columnMappingBody, columnMappingErrors, columnMappingOf } from '../change-column-mapping.js';
import { DEFAULT_HEADERS, ISSUANCE_FIELDS, type ColumnMapping } from '../issuance-list-layout.js';
import { cardOfficeMessages } from './card-office.messages.js';
import { officeAllows, outcome, renderCardOffice } from './card-office.view.js';

function render(req: FastifyRequest, o: { csrf: string; values: ColumnMapping; errors?: FieldMessage[]; message?: SafeHtml }): string {
  const lang = req.lang;
  const t = cardOfficeMessages.in(lang);
  const errors = o.errors ?? [];
  const main = html`<h1 class="page-title">${t('mappingLink')}</h1>
${errorSummary({ title: t('checkInput'), errors })}${o.message ?? ''}
<p class="hint">${t('mappingHint')}</p>
<form method="post" action="/staff/card/mapping">${csrfInput(o.csrf)}
${ISSUANCE_FIELDS.map((f) =>
  textField({
    name: f,
    lang,
    label: DEFAULT_HEADERS[f],
    markOptional: false,
    hint: t('mappingDefault', { header: DEFAULT_HEADERS[f] }),
    maxLength: 100,
    value: o.values[f] ?? '',
    errors,
  }),
)}
${button({ label: t('save') })}</form>
<p>${linkButton({ href: '/staff/card', label: t('backToOffice'), kind: 'secondary' })}</p>`;
  return renderCardOffice(req, t('mappingTitle'), main);
}

export function registerColumnMappingPages(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/card/mapping',
    summary: 'Card office: the issuance-list column mapping',
    auth: 'staff',
    allow: officeAllows(ctx, 'view'),
    async handler({ req, actor, csrf }) {
      const office = await officeOf(ctx, actor);
      return render(req, { csrf, values: office.columnMapping });
    },
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/card/mapping',
    summary: 'Card office: save the issuance-list column mapping',
    auth: 'staff',
    allow: officeAllows(ctx, 'process'),
    body: columnMappingBody,
    async handler({ req, lang, actor, csrf, body }) {
      const office = await officeOf(ctx, actor);
      const mapping = columnMappingOf(body);
      const errors = columnMappingErrors(mapping, lang);
      if (errors.length || !(await changeColumnMapping(ctx, { staff: actor, office, mapping, ...auditContextOf(req) })))
        return { html: render(req, { csrf, values: mapping, errors }), status: 422 };
      return render(req, { csrf, values: mapping, message: outcome('success', cardOfficeMessages.t(lang, 'saved')) });
    },
  });
}
