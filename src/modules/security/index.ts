/**
 * Security module: database-backed throttling (hitThrottle), security events for administrators
 * (recordSecurityEvent, list, acknowledge), per-minute counts for the intrusion detectors
 * (countSecurityHit) and network allow-lists (isAddressAllowed).
 * Pages that show events live in the staff module (they need the staff shell).
 */
import { z } from 'zod';
import { defineJob } from '../../platform/jobs.js';
import type { Module } from '../../platform/module.js';
import { sweepSecurityCounts } from './security-counts.js';
import { sweepThrottleCounters } from './throttle.js';
import { securityPersonalData } from './personal-data.js';

export { hitThrottle, peekThrottle, windowStartOf } from './throttle.js';
export { countSecurityHit, type SecurityCountSource } from './security-counts.js';
export {
  recordSecurityEvent,
  listSecurityEvents,
  getSecurityEvent,
  acknowledgeSecurityEvent,
  type SecurityEvent,
} from './security-events.js';
export { isAddressAllowed } from './cidr.js';
export { eventKindLabel, severityLabel } from './event-labels.js';
export { alertScopeOf, canReadSecurityEvents } from './security.policy.js';

export const securityModule: Module = {
  name: 'security',
  personalData: securityPersonalData,
  jobs: [
    defineJob({
      queue: 'security.sweep-throttle-counters',
      payload: z.object({}).passthrough(),
      everySeconds: 3600,
      async handler(ctx, tx) {
        await sweepThrottleCounters(tx, ctx.clock.now());
        await sweepSecurityCounts(tx, ctx.clock.now());
      },
    }),
  ],
};
