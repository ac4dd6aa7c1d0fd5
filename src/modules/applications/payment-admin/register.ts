/** Routes and pages of this part of the applications module (filled in by its owner). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../platform/context.js';
import type { JobDefinition } from '../../../platform/jobs.js';

export function registerPaymentAdmin(_app: FastifyInstance, _ctx: AppContext): void {}

export const jobs: JobDefinition[] = [];
