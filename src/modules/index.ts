/** Feature modules, in order. Each plugs routes, jobs and demo data into the platform. */
import type { Config } from '../config.js';
import type { Module } from '../platform/module.js';
import { securityModule } from './security/index.js';
import { staffModule } from './staff/index.js';
import { auditModule } from './audit/index.js';
import { reservationsModule } from './reservations/index.js';
import { lineModule } from './line/index.js';
import { cardIssuanceModule } from './card-issuance/index.js';
import { demoModule } from './demo/index.js';
import { applicationsModule } from './applications/index.js';
import { facilityClaimsModule } from './facility-claims/index.js';
import { operationsModule } from './operations/index.js';
import { createPrivacyModule } from './privacy/index.js';

const featureModules: Module[] = [
  securityModule,
  staffModule,
  auditModule,
  reservationsModule,
  lineModule,
  cardIssuanceModule,
  applicationsModule,
  facilityClaimsModule,
  operationsModule,
];

/** Every module's personal data register (the privacy module reads them; the demo module holds none of its own). */
export const personalDataRegisters = () => [...featureModules, demoModule].flatMap((m) => (m.personalData ? [m.personalData] : []));

const privacyModule = createPrivacyModule(personalDataRegisters);

export const modules: Module[] = [...featureModules, privacyModule];

/**
 * The modules a process runs. An internal-zone process (MADOGUCHI_CARD_ZONE=internal) sits on the
 * isolated network: it runs only staff, audit, security and card issuance, so nothing in it serves
 * citizens, sends mail or LINE messages, or opens any outbound connection. A demo process also runs
 * the demo module. Every process runs operations (metrics, and the backup and detection jobs, which
 * send no mail from the internal zone).
 */
export function modulesFor(config: Pick<Config, 'cardZone'> & Partial<Pick<Config, 'env' | 'facility'>>): Module[] {
  // The facility portal's DMZ process (MADOGUCHI_FACILITY_PORTAL_ONLY) serves facility users and their log-in only.
  const zone =
    config.cardZone === 'internal'
      ? [securityModule, staffModule, auditModule, cardIssuanceModule, operationsModule, privacyModule]
      : config.facility?.portalOnly
        ? [securityModule, facilityClaimsModule, operationsModule]
        : modules;
  // Demo-only pages (the mailbox) exist only in a demo process, never in test or production.
  // The portal-only process faces the internet: not even the loopback-only mailbox exists there.
  return config.env === 'demo' && !config.facility?.portalOnly ? [...zone, demoModule] : zone;
}
