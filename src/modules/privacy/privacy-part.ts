/** What each part of the privacy module contributes (its register.ts exports a factory of one). */
import type { FastifyInstance } from 'fastify';
import type { AnyCliCommand } from '../../platform/cli-command.js';
import type { AppContext } from '../../platform/context.js';
import type { JobDefinition } from '../../platform/jobs.js';
import type { PersonalDataRegister } from '../../platform/personal-data.js';

/** Every module's register, as the process knows it (all modules, whichever zone this process serves). */
export type RegisterSource = () => readonly PersonalDataRegister[];

export type PrivacyPart = {
  register?(app: FastifyInstance, ctx: AppContext): Promise<void> | void;
  jobs?: JobDefinition[];
  commands?: AnyCliCommand[];
};
