/** POST `/my/logout` — "マイページを閉じる": revokes the session in the database (a copied cookie stops working). */
import type { FastifyInstance } from 'fastify';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { closeMySession } from './my-session.js';

export function registerMyLogoutPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/my/logout',
    summary: 'Close My Page (revoke the session)',
    auth: 'my-page',
    async handler({ req, reply }) {
      await closeMySession(ctx, req, reply);
      return redirect('/my?closed=1');
    },
  });
}
