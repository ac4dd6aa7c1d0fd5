/** A feature module plugs into the platform through this shape; src/modules/index.ts lists them. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import type { CliCommand } from './cli-command.js';
import type { JobDefinition } from './jobs.js';

export type Module = {
  name: string;
  /** Adds routes (API and pages). */
  register?(app: FastifyInstance, ctx: AppContext): Promise<void> | void;
  jobs?: JobDefinition[];
  commands?: CliCommand[];
  /** Demo data, run once in demo mode in module order. Must be idempotent. */
  seedDemo?(ctx: AppContext): Promise<void>;
};
