/**
 * POST /staff/card/lifecycle — the destruction and personal-data retention periods. Only the office's
 * department administrator (card policy 'change-lifecycle': 403 for its other members, 404 outside).
 */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { officeOf } from '../../staff-office.js';
import { cardLifecycleSchema } from '../card-lifecycle-settings.js';
import { changeCardLifecycle } from '../change-card-lifecycle.js';
import { cardSettingsMessages } from './card-settings.messages.js';
import { officeAllows, outcome } from './card-office.view.js';
import { renderDeadlines } from './deadlines.view.js';

export function registerLifecycleSettingsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card/lifecycle',
    summary: 'Card office: save the destruction and retention periods (department administrator)',
    auth: 'staff',
    allow: officeAllows(ctx, 'change-lifecycle'),
    body: cardLifecycleSchema,
    invalid: ({ req, actor, csrf, raw, errors }) => renderDeadlines(ctx, req, { actor, csrf, lifecycle: { values: raw, errors } }),
    async handler({ req, lang, actor, csrf, body }) {
      const office = await officeOf(ctx, actor);
      await changeCardLifecycle(ctx, { staff: actor, departmentId: office.departmentId, lifecycle: body, ...auditContextOf(req) });
      return renderDeadlines(ctx, req, { actor, csrf, message: outcome('success', cardSettingsMessages.t(lang, 'saved')) });
    },
  });
}
