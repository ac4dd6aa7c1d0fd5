/** /staff/facilities/:id — one facility, its users and (for the division's administrators) the edit form. POST saves the edit. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../../http/errors.js';
import { definePage, pageErrorsOf, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { facilityIdParams, updateFacilityBody } from '../facilities.schemas.js';
import { staffActing } from '../facility-admin.js';
import { getFacility } from '../get-facility.js';
import { updateFacility } from '../update-facility.js';
import { DONE, renderDetail } from './detail.view.js';
import { mayManage, mayView, rawOf } from './facility-form.view.js';

const detailQuery = z.object({ done: z.enum(DONE).optional().catch(undefined), user: z.uuid().optional().catch(undefined) });

export function registerFacilityDetailPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/facilities/:id',
    summary: 'One facility: details, users (masked addresses) and, for administrators, the edit form and user actions',
    auth: 'staff',
    allow: mayView(ctx.config),
    params: facilityIdParams,
    query: detailQuery,
    async handler({ req, actor, params, query, csrf }) {
      const f = await getFacility(ctx, staffActing(req, actor), params.id);
      return renderDetail(ctx, req, actor, f, { csrf, done: query.done, userId: query.user });
    },
  });

  definePage(app, {
    method: 'POST',
    url: '/staff/facilities/:id',
    summary: "Save a facility's details (not its code; audited)",
    auth: 'staff',
    allow: mayManage(ctx.config),
    params: facilityIdParams,
    body: updateFacilityBody,
    async invalid({ req, actor, params, csrf, raw, errors }) {
      const f = await getFacility(ctx, staffActing(req, actor), params.id);
      return renderDetail(ctx, req, actor, f, { csrf, raw, errors });
    },
    async handler({ req, lang, actor, params, body, csrf }) {
      const by = staffActing(req, actor);
      try {
        await updateFacility(ctx, by, params.id, body);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        const f = await getFacility(ctx, by, params.id);
        return { html: renderDetail(ctx, req, actor, f, { csrf, raw: rawOf(req.body), errors: pageErrorsOf(err, lang) }), status: 422 };
      }
      return redirect(`/staff/facilities/${params.id}?done=saved`);
    },
  });
}
