/**
 * Publishes the draft: it becomes the version citizens fill in, and never changes again (the next
 * edit starts version N+1). Checked once more as a whole; a procedure with a fee needs a payment
 * provider (PAYMENT_PROVIDER other than 'none'), or citizens could not pay.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { findManagedProcedure } from './find-managed-procedure.js';
import { parseDefinition } from './parse-definition.js';
import { procedureMessages as pm } from './procedures.messages.js';
import { findNewestVersion, markPublished } from './procedures.repository.js';

type Audit = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

export async function publishProcedure(ctx: AppContext, actor: StaffActor, procedureId: string, audit: Audit): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const p = await findManagedProcedure(tx, actor, procedureId, { lock: true });
    if (p.archivedAt) throw errors.conflict('procedure_archived', pm.text('archived'));
    const draft = await findNewestVersion(tx, procedureId);
    if (!draft || draft.publishedAt) throw errors.conflict('procedure_not_draft', pm.text('nothingToPublish'));
    const definition = parseDefinition(draft.definition);
    if (definition.fee && ctx.config.payments.provider === 'none')
      throw errors.validation([{ field: 'fee', message: pm.text('feeNeedsProvider') }]);
    const now = ctx.clock.now();
    await markPublished(tx, procedureId, draft.version, now);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'procedure.publish',
        departmentId: p.departmentId,
        recordType: 'procedure',
        recordId: procedureId,
        detail: { version: draft.version },
      },
      now,
    );
    return draft.version;
  });
}
