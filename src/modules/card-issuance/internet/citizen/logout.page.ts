/** POST `/card/logout` — ends the booking-site session (the row is deleted, the cookie cleared). */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { endCardSession } from '../card-session.js';

export function registerLogoutPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/card/logout',
    summary: 'Card booking site: log out',
    auth: 'card-site',
    async handler({ reply, actor }) {
      await endCardSession(ctx, reply, actor ?? undefined);
      return redirect('/card');
    },
  });
}
