/**
 * E-applications module (電子申請): procedures built by departments as versioned forms, the citizen
 * flow (fill, save and resume, confirm, submit, status, correction), attachments, fees paid on a
 * provider's hosted page with reconciliation, payment administration, and the department inbox.
 */
import type { Module } from '../../platform/module.js';
import { jobs as attachmentJobs, registerAttachments } from './attachments/register.js';
import { jobs as citizenJobs, registerCitizenFlow } from './citizen/register.js';
import { seedApplicationsDemo } from './demo/seed-demo.js';
import { jobs as inboxJobs, registerInbox } from './inbox/register.js';
import { jobs as paymentAdminJobs, registerPaymentAdmin } from './payment-admin/register.js';
import { jobs as paymentJobs, registerPayments } from './payments/register.js';
import { jobs as procedureJobs, registerProcedures } from './procedures/register.js';
import { applicationsPersonalData } from './personal-data.js';

/** The states an application can be in (the metrics count each, 0 when none). */
export { APPLICATION_STATUSES } from './application-status.js';

export const applicationsModule: Module = {
  name: 'applications',
  register(app, ctx) {
    registerProcedures(app, ctx);
    registerAttachments(app, ctx);
    registerCitizenFlow(app, ctx);
    registerPayments(app, ctx);
    registerPaymentAdmin(app, ctx);
    registerInbox(app, ctx);
  },
  seedDemo: seedApplicationsDemo,
  jobs: [...procedureJobs, ...attachmentJobs, ...citizenJobs, ...paymentJobs, ...paymentAdminJobs, ...inboxJobs],
  personalData: applicationsPersonalData,
};
