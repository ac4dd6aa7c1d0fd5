/** Wires the counts part of facility claims into an app, and lists its jobs and CLI commands. */
import type { FastifyInstance } from 'fastify';
import type { CliCommand } from '../../../platform/cli-command.js';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import type { Surfaces } from '../shared/surfaces.js';
import { registerFacilityCountApi, registerStaffCountApi } from './api.routes.js';
import { countCommands } from './counts.cli.js';
import { registerFacilityCountPages } from './facility/index.js';
import { registerStaffCountPages } from './staff/index.js';

export function registerCounts(app: FastifyInstance, ctx: AppContext, surfaces: Surfaces): void {
  if (surfaces.facility) {
    registerFacilityCountPages(app, ctx);
    registerFacilityCountApi(app, ctx);
  }
  if (surfaces.staff) {
    registerStaffCountPages(app, ctx);
    registerStaffCountApi(app, ctx);
  }
}

export const jobs: JobDefinition[] = [];
export const commands: CliCommand[] = countCommands;
