/** POST /staff/logout — ends the session (also from a log-in that is not complete yet). */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { clearSessionCookie } from '../sessions.js';
import { logOut } from '../staff-session.js';

export function registerLogOutPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/logout',
    summary: 'Log out',
    auth: 'staff',
    incompleteLogin: true,
    async handler({ req, reply, actor }) {
      await logOut(ctx, req, actor);
      clearSessionCookie(reply, ctx.config);
      return redirect('/staff/login');
    },
  });
}
