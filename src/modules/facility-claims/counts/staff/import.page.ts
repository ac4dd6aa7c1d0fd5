/**
 * /staff/facility-counts/import — the enrolment division uploads a month's CSV (multipart: `_csrf`, `month`,
 * then the file). The session and the division are checked when the request arrives, the CSRF token (sent
 * before the file) before the file is read; the file is read into memory up to 5 MB, more is refused. The
 * answer lists every problem of a refused file (nothing stored) or what was imported.
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StaffActor } from '../../../../http/actor.js';
import { authenticate } from '../../../../http/actor.js';
import { AppError } from '../../../../http/errors.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import type { Lang } from '../../../../platform/i18n.js';
import { button, csrfInput, dataTable, errorSummary, type FieldMessage, notice, textField } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { auditContextOf } from '../../../audit/index.js';
import { renderStaffPage } from '../../../staff/index.js';
import { assertCanFacility, canFacility, facilityDepartmentOf } from '../../facility.policy.js';
import type { CountProblem } from '../count-file.js';
import { countMessages } from '../counts.messages.js';
import { month as monthSchema } from '../counts.schemas.js';
import { monthText } from '../counts.view.js';
import { importCounts, MAX_COUNT_FILE_BYTES, type CountImportResult } from '../import-counts.js';

type Upload = { file?: { name: string; bytes: Buffer }; tooLarge?: boolean };
const uploads = new WeakMap<FastifyRequest, Upload>();

function render(
  req: FastifyRequest,
  lang: Lang,
  csrf: string,
  o: { month: string; errors: FieldMessage[]; result?: CountImportResult },
): string {
  const t = countMessages.in(lang);
  const r = o.result;
  let outcome: SafeHtml | string = '';
  if (r?.ok)
    outcome = notice({
      kind: 'success',
      body: html`${t('staff.imported', {
        month: monthText(r.month, lang),
        lines: r.lineCount,
        facilities: r.facilityCount,
        changed: r.changedFacilityCount,
        encoding: r.encoding === 'cp932' ? 'CP932' : 'UTF-8',
      })} <a href="/staff/facility-counts?month=${r.month}">${t('staff.backToList')}</a>`,
    });
  else if (r)
    outcome = html`${notice({ kind: 'error', title: t('staff.refused', { count: r.problems.length }), body: t('staff.refusedBody') })}
${problemTable(lang, r.problems)}`;
  const main = html`<h1 class="page-title">${t('staff.importTitle')}</h1>
${outcome}
${errorSummary({ title: t('checkInput'), errors: o.errors })}
<p>${t('staff.importIntro')}</p>
<form method="post" action="/staff/facility-counts/import" enctype="multipart/form-data">
  ${csrfInput(csrf)}
  ${textField({ name: 'month', label: t('staff.month'), hint: t('staff.importMonthHint'), lang, required: true, value: o.month, errors: o.errors, maxLength: 7, inputmode: 'numeric' })}
  ${textField({ name: 'file', type: 'file', label: t('staff.file'), hint: t('staff.fileHint'), lang, required: true, errors: o.errors, attributes: { accept: '.csv,text/csv' } })}
  ${button({ label: t('staff.importButton'), type: 'submit' })}
</form>
<p><a href="/staff/facility-counts">${t('staff.backToList')}</a></p>`;
  return renderStaffPage(req, { title: t('staff.importTitle'), main, active: 'facility-counts' });
}

function problemTable(lang: Lang, problems: readonly CountProblem[]): SafeHtml {
  const t = countMessages.in(lang);
  return dataTable({
    caption: t('staff.problemsCaption'),
    lang,
    columns: [
      { key: 'where', label: t('staff.where') },
      { key: 'field', label: t('staff.field') },
      { key: 'message', label: t('staff.message') },
    ],
    rows: problems.map((p) => ({
      where: p.line === null ? t('report.file') : t('report.line', { line: p.line }),
      field: p.column ? t(`column.${p.column}`) : '',
      message: p.message[lang],
    })),
  });
}

/** Reads the multipart body: the fields (the CSRF token and the month come first), then the one file. */
async function readUpload(req: FastifyRequest, config: AppContext['config']): Promise<void> {
  if (!req.isMultipart()) return;
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  const upload: Upload = {};
  uploads.set(req, upload);
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_COUNT_FILE_BYTES } })) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !(part.fieldname in fields)) fields[part.fieldname] = part.value;
        continue;
      }
      // the CSRF token is known now: it and the division are checked before the file is read
      req.body = fields;
      assertCanFacility(await authenticate('staff', req), 'import-counts', config);
      const bytes = await part.toBuffer();
      if (part.fieldname === 'file' && bytes.length > 0 && !upload.file) upload.file = { name: part.filename, bytes };
    }
  } catch (err) {
    if ((err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
    upload.tooLarge = true;
  }
  req.body = fields;
}

export function registerImportPage(app: FastifyInstance, ctx: AppContext): void {
  // outside both childcare divisions: 404; the review division (may view, not import): 403
  const allow = (actor: StaffActor) => canFacility(actor, 'view', ctx.config);
  definePage(app, {
    method: 'GET',
    url: '/staff/facility-counts/import',
    summary: 'Form to import a month of child counts (CSV)',
    auth: 'staff',
    allow,
    handler(i) {
      assertCanFacility(i.actor, 'import-counts', ctx.config);
      return render(i.req, i.lang, i.csrf, { month: '', errors: [] });
    },
  });
  void app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fields: 5, parts: 6, fieldSize: 4096, headerPairs: 20 } });
    scope.addHook('onRequest', async (req) => {
      try {
        assertCanFacility(await authenticate('staff', req), 'import-counts', ctx.config);
      } catch (err) {
        // a valid session whose CSRF token is still to come in the form field: the token, then the division, are
        // checked before the file is read (readUpload)
        if (!(err instanceof AppError && err.code === 'csrf_failed' && req.headers['x-csrf-token'] === undefined)) throw err;
      }
    });
    scope.addHook('preHandler', (req) => readUpload(req, ctx.config));
    scope.addHook('onSend', async (req, reply, payload) => {
      if (!req.raw.complete) reply.header('Connection', 'close');
      return payload;
    });
    definePage(scope, {
      method: 'POST',
      url: '/staff/facility-counts/import',
      summary: 'Import a month of child counts (all or nothing)',
      auth: 'staff',
      allow,
      body: z.object({ month: monthSchema }),
      invalid: (i) => ({ html: render(i.req, i.lang, i.csrf, { month: i.raw.month ?? '', errors: i.errors }), status: 422 }),
      async handler(i) {
        assertCanFacility(i.actor, 'import-counts', ctx.config);
        const t = countMessages.in(i.lang);
        const upload = uploads.get(i.req);
        const fileError = upload?.tooLarge
          ? t('file.tooLarge', { megabytes: MAX_COUNT_FILE_BYTES / 1024 / 1024 })
          : upload?.file
            ? undefined
            : t('file.missing');
        if (fileError || !upload?.file)
          return {
            html: render(i.req, i.lang, i.csrf, { month: i.body.month, errors: [{ field: 'file', message: fileError ?? '' }] }),
            status: 422,
          };
        const result = await importCounts(ctx, {
          month: i.body.month,
          bytes: upload.file.bytes,
          fileName: upload.file.name,
          importedBy: i.actor.id,
          audit: auditContextOf(i.req),
          departmentId: facilityDepartmentOf(i.actor, ctx.config) ?? null,
        });
        return { html: render(i.req, i.lang, i.csrf, { month: i.body.month, errors: [], result }), status: result.ok ? 200 : 422 };
      },
    });
  });
}
