/**
 * The detection part of the operations module: intrusion detectors run by a job every minute, alerts
 * mailed to the security administrators (a few at once, the rest in a digest), the alerts page with its
 * menu entry, and the 5xx counter of each web process.
 */
import { registerStaffNav } from '../../staff/index.js';
import type { OperationsPart } from '../shared-part.js';
import { alertMailJob } from './alert-mail.job.js';
import { installServerErrorCounter } from './count-server-errors.js';
import { detectIntrusionsJob } from './detect-intrusions.job.js';
import { detectionMessages } from './detection.messages.js';
import { canReadAlerts } from './detection.policy.js';
import { ALERTS_NAV_KEY, registerAlertsPage } from './staff/alerts.page.js';

export const detectionPart: OperationsPart = {
  register(app, ctx) {
    installServerErrorCounter(app, ctx);
    // the facility portal's DMZ process serves no staff pages
    if (ctx.config.facility.portalOnly) return;
    registerAlertsPage(app, ctx);
    registerStaffNav(app, {
      key: ALERTS_NAV_KEY,
      href: '/staff/alerts',
      label: detectionMessages.text('navLabel'),
      visible: canReadAlerts,
      order: 52,
    });
  },
  jobs: [detectIntrusionsJob, alertMailJob],
};
