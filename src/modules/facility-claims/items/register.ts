/**
 * Wires the items part of facility claims into an app: the facility's items page and API (facility users,
 * always registered — the portal-only process serves them too). Items have no city-staff routes: the city
 * sees them in the addition applications the claims part builds.
 */
import type { FastifyInstance } from 'fastify';
import type { CliCommand } from '../../../platform/cli-command.js';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import type { Surfaces } from '../shared/surfaces.js';
import { registerItemsApi } from './api.routes.js';
import { registerItemsPages } from './facility/items.page.js';

export function registerItems(app: FastifyInstance, ctx: AppContext, surfaces: Surfaces): void {
  if (!surfaces.facility) return;
  registerItemsApi(app, ctx);
  registerItemsPages(app, ctx);
}

export const jobs: JobDefinition[] = [];
export const commands: CliCommand[] = [];
