/**
 * POST /staff/card/letters/preview — the letters as a PDF, nothing changed (a POST because the
 * selection can be 2,000 ids; the operation audits it as a view of personal data).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, sent } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { officeOf } from '../../staff-office.js';
import { previewLetters } from '../print-letters.js';
import { officeAllows } from './card-office.view.js';
import { letterSelectionBody, letterSelectionOf } from './letter-selection.js';
import { noLetters } from './letters.view.js';

export function registerLettersPreviewPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card/letters/preview',
    summary: 'Card office: preview letters as a PDF (no state change)',
    auth: 'staff',
    allow: officeAllows(ctx, 'view'),
    // The confirmation page sends the exact cards it showed (cardIds); the dashboard a selection.
    body: letterSelectionBody.extend({ cardIds: z.string().max(100_000).optional() }),
    async handler({ req, reply, actor, body }) {
      const office = await officeOf(ctx, actor);
      const selection = body.cardIds ? { cardIds: body.cardIds.split(',') } : letterSelectionOf(body);
      const r = await previewLetters(ctx, { settings: office, selection, ...auditContextOf(req) });
      if (r.count === 0) return noLetters(req);
      await reply
        .type('application/pdf')
        .header('Content-Disposition', `inline; filename="card-letters-preview-${ctx.clock.now().toISOString().slice(0, 10)}.pdf"`)
        .send(r.pdf);
      return sent;
    },
  });
}
