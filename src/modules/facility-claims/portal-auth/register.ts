/** Wires the portal-auth part of facility claims into an app, and lists its jobs and CLI commands. */
import type { FastifyInstance } from 'fastify';
import type { CliCommand } from '../../../platform/cli-command.js';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import type { Surfaces } from '../shared/surfaces.js';
import { registerPortalAuthApi } from './api.routes.js';
import { codeMailJob } from './code-mail.job.js';
import { registerPortalAuthPages } from './facility/index.js';
import { purgeChallengesJob } from './purge-challenges.job.js';

/** Facility users' log-in, session and account: always (the portal-only process serves them too); nothing for city staff. */
export function registerPortalAuth(app: FastifyInstance, ctx: AppContext, surfaces: Surfaces): void {
  if (!surfaces.facility) return;
  registerPortalAuthApi(app, ctx);
  registerPortalAuthPages(app, ctx);
}

export const jobs: JobDefinition[] = [codeMailJob as JobDefinition, purgeChallengesJob as JobDefinition];
export const commands: CliCommand[] = [];
