/** POST /staff/department — the department switcher in the staff header (among the person's memberships, else 404). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { definePage, redirect } from '../../../http/page-route.js';
import type { AppContext } from '../../../platform/context.js';
import { switchDepartment } from '../staff-session.js';
import { switchDepartmentBody } from '../staff.schemas.js';
import { safeNext } from './staff-pages.view.js';

export function registerSwitchDepartmentPage(app: FastifyInstance, ctx: AppContext): void {
  definePage(app, {
    method: 'POST',
    url: '/staff/department',
    summary: 'Switch the current department and return to the page',
    auth: 'staff',
    body: switchDepartmentBody.extend({ back: z.string().max(500).optional() }),
    async handler({ actor, body }) {
      await switchDepartment(ctx, actor, body.departmentId);
      return redirect(safeNext(body.back));
    },
  });
}
