/**
 * POST /staff/card/import — imports the issuance list (CSV, up to 300 MB: hundreds of thousands of
 * lines). An upload: declared inside the module's upload scope, the person is known before the body
 * is read (withUploads). Any error in the file: nothing is imported, the problems are listed.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors } from '../../../../http/errors.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { officeOf, uploadedFile } from '../../staff-office.js';
import { formatErrorReport, importIssuanceList } from '../import-issuance-list.js';
import { cardOfficeMessages } from './card-office.messages.js';
import { officeAllows, outcome } from './card-office.view.js';
import { renderDashboard } from './dashboard.view.js';

export const ISSUANCE_LIST_MAX_BYTES = 300 * 1024 * 1024;

export function registerIssuanceListImportPage(scope: FastifyInstance, ctx: AppContext): void {
  definePage(scope, {
    method: 'POST',
    url: '/staff/card/import',
    summary: 'Card office: import the issuance list (upload)',
    auth: 'staff',
    routeConfig: { uploadMaxBytes: ISSUANCE_LIST_MAX_BYTES },
    allow: officeAllows(ctx, 'process'),
    // An unknown encoding is detected, as before the form had the choice.
    body: z.object({ encoding: z.string().optional() }),
    async handler({ req, lang, actor, csrf, body }) {
      const office = await officeOf(ctx, actor);
      const file = uploadedFile(req);
      if (!file) throw errors.validation([{ field: 'file', message: cardOfficeMessages.text('chooseFile') }]);
      const enc = body.encoding;
      const r = await importIssuanceList(ctx, {
        settings: office,
        fileName: 'upload.csv',
        open: () => file.open(),
        encoding: enc === 'shift_jis' || enc === 'utf-8' ? enc : undefined,
        ...auditContextOf(req),
      });
      const t = cardOfficeMessages.in(lang);
      const message = r.ok
        ? outcome('success', t('imported', { rows: r.rows, encoding: r.encoding }))
        : outcome('error', t('notImported', { count: r.errorCount }), formatErrorReport(r.errors, r.errorCount, lang));
      return { html: await renderDashboard(ctx, req, { actor, csrf, message }), status: r.ok ? 200 : 422 };
    },
  });
}
