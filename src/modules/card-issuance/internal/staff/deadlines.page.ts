/** /staff/card/deadlines — pickup deadlines and the overdue cards (GET), and saving the deadlines (POST). */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { officeOf } from '../../staff-office.js';
import { cardDeadlinesSchema, changeCardDeadlines } from '../change-card-deadlines.js';
import { cardSettingsMessages } from './card-settings.messages.js';
import { officeAllows, outcome } from './card-office.view.js';
import { renderDeadlines } from './deadlines.view.js';

export function registerDeadlinesPages(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/card/deadlines',
    summary: 'Card office: pickup deadlines, lifecycle periods, letter contact and overdue cards (audited list)',
    auth: 'staff',
    allow: officeAllows(ctx, 'view'),
    handler: ({ req, actor, csrf }) => renderDeadlines(ctx, req, { actor, csrf }),
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/card/deadlines',
    summary: 'Card office: save the pickup deadlines',
    auth: 'staff',
    allow: officeAllows(ctx, 'change-deadlines'),
    body: cardDeadlinesSchema,
    invalid: ({ req, actor, csrf, raw, errors }) => renderDeadlines(ctx, req, { actor, csrf, deadlines: { values: raw, errors } }),
    async handler({ req, lang, actor, csrf, body }) {
      const office = await officeOf(ctx, actor);
      await changeCardDeadlines(ctx, { staff: actor, departmentId: office.departmentId, deadlines: body, ...auditContextOf(req) });
      return renderDeadlines(ctx, req, { actor, csrf, message: outcome('success', cardSettingsMessages.t(lang, 'saved')) });
    },
  });
}
