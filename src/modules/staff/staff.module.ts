/** The staff module's registration: routes, CLI commands and demo data. */
import type { Module } from '../../platform/module.js';

export const staffModule: Module = {
  name: 'staff',
};
