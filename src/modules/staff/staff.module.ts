/** The staff module's registration: authenticator, routes, CLI commands and demo data. */
import type { Module } from '../../platform/module.js';
import { registerStaffAuthenticator } from './authenticator.js';
import { staffCommands } from './staff.cli.js';
import { registerStaffPages } from './staff.pages.js';
import { registerStaffApi } from './staff.routes.js';
import { seedStaffDemo } from './seed-demo.js';
import { staffPersonalData } from './personal-data.js';

export const staffModule: Module = {
  name: 'staff',
  register(app, ctx) {
    registerStaffAuthenticator(app, ctx);
    registerStaffApi(app, ctx);
    registerStaffPages(app, ctx);
  },
  commands: staffCommands,
  seedDemo: seedStaffDemo,
  personalData: staffPersonalData,
};
