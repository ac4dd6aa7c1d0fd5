/** POST /staff/card/cards/:id/state — a state change by hand (allowed transitions only; 409 otherwise), audited. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage } from '../../../../http/page-route.js';
import { zodMessage } from '../../../../http/validation.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { officeOf } from '../../staff-office.js';
import { CARD_STATES } from '../card-states.js';
import { changeCardState } from '../card-progress.js';
import { cardParams, renderCardDetail } from './card-detail.view.js';
import { cardOfficeMessages } from './card-office.messages.js';
import { officeAllows, outcome } from './card-office.view.js';

export function registerCardStatePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card/cards/:id/state',
    summary: 'Card office: change a card state by hand',
    auth: 'staff',
    params: cardParams,
    allow: officeAllows(ctx, 'process'),
    body: z.object({ to: z.enum(CARD_STATES, zodMessage(cardOfficeMessages, 'chooseState')) }),
    async handler({ req, lang, actor, csrf, params, body }) {
      const office = await officeOf(ctx, actor);
      // Scoped to the office's department: another department's card is not found and not changed.
      const ok = await changeCardState(ctx, office.departmentId, params.id, body.to, auditContextOf(req));
      const t = cardOfficeMessages.in(lang);
      const message = ok ? outcome('success', t('changed')) : outcome('error', t('notAllowedFromState'));
      return { html: await renderCardDetail(ctx, req, { actor, csrf, cardId: params.id, message }), status: ok ? 200 : 409 };
    },
  });
}
