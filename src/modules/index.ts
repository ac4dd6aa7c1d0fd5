/** Feature modules, in order. Each plugs routes, jobs and demo data into the platform. */
import type { Module } from '../platform/module.js';
import { securityModule } from './security/index.js';
import { staffModule } from './staff/index.js';
import { auditModule } from './audit/index.js';
import { reservationsModule } from './reservations/index.js';
import { lineModule } from './line/index.js';
import { cardIssuanceModule } from './card-issuance/index.js';

export const modules: Module[] = [securityModule, staffModule, auditModule, reservationsModule, lineModule, cardIssuanceModule];
