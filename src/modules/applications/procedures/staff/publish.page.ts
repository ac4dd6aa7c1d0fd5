/** POST /staff/procedures/:id/publish and …/archive — the overview's publish and archive buttons. */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../../http/errors.js';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { archiveProcedure } from '../archive-procedure.js';
import { mayManageProcedure } from '../find-managed-procedure.js';
import { publishProcedure } from '../publish-procedure.js';
import { attempt, procedureParams } from './builder.view.js';
import { refusedOverview } from './overview.page.js';

export function registerPublishPages(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/procedures/:id/publish',
    summary: 'Publish the draft version',
    auth: 'staff',
    params: procedureParams,
    allow: (actor, { params }) => mayManageProcedure(ctx.db, actor, params.id),
    async handler(i) {
      try {
        const errors = await attempt(i.lang, () => publishProcedure(ctx, i.actor, i.params.id, auditContextOf(i.req)));
        if (errors) return refusedOverview(ctx, i, errors);
      } catch (err) {
        // nothing to publish / archived: said on the overview rather than on an error page
        if (!(err instanceof AppError) || err.status !== 409) throw err;
        return refusedOverview(ctx, i, [{ field: 'publish', message: err.text[i.lang] }]);
      }
      return redirect(`/staff/procedures/${i.params.id}?done=published`);
    },
  });
  definePage(app, {
    method: 'POST',
    url: '/staff/procedures/:id/archive',
    summary: 'Archive the procedure (citizens can no longer apply)',
    auth: 'staff',
    params: procedureParams,
    allow: (actor, { params }) => mayManageProcedure(ctx.db, actor, params.id),
    async handler(i) {
      await archiveProcedure(ctx, i.actor, i.params.id, auditContextOf(i.req));
      return redirect(`/staff/procedures/${i.params.id}?done=archived`);
    },
  });
}
