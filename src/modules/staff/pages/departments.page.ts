/** /staff/departments — the departments (課) and the form adding one (system administrators). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../http/errors.js';
import { definePage, redirect } from '../../../http/page-route.js';
import { auditContextOf } from '../../audit/index.js';
import type { AppContext } from '../../../platform/context.js';
import type { Lang } from '../../../platform/i18n.js';
import { button, csrfInput, dataTable, errorSummary, textField, type FieldMessage } from '../../../web/components/index.js';
import { html } from '../../../web/html.js';
import { createDepartment } from '../departments.js';
import { renderStaffPage } from '../staff-shell.js';
import { listDepartments } from '../staff.repository.js';
import { isSystemAdmin } from '../staff.policy.js';
import { createDepartmentBody } from '../staff.schemas.js';
import { accountMessages } from './accounts.messages.js';
import { refusalErrors, sameId } from './staff-pages.view.js';

type View = { csrf: string; raw?: Record<string, string>; errors?: FieldMessage[] };

async function render(ctx: AppContext, req: FastifyRequest, lang: Lang, o: View): Promise<string> {
  const t = accountMessages.in(lang);
  const errors = o.errors ?? [];
  const list = await listDepartments(ctx.db);
  const main = html`<h1 class="page-title">${t('departmentsTitle')}</h1>
${dataTable({
  lang,
  caption: t('departmentsTitle'),
  hideCaption: true,
  columns: [
    { key: 'code', label: t('code') },
    { key: 'name', label: t('departmentName') },
  ],
  rows: list.map((d) => ({ code: d.code, name: d.name })),
})}
<h2 id="dept-create-h">${t('addDepartment')}</h2>
${errorSummary({ title: t('checkForm'), errors, fieldId: sameId })}
<form method="post" action="/staff/departments" aria-labelledby="dept-create-h" novalidate>${csrfInput(o.csrf)}
${textField({ lang, id: 'code', name: 'code', label: t('code'), value: o.raw?.code, required: true, errors })}
${textField({ lang, id: 'name', name: 'name', label: t('departmentName'), value: o.raw?.name, required: true, errors })}
${button({ label: t('add') })}</form>`;
  return renderStaffPage(req, { title: t('departmentsTitle'), main, active: 'departments' });
}

export function registerDepartmentsPage(app: FastifyInstance, ctx: AppContext): void {
  const base = { auth: 'staff', allow: isSystemAdmin, deny: 403 } as const;

  definePage(app, {
    ...base,
    method: 'GET',
    url: '/staff/departments',
    summary: 'Departments, and the form adding one (system administrators)',
    handler: ({ req, lang, csrf }) => render(ctx, req, lang, { csrf }),
  });

  definePage(app, {
    ...base,
    method: 'POST',
    url: '/staff/departments',
    summary: 'Add a department',
    body: createDepartmentBody,
    invalid: ({ req, lang, csrf, raw, errors }) => render(ctx, req, lang, { csrf, raw, errors }),
    async handler({ req, lang, body, csrf }) {
      try {
        await createDepartment(ctx, body, auditContextOf(req));
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        return {
          html: await render(ctx, req, lang, { csrf, raw: { code: body.code, name: body.name }, errors: refusalErrors(err, lang, 'code') }),
          status: err.status,
        };
      }
      return redirect('/staff/departments');
    },
  });
}
