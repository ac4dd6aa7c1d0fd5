/**
 * POST /staff/card/letters — prints the confirmed letters and marks exactly those cards "letter sent"
 * (a PDF download). When the cards changed since the confirmation (their count differs), nothing is
 * printed or marked: 409.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { errors } from '../../../../http/errors.js';
import { definePage, sent } from '../../../../http/page-route.js';
import { zodMessage } from '../../../../http/validation.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { officeOf } from '../../staff-office.js';
import { printLetters } from '../print-letters.js';
import { cardLettersMessages } from './card-letters.messages.js';
import { officeAllows } from './card-office.view.js';

const confirmed = zodMessage(cardLettersMessages, 'chooseAndConfirm');
const printBody = z.object({
  cardIds: z
    .string(confirmed)
    .max(100_000)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.string()).min(1, confirmed)),
  count: z
    .string(confirmed)
    .regex(/^[0-9]{1,6}$/, confirmed)
    .transform(Number)
    .pipe(z.number().int().min(1, confirmed)),
});

export function registerLettersPrintPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card/letters',
    summary: 'Card office: print the confirmed letters and mark the cards sent (PDF)',
    auth: 'staff',
    allow: officeAllows(ctx, 'process'),
    body: printBody,
    async handler({ req, reply, actor, body }) {
      const office = await officeOf(ctx, actor);
      const r = await printLetters(ctx, { settings: office, cardIds: body.cardIds, expectedCount: body.count, ...auditContextOf(req) });
      if (!r.ok) throw errors.conflict('letters_changed', cardLettersMessages.text('changed', { count: body.count, now: r.count }));
      await reply
        .type('application/pdf')
        .header('Content-Disposition', `attachment; filename="card-letters-${ctx.clock.now().toISOString().slice(0, 10)}.pdf"`)
        .send(r.pdf);
      return sent;
    },
  });
}
