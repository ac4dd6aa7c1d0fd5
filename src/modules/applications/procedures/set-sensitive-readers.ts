/**
 * Who may read a procedure's sensitive answers (要配慮個人情報): the roles of its department listed in
 * `app_procedures.sensitive_readers` (migration 0055), set by the department's administrators (404 for
 * another department's procedure, 403 for its other staff). Not part of the versioned definition: it
 * applies at once, to the applications of every version. Audited 'privacy.sensitive_readers_changed'
 * with the roles before and after; saving the same roles again writes nothing.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { type AuditEvent, recordAudit } from '../../audit/index.js';
import { SENSITIVE_READER_ROLES, type SensitiveReaderRole } from '../applications.policy.js';
import { findManagedProcedure } from './find-managed-procedure.js';
import { updateSensitiveReaders } from './procedures.repository.js';

export async function setProcedureSensitiveReaders(
  ctx: AppContext,
  actor: Pick<StaffActor, 'memberships'>,
  procedureId: string,
  readers: readonly SensitiveReaderRole[],
  audit: Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
): Promise<{ changed: boolean }> {
  // in a fixed order, so the same choice always compares (and is stored) the same
  const next = SENSITIVE_READER_ROLES.filter((r) => readers.includes(r));
  return ctx.db.transaction(async (tx) => {
    const p = await findManagedProcedure(tx, actor, procedureId, { lock: true });
    const before = SENSITIVE_READER_ROLES.filter((r) => p.sensitiveReaders.includes(r));
    if (before.join() === next.join()) return { changed: false };
    await updateSensitiveReaders(tx, p.id, next);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'privacy.sensitive_readers_changed',
        departmentId: p.departmentId,
        recordType: 'procedure',
        recordId: p.id,
        detail: { before, after: next },
      },
      ctx.clock.now(),
    );
    return { changed: true };
  });
}
