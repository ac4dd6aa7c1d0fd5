/** POST /facility/logout — ends the facility session (the row is deleted, the cookie cleared), back to the log-in form. */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { logOutFacility } from '../log-out.js';

export function registerLogOutPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/facility/logout',
    summary: 'Facility portal: log out',
    auth: 'facility',
    async handler({ req, reply, actor }) {
      await logOutFacility(ctx, req, reply, actor);
      return redirect('/facility/login');
    },
  });
}
