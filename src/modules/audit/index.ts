/**
 * Audit module: the append-only, hash-chained record of staff operations and of every staff view
 * of personal data. Other modules call recordAudit inside the transaction of the change they audit.
 *
 * - `recordAudit(tx, event, now)`: appends one entry in the caller's transaction; returns its seq.
 * - `auditContextOf(req)`: actor, client address and request id of a staff request.
 * - `verifyAuditChain(db, options)`: walks and checks the chain of any database (a restored backup's too).
 * - `auditModule`: the staff screen and API (/staff/audit, /api/v1/staff/audit…), the periodic
 *   checkpoint job and the `madoguchi audit …` commands.
 */
import type { Module } from '../../platform/module.js';
import { auditCommands } from './audit.cli.js';
import { registerAuditRoutes } from './audit.routes.js';
import { auditCheckpointJob, auditCheckpointMailJob } from './checkpoint.job.js';
import { auditPersonalData } from './personal-data.js';

export { recordAudit, auditContextOf, type AuditEvent, type AuditActor } from './record-audit.js';
export { verifyAuditChain } from './verify-audit-chain.js';

export const auditModule: Module = {
  name: 'audit',
  register(app, ctx) {
    registerAuditRoutes(app, ctx);
  },
  jobs: [auditCheckpointJob, auditCheckpointMailJob],
  commands: auditCommands,
  personalData: auditPersonalData,
};
