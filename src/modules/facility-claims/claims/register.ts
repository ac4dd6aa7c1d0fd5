/**
 * Wires the claims part of facility claims into an app: the facility users' claim screens and API
 * (always — the portal-only process serves them too). No city-staff routes: the city reviews in the
 * review part. No jobs or CLI commands.
 */
import type { FastifyInstance } from 'fastify';
import type { CliCommand } from '../../../platform/cli-command.js';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import type { Surfaces } from '../shared/surfaces.js';
import { registerClaimsApi } from './api.routes.js';
import { registerClaimPages } from './facility/index.js';

export function registerClaims(app: FastifyInstance, ctx: AppContext, surfaces: Surfaces): void {
  if (!surfaces.facility) return;
  registerClaimsApi(app, ctx);
  registerClaimPages(app, ctx);
}

export const jobs: JobDefinition[] = [];
export const commands: CliCommand[] = [];
