/** POST `/applications/:referenceNumber/withdraw` — 申請を取り下げる (after the confirmation inside the button's details). */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../http/errors.js';
import { definePage } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { readApplication } from '../submissions/read-application.js';
import { withdrawApplication } from '../submissions/withdraw-application.js';
import { applyMessages } from './apply.messages.js';
import { referenceParams, tokenBody } from './apply.schemas.js';
import { renderStatus } from './status.page.js';

export function registerWithdrawPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/applications/:referenceNumber/withdraw',
    summary: 'Withdraw the application',
    auth: 'public',
    csrf: 'form',
    params: referenceParams,
    body: tokenBody,
    async handler({ req, lang, params, body, csrf }) {
      const t = applyMessages.in(lang);
      try {
        const v = await withdrawApplication(ctx, params.referenceNumber, body.t, { clientIp: req.ip });
        return renderStatus(req, v, body.t, csrf, { flash: t('withdrawn') });
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        const v = await readApplication(ctx, params.referenceNumber, body.t, { clientIp: req.ip });
        return { html: renderStatus(req, v, body.t, csrf, { problem: err.text[lang] }), status: 409 };
      }
    },
  });
}
