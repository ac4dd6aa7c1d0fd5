/** The citizen flow: the applicant's API and screens (find, fill, save and resume, confirm, submit, follow). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import { registerApplicantApi } from '../submissions/api.routes.js';
import { registerApplyPages } from './index.js';
import { confirmationJob } from '../submissions/confirmation-mail.js';
import { deleteExpiredDraftsJob } from '../submissions/drafts.js';
import { resumeMailJob } from '../submissions/resume-mail.js';

export function registerCitizenFlow(app: FastifyInstance, ctx: AppContext): void {
  registerApplicantApi(app, ctx);
  registerApplyPages(app, ctx);
}

export const jobs: JobDefinition[] = [confirmationJob, resumeMailJob, deleteExpiredDraftsJob] as JobDefinition[];
