/** A feature module plugs into the platform through this shape; src/modules/index.ts lists them. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import type { AnyCliCommand } from './cli-command.js';
import type { JobDefinition } from './jobs.js';
import type { PersonalDataRegister } from './personal-data.js';

export type Module = {
  name: string;
  /**
   * Wires the module into one context, before its server or worker starts: per-context registrations
   * that another module reads (the LINE module gives reservations its notice sender). createContext
   * runs it for every module the process runs, so a worker-only process, the CLI and tests that start
   * a worker without a server get the same wiring as the web process, and a process without the
   * module (the internal zone) gets none.
   */
  attach?(ctx: AppContext): void;
  /** Adds routes (API and pages). */
  register?(app: FastifyInstance, ctx: AppContext): Promise<void> | void;
  jobs?: JobDefinition[];
  /** Commands; a `needsDb: false` one runs without a database (e.g. verifying a file while the system is down). */
  commands?: AnyCliCommand[];
  /** Demo data, run once in demo mode in module order. Must be idempotent. */
  seedDemo?(ctx: AppContext): Promise<void>;
  /** The personal data the module's tables hold (the privacy register, src/platform/personal-data.ts). */
  personalData?: PersonalDataRegister;
};
