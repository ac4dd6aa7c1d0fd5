/** GET `/applications/:referenceNumber/receipt.pdf?t=<secret>` — the 申請控え as a PDF download. */
import type { FastifyInstance } from 'fastify';
import { definePage, sent } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { readApplication } from '../submissions/read-application.js';
import { receiptPdf } from '../submissions/receipt-pdf.js';
import { referenceParams, statusQuery } from './apply.schemas.js';

export function registerReceiptPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/applications/:referenceNumber/receipt.pdf',
    summary: 'The application copy (receipt) as a PDF',
    auth: 'public',
    params: referenceParams,
    query: statusQuery,
    async handler({ req, reply, params, query }) {
      const v = await readApplication(ctx, params.referenceNumber, query.t, { clientIp: req.ip });
      const pdf = await receiptPdf(ctx, v);
      await reply
        .type('application/pdf')
        .header('Content-Disposition', `attachment; filename="application-${v.referenceNumber}.pdf"`)
        .send(pdf);
      return sent;
    },
  });
}
