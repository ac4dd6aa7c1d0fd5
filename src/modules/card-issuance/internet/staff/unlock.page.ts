/** POST /staff/card-site/unlock — unlocks a locked log-in ID after the holder's ID and shipping number were checked on the phone. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { siteDepartmentOf } from '../../staff-office.js';
import { unlockCardLogin } from '../unlock-login.js';
import { cardSiteStaffMessages as m } from './card-site-staff.messages.js';
import { done, refused, renderCardSite } from './card-site.view.js';

const text = z.string().catch('');
const unlockBody = z.object({ reservationId: text, shippingNo: text });

export function registerUnlockPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card-site/unlock',
    summary: 'Booking-site staff: unlock a log-in ID',
    auth: 'staff',
    body: unlockBody,
    async handler({ req, lang, actor, csrf, body }) {
      const dept = await siteDepartmentOf(ctx, actor);
      const r = await unlockCardLogin(ctx, { ...body, departmentId: dept.id, ...auditContextOf(req) });
      if (r === 'no_match')
        return { html: await renderCardSite(ctx, req, { actor, csrf, message: refused(m.t(lang, 'noMatch')) }), status: 422 };
      return renderCardSite(ctx, req, { actor, csrf, message: done(m.t(lang, r === 'not_locked' ? 'notLocked' : 'unlocked')) });
    },
  });
}
