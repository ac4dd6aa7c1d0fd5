/** POST /staff/card/contact — the contact printed on the card letters (the office's members). */
import type { FastifyInstance } from 'fastify';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { officeOf } from '../../staff-office.js';
import { cardContactSchema } from '../card-contact-settings.js';
import { changeCardContact } from '../change-card-contact.js';
import { cardSettingsMessages } from './card-settings.messages.js';
import { officeAllows, outcome } from './card-office.view.js';
import { renderDeadlines } from './deadlines.view.js';

export function registerContactSettingsPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card/contact',
    summary: 'Card office: save the contact printed on letters',
    auth: 'staff',
    allow: officeAllows(ctx, 'change-deadlines'),
    body: cardContactSchema,
    invalid: ({ req, actor, csrf, raw, errors }) => renderDeadlines(ctx, req, { actor, csrf, contact: { values: raw, errors } }),
    async handler({ req, lang, actor, csrf, body }) {
      const office = await officeOf(ctx, actor);
      await changeCardContact(ctx, { staff: actor, departmentId: office.departmentId, contact: body, ...auditContextOf(req) });
      return renderDeadlines(ctx, req, { actor, csrf, message: outcome('success', cardSettingsMessages.t(lang, 'saved')) });
    },
  });
}
