/**
 * Wires the review part of facility claims into an app: the facility users' printing of their approved
 * forms (always), and — only where city staff are served (not in the portal-only DMZ process) — the
 * review screens, the staff API and the menu entry 施設給付の審査.
 */
import type { FastifyInstance } from 'fastify';
import type { CliCommand } from '../../../platform/cli-command.js';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import { registerStaffNav } from '../../staff/index.js';
import { canFacility } from '../facility.policy.js';
import type { Surfaces } from '../shared/surfaces.js';
import { registerReviewApi } from './api.routes.js';
import { registerFacilityPrintPage } from './facility/print.page.js';
import { reviewMessages } from './review.messages.js';
import { registerReviewPages } from './staff/index.js';
import { NAV_KEY } from './staff/review.view.js';

export function registerReview(app: FastifyInstance, ctx: AppContext, surfaces: Surfaces): void {
  if (surfaces.facility) registerFacilityPrintPage(app, ctx);
  if (!surfaces.staff) return;
  registerStaffNav(app, {
    key: NAV_KEY,
    href: '/staff/facility-claims',
    label: reviewMessages.text('navLabel'),
    order: 62,
    visible: (actor) => canFacility(actor, 'view', ctx.config),
  });
  registerReviewPages(app, ctx);
  registerReviewApi(app, ctx);
}

export const jobs: JobDefinition[] = [];
export const commands: CliCommand[] = [];
