/**
 * POST `/applications/:referenceNumber/correction` — 再申請: the fields staff named, corrected. A refused
 * answer shows the status page again with its message and what was typed (422).
 */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../http/errors.js';
import { definePage, pageErrorsOf } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { readApplication } from '../submissions/read-application.js';
import { resubmitCorrection } from '../submissions/resubmit-correction.js';
import { applyMessages } from './apply.messages.js';
import { formBody, referenceParams } from './apply.schemas.js';
import type { FormValues } from './apply.view.js';
import { renderStatus } from './status.page.js';

export function registerCorrectionPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/applications/:referenceNumber/correction',
    summary: 'Resubmit the corrected fields',
    auth: 'public',
    csrf: 'form',
    params: referenceParams,
    body: formBody,
    async handler({ req, lang, params, body, csrf }) {
      const token = typeof body.t === 'string' ? body.t : '';
      const typed: FormValues = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 't' && k !== '_csrf'));
      try {
        const v = await resubmitCorrection(ctx, params.referenceNumber, token, typed, { clientIp: req.ip });
        return renderStatus(req, v, token, csrf, { flash: applyMessages.t(lang, 'resubmitted') });
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        const v = await readApplication(ctx, params.referenceNumber, token, { clientIp: req.ip });
        const errs = pageErrorsOf(err, lang).map((e) => ({ ...e, field: e.field.replace(/^answers\./, '') }));
        return { html: renderStatus(req, v, token, csrf, { correctionErrors: errs, typed }), status: 422 };
      }
    },
  });
}
