/**
 * /staff/procedures/import — upload a shared procedure file (multipart, one part named `file`) into a
 * department the person administers, as a new draft procedure. The session is checked when the request
 * arrives, the CSRF token (the `_csrf` field, sent before the file) before the file is read; the file
 * is read into memory up to MAX_DEFINITION_BYTES (a definition is a few kilobytes), more is refused.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StaffActor } from '../../../../http/actor.js';
import { authenticate } from '../../../../http/actor.js';
import { AppError } from '../../../../http/errors.js';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, csrfInput, errorSummary, type FieldMessage, selectField } from '../../../../web/components/index.js';
import { html } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { definitionMessages } from '../definition.messages.js';
import { managedDepartmentIds } from '../find-managed-procedure.js';
import { importProcedure } from '../import-procedure.js';
import { MAX_DEFINITION_BYTES } from '../parse-definition.js';
import { builderMessages as bm } from './builder.messages.js';
import { attempt, backLink, builderPage } from './builder.view.js';

const uploaded = new WeakMap<FastifyRequest, Buffer>();

function render(req: FastifyRequest, lang: Lang, actor: StaffActor, csrf: string, departmentId: string, errors: FieldMessage[]): string {
  const t = bm.in(lang);
  const managed = managedDepartmentIds(actor);
  const departments = actor.memberships.filter(
    (m, k, all) => managed.includes(m.departmentId) && all.findIndex((x) => x.departmentId === m.departmentId) === k,
  );
  const main = html`<h1 class="page-title">${t('importTitle')}</h1>
${errorSummary({ title: t('checkInput'), errors })}
<p>${t('importIntro')}</p>
<form method="post" action="/staff/procedures/import" enctype="multipart/form-data">
  ${csrfInput(csrf)}
  ${selectField({
    name: 'departmentId',
    label: t('department'),
    lang,
    errors,
    required: true,
    value: departmentId || departments[0]?.departmentId,
    options: departments.map((d) => ({ value: d.departmentId, label: d.departmentName })),
  })}
  <div class="form-field">
    <label for="field-file">${t('file')}</label>
    ${errors.filter((e) => e.field === 'file').map((e) => html`<p class="field-error" id="field-file-error">${e.message}</p>`)}
    <input id="field-file" name="file" type="file" accept="application/json,.json" required${errors.some((e) => e.field === 'file') ? html` aria-invalid="true" aria-describedby="field-file-error"` : ''}>
  </div>
  ${button({ label: t('importButton'), type: 'submit' })}
</form>
${backLink('/staff/procedures', t('backToList'))}`;
  return builderPage(req, t('importTitle'), main);
}

/** Reads the multipart body: fields (the CSRF token and department come first) and the one file part. */
async function readUpload(req: FastifyRequest): Promise<void> {
  if (!req.isMultipart()) return;
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for await (const part of req.parts({ limits: { fileSize: MAX_DEFINITION_BYTES } })) {
    if (part.type === 'field') {
      if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
      continue;
    }
    // the CSRF token is known now: check it before reading the file
    req.body = fields;
    await authenticate('staff', req);
    const buffer = await part.toBuffer().catch((err: { code?: string }) => {
      if (err.code === 'FST_REQ_FILE_TOO_LARGE')
        throw new AppError('file_too_large', 413, definitionMessages.text('fileTooLarge', { kilobytes: MAX_DEFINITION_BYTES / 1024 }));
      throw err;
    });
    if (part.fieldname === 'file' && buffer.length > 0 && !uploaded.has(req)) uploaded.set(req, buffer);
  }
  req.body = fields;
}

export function registerImportPage(app: FastifyInstance, ctx: AppContext): void {
  const allow = (actor: StaffActor) => managedDepartmentIds(actor).length > 0;
  definePage(app, {
    method: 'GET',
    url: '/staff/procedures/import',
    summary: 'Form to import a procedure file',
    auth: 'staff',
    allow,
    deny: 403,
    handler: (i) => render(i.req, i.lang, i.actor, i.csrf, '', []),
  });
  app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fields: 5, parts: 6, fieldSize: 4096, headerPairs: 20 } });
    scope.addHook('onRequest', async (req) => {
      try {
        await authenticate('staff', req);
      } catch (err) {
        // a valid session whose CSRF token is still to come in the form field: checked before the file is read
        if (!(err instanceof AppError && err.code === 'csrf_failed' && req.headers['x-csrf-token'] === undefined)) throw err;
      }
    });
    scope.addHook('preHandler', readUpload);
    definePage(scope, {
      method: 'POST',
      url: '/staff/procedures/import',
      summary: 'Import a procedure file as a new draft procedure',
      auth: 'staff',
      allow,
      deny: 403,
      body: z.object({ departmentId: z.string().max(64).default('') }),
      async handler(i) {
        const file = uploaded.get(i.req);
        let id = '';
        const refused = file
          ? await attempt(i.lang, async () => {
              id = await importProcedure(ctx, i.actor, i.body.departmentId, file, auditContextOf(i.req));
            })
          : [{ field: 'file', message: definitionMessages.t(i.lang, 'fileMissing') }];
        // a problem inside the file names where it is (steps.0.fields.1.key) and is shown at the file input
        const errors = refused?.map((e) => ({ field: 'file', message: e.field === 'file' ? e.message : `${e.field}: ${e.message}` }));
        if (errors) return { html: render(i.req, i.lang, i.actor, i.csrf, i.body.departmentId, errors), status: 422 };
        return redirect(`/staff/procedures/${id}?done=imported`);
      },
    });
  });
}
