/** POST /staff/card/cards/:id/notes — adds a staff note to a card (stored encrypted, audited), then back to the card. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors } from '../../../../http/errors.js';
import { definePage, redirect } from '../../../../http/page-route.js';
import { zodMessage } from '../../../../http/validation.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { officeOf } from '../../staff-office.js';
import { addCardNote } from '../card-progress.js';
import { cardParams } from './card-detail.view.js';
import { cardOfficeMessages } from './card-office.messages.js';
import { officeAllows } from './card-office.view.js';

const noteBody = z.object({
  body: z
    .string(zodMessage(cardOfficeMessages, 'noteRequired'))
    .transform((v) => v.trim().slice(0, 1000))
    .pipe(z.string().min(1, zodMessage(cardOfficeMessages, 'noteRequired'))),
});

export function registerCardNotePage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card/cards/:id/notes',
    summary: 'Card office: add a note to a card',
    auth: 'staff',
    params: cardParams,
    allow: officeAllows(ctx, 'process'),
    body: noteBody,
    async handler({ req, actor, params, body }) {
      const office = await officeOf(ctx, actor);
      if (!(await addCardNote(ctx, office.departmentId, params.id, body.body, actor.id, auditContextOf(req)))) throw errors.notFound();
      return redirect(`/staff/card/cards/${params.id}`);
    },
  });
}
