/**
 * Audit module: the append-only, hash-chained record of staff operations and of every staff view
 * of personal data. Other modules call recordAudit inside the transaction of the change they audit.
 */
export { recordAudit, auditContextOf, type AuditEvent, type AuditActor } from './record-audit.js';
