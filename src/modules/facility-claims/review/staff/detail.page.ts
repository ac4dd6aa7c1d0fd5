/** /staff/facility-claims/:id — one submission (every view audited by getSubmission; a draft or an outsider: 404). */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { canFacility } from '../../facility.policy.js';
import { getSubmission } from '../get-submission.js';
import { detailQuery, idParams } from '../review.schemas.js';
import { renderDetail } from './detail.view.js';

export function registerDetailPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/facility-claims/:id',
    summary: 'One facility submission: the form, the checks, what changed since the last approved version, history, return/approve',
    auth: 'staff',
    params: idParams,
    query: detailQuery,
    allow: (actor) => canFacility(actor, 'view', ctx.config),
    async handler({ req, actor, params, query, csrf }) {
      const d = await getSubmission(ctx, actor, params.id, auditContextOf(req));
      return renderDetail(req, d, csrf, { errors: [], raw: {}, done: query.done });
    },
  });
}
