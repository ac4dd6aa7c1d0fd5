/** POST /staff/card-site/locations/:code/exceptions (add a closure or extra opening) and …/:id/delete (remove one). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { siteDepartmentOf } from '../../staff-office.js';
import { addLocationException, removeLocationException } from '../change-pickup-exceptions.js';
import { cardSiteStaffMessages as m } from './card-site-staff.messages.js';
import { done, refused, renderCardSite } from './card-site.view.js';
import { locationParams } from './location.page.js';

const text = z.string().catch('');
const exceptionBody = z.object({ day: text, kind: z.enum(['open', 'closed']).catch('closed'), start: text, end: text, note: text });
const exceptionParams = locationParams.extend({ id: z.uuid() });

export function registerLocationExceptionPages(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card-site/locations/:code/exceptions',
    summary: 'Booking-site staff: close a pickup place on a day, or open it extra',
    auth: 'staff',
    params: locationParams,
    body: exceptionBody,
    async handler({ req, lang, actor, csrf, params, body }) {
      const dept = await siteDepartmentOf(ctx, actor);
      const r = await addLocationException(ctx, { departmentId: dept.id, code: params.code, ...body, ...auditContextOf(req) });
      if (!r.ok) return { html: await renderCardSite(ctx, req, { actor, csrf, message: refused(r.problem[lang]) }), status: 422 };
      const message = done(m.t(lang, body.kind === 'closed' ? 'closedDay' : 'openedDay', { day: body.day }));
      return renderCardSite(ctx, req, { actor, csrf, message });
    },
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/card-site/locations/:code/exceptions/:id/delete',
    summary: 'Booking-site staff: remove a closure or extra opening',
    auth: 'staff',
    params: exceptionParams,
    async handler({ req, lang, actor, csrf, params }) {
      const dept = await siteDepartmentOf(ctx, actor);
      await removeLocationException(ctx, { departmentId: dept.id, code: params.code, exceptionId: params.id, ...auditContextOf(req) });
      return renderCardSite(ctx, req, { actor, csrf, message: done(m.t(lang, 'removed')) });
    },
  });
}
