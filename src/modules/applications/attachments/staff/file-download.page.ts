/**
 * GET /staff/applications/:id/files/:fileId — an attachment, decrypted, as a download: only for the
 * application's department (404 for anyone else, as for a file that does not exist), every download
 * audited (read-file-for-staff.ts). Sent as an attachment with the type the content was found to be
 * and nosniff, in a sandbox, so a crafted file never runs as a page of this site.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, sent } from '../../../../http/page-route.js';
import type { AppContext } from '../../../../platform/context.js';
import { auditContextOf } from '../../../audit/index.js';
import { inboxDepartmentIds } from '../../applications.policy.js';
import { readFileForStaff } from '../read-file-for-staff.js';

export function registerFileDownloadPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'GET',
    url: '/staff/applications/:id/files/:fileId',
    summary: 'Download an attachment of an application (department only, audited)',
    auth: 'staff',
    params: z.object({ id: z.uuid(), fileId: z.uuid() }),
    allow: (actor) => inboxDepartmentIds(actor).length > 0,
    async handler({ req, reply, actor, params }) {
      const file = await readFileForStaff(ctx, actor, { applicationId: params.id, fileId: params.fileId }, auditContextOf(req));
      await reply
        .type(file.contentType)
        .header('Content-Disposition', contentDisposition(file.filename))
        .header('X-Content-Type-Options', 'nosniff')
        .header('Content-Security-Policy', "sandbox; default-src 'none'")
        .header('Cache-Control', 'no-store')
        .send(file.data);
      return sent;
    },
  });
}

/** `attachment` with an ASCII fallback name and the real (UTF-8) name per RFC 6266 / RFC 8187. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
