/**
 * The department inbox (受付一覧): staff screens, the staff API, the status notices to the citizen and
 * the retention erasure. Other parts use `retentionDeadline` (retention.ts) when they close an
 * application and `enqueueStatusNotice` (status-notice.ts) to tell the citizen of a change they made.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import { registerStaffNav } from '../../staff/index.js';
import { inboxDepartmentIds } from '../applications.policy.js';
import { registerInboxApi } from './api.routes.js';
import { retentionJob } from './erase-expired-applications.js';
import { inboxMessages } from './inbox.messages.js';
import { registerInboxPages } from './staff/index.js';
import { NAV_KEY } from './staff/inbox.view.js';
import { statusNoticeJob } from './status-notice.js';

export function registerInbox(app: FastifyInstance, ctx: AppContext): void {
  // every member of a department may receive applications; a payment_admin-only account opens no inbox
  registerStaffNav(app, {
    key: NAV_KEY,
    href: '/staff/applications',
    label: inboxMessages.text('navLabel'),
    order: 20,
    visible: (actor) => inboxDepartmentIds(actor).length > 0,
  });
  registerInboxPages(app, ctx);
  registerInboxApi(app, ctx);
}

export const jobs: JobDefinition[] = [statusNoticeJob, retentionJob];
