/**
 * Demo-only pages, registered only when MADOGUCHI_ENV=demo (see modulesFor): the demo mailbox at
 * /demo/mailbox (mailbox.page.ts), which answers only a browser on this machine.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { Module } from '../../platform/module.js';
import { registerMailboxPage } from './mailbox.page.js';
import { demoPersonalData } from './personal-data.js';

export const demoModule: Module = {
  name: 'demo',
  register: (app: FastifyInstance, _ctx: AppContext) => registerMailboxPage(app),
  personalData: demoPersonalData,
};
