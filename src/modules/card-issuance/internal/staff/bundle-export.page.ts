/** POST /staff/card/bundle — the signed bundle for the booking site (a download; 503 on the dashboard without the signing key). */
import type { FastifyInstance } from 'fastify';
import { definePage, sent } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { ZoneKeyError } from '../../shared/zone-keys.js';
import { officeOf } from '../../staff-office.js';
import { exportBundle } from '../export-bundle.js';
import { officeAllows, outcome } from './card-office.view.js';
import { renderDashboard } from './dashboard.view.js';

export function registerBundleExportPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/card/bundle',
    summary: 'Card office: export the signed bundle for the booking site',
    auth: 'staff',
    allow: officeAllows(ctx, 'process'),
    async handler({ req, reply, actor, csrf }) {
      const office = await officeOf(ctx, actor);
      try {
        const r = await exportBundle(ctx, { settings: office, ...auditContextOf(req) });
        await reply
          .type('application/json')
          .header('Content-Disposition', `attachment; filename="card-bundle-${r.sequence}.json"`)
          .send(r.text);
        return sent;
      } catch (err) {
        if (!(err instanceof ZoneKeyError)) throw err;
        return { html: await renderDashboard(ctx, req, { actor, csrf, message: outcome('error', err.message) }), status: 503 };
      }
    },
  });
}
