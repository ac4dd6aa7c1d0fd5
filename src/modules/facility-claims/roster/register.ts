/**
 * Wires the roster part of facility claims into an app, and lists its jobs and CLI commands.
 *
 * The staff roster (職員名簿), entered once: facility users keep it (API and portal screens, both only
 * for their own facility); other parts read it through `rosterAsOf` (roster-as-of.ts), `staffingSummary`
 * (staffing.ts) and `staffLinesForForms` (staff-lines.ts). It has no city-staff routes.
 */
import type { FastifyInstance } from 'fastify';
import type { CliCommand } from '../../../platform/cli-command.js';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import type { Surfaces } from '../shared/surfaces.js';
import { registerRosterApi } from './api.routes.js';
import { registerRosterPages } from './facility/index.js';

export function registerRoster(app: FastifyInstance, ctx: AppContext, surfaces: Surfaces): void {
  if (!surfaces.facility) return;
  registerRosterApi(app, ctx);
  registerRosterPages(app, ctx);
}

export const jobs: JobDefinition[] = [];
export const commands: CliCommand[] = [];
