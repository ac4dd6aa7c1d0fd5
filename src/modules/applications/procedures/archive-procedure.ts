/**
 * Archives a procedure: citizens no longer find it or apply; its versions stay, since applications
 * keep the version they were filled in. Final (a procedure is not reopened: copy it by export and
 * import instead). Audited.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { findManagedProcedure } from './find-managed-procedure.js';
import { markArchived } from './procedures.repository.js';

type Audit = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

export async function archiveProcedure(ctx: AppContext, actor: StaffActor, procedureId: string, audit: Audit): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const p = await findManagedProcedure(tx, actor, procedureId, { lock: true });
    if (p.archivedAt) return; // archiving twice changes nothing
    const now = ctx.clock.now();
    await markArchived(tx, procedureId, now);
    await recordAudit(
      tx,
      { ...audit, action: 'procedure.archive', departmentId: p.departmentId, recordType: 'procedure', recordId: procedureId },
      now,
    );
  });
}
