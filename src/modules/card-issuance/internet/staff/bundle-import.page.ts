/**
 * POST /staff/card-site/bundle — imports the signed bundle from the internal zone (an upload: the
 * person is authenticated before any of the body is read, withUploads in staff-office.ts).
 */
import type { FastifyInstance } from 'fastify';
import { errors } from '../../../../http/errors.js';
import { definePage } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { readableDepartmentIds } from '../../../staff/index.js';
import { ExchangeFileError } from '../../shared/exchange-file.js';
import { UPLOAD_DEFAULT_MAX_BYTES, uploaded } from '../../staff-office.js';
import { importBundle } from '../import-bundle.js';
import { cardSiteStaffMessages } from './card-site-staff.messages.js';
import { done, refused, renderCardSite } from './card-site.view.js';

/** Declared inside the module's upload scope (withUploads). */
export function registerBundleImportPage(scope: FastifyInstance, ctx: AppContext): void {
  definePage(scope, {
    method: 'POST',
    url: '/staff/card-site/bundle',
    summary: 'Booking-site staff: import the signed bundle from the internal zone',
    auth: 'staff',
    routeConfig: { uploadMaxBytes: UPLOAD_DEFAULT_MAX_BYTES },
    async handler({ req, lang, actor, csrf }) {
      const file = uploaded(req);
      if (!file) throw errors.validation([{ field: 'file', message: cardSiteStaffMessages.text('chooseFile') }]);
      try {
        const r = await importBundle(ctx, {
          text: file.toString('utf8'),
          departmentIds: readableDepartmentIds(actor),
          ...auditContextOf(req),
        });
        const message = done(
          cardSiteStaffMessages.t(lang, 'imported', { sequence: r.sequence, cards: r.cards, deactivated: r.deactivated }),
        );
        return renderCardSite(ctx, req, { actor, csrf, message });
      } catch (err) {
        if (!(err instanceof ExchangeFileError)) throw err;
        return { html: await renderCardSite(ctx, req, { actor, csrf, message: refused(err.text[lang]) }), status: 422 };
      }
    },
  });
}
