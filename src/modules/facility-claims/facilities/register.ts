/** Wires the facilities part of facility claims into an app, and lists its jobs and CLI commands. */
import type { FastifyInstance } from 'fastify';
import type { CliCommand } from '../../../platform/cli-command.js';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';
import type { Surfaces } from '../shared/surfaces.js';

export function registerFacilities(_app: FastifyInstance, _ctx: AppContext, _surfaces: Surfaces): void {}

export const jobs: JobDefinition[] = [];
export const commands: CliCommand[] = [];
