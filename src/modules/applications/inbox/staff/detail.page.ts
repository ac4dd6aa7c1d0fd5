/**
 * /staff/applications/:id — one application (every view audited by getApplicationForStaff; 404 outside
 * the person's inbox departments), with its status, assignment and note forms.
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { getApplicationForStaff } from '../get-application.js';
import { applicationParams, detailQuery } from '../inbox.schemas.js';
import { renderDetail } from './detail.view.js';

export function registerDetailPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/applications/:id',
    summary: 'One application: answers by step, files, payment, history, notes, assignment, status change (audited)',
    auth: 'staff',
    params: applicationParams,
    query: detailQuery,
    async handler({ req, actor, params, query, csrf }) {
      const d = await getApplicationForStaff(ctx, actor, params.id, auditContextOf(req));
      return renderDetail(req, d, csrf, { errors: [], raw: {}, done: query.done });
    },
  });
}
