/** What each part of the operations module contributes (its register.ts exports one). */
import type { FastifyInstance } from 'fastify';
import type { CliCommand } from '../../platform/cli-command.js';
import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/jobs.js';

export type OperationsPart = {
  attach?(ctx: AppContext): void;
  register?(app: FastifyInstance, ctx: AppContext): Promise<void> | void;
  jobs?: JobDefinition[];
  commands?: CliCommand[];
};
