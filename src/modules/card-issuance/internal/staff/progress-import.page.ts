/** POST /staff/card/progress — imports a progress result file (pre-issuance setup or issued; an upload up to 32 MB). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors } from '../../../../http/errors.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { officeOf, uploaded } from '../../staff-office.js';
import { formatErrorReport } from '../import-issuance-list.js';
import { importProgressResults } from '../import-progress-results.js';
import { cardOfficeMessages } from './card-office.messages.js';
import { officeAllows, outcome } from './card-office.view.js';
import { renderDashboard } from './dashboard.view.js';

export function registerProgressImportPage(scope: FastifyInstance, ctx: AppContext): void {
  definePage(scope, {
    method: 'POST',
    url: '/staff/card/progress',
    summary: 'Card office: import a progress result file (upload)',
    auth: 'staff',
    routeConfig: { uploadMaxBytes: 32 * 1024 * 1024 },
    allow: officeAllows(ctx, 'process'),
    body: z.object({ kind: z.string().optional() }),
    async handler({ req, lang, actor, csrf, body }) {
      const office = await officeOf(ctx, actor);
      const file = uploaded(req);
      const kind = body.kind;
      if (!file || (kind !== 'setup' && kind !== 'issued'))
        throw errors.validation([{ field: 'file', message: cardOfficeMessages.text('chooseFile') }]);
      const r = await importProgressResults(ctx, { settings: office, kind, bytes: file, ...auditContextOf(req) });
      const t = cardOfficeMessages.in(lang);
      const message = r.ok
        ? outcome('success', t('progressUpdated', { count: r.updated }))
        : outcome('error', t('nothingChanged'), formatErrorReport(r.errors, r.errors.length, lang));
      return { html: await renderDashboard(ctx, req, { actor, csrf, message }), status: r.ok ? 200 : 422 };
    },
  });
}
