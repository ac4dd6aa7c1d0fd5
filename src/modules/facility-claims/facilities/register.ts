/**
 * Wires the facilities part of facility claims into an app, and lists its jobs and CLI commands: the
 * facility master and its users, kept by the city (the staff screens and API exist only in a process
 * with staff surfaces; the portal-only DMZ process has none of them).
 */
import type { FastifyInstance } from 'fastify';
import type { CliCommand } from '../../../platform/cli-command.js';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import { registerStaffNav } from '../../staff/index.js';
import { canFacility } from '../facility.policy.js';
import type { Surfaces } from '../shared/surfaces.js';
import { registerFacilityApi } from './api.routes.js';
import { facilityCommands } from './facilities.cli.js';
import { facilitiesMessages } from './facilities.messages.js';
import { registerFacilityPages } from './staff/index.js';
import { NAV_KEY } from './staff/facility-form.view.js';

export function registerFacilities(app: FastifyInstance, ctx: AppContext, surfaces: Surfaces): void {
  // Nothing of this part faces a facility user: the master is the city's.
  if (!surfaces.staff) return;
  registerStaffNav(app, {
    key: NAV_KEY,
    href: '/staff/facilities',
    label: facilitiesMessages.text('navLabel'),
    visible: (actor) => canFacility(actor, 'view', ctx.config),
    order: 60,
  });
  registerFacilityPages(app, ctx);
  registerFacilityApi(app, ctx);
}

export const jobs: JobDefinition[] = [];
export const commands: CliCommand[] = facilityCommands;
