/**
 * Every change to a procedure's content goes through here: the change is applied to the draft (created
 * as version N+1 from the published version when there is none, so a published version never
 * changes), the result must pass procedureDefinitionSchema and checkDefinition, and the write is
 * audited in its transaction. The procedure row is locked, so two editors never both create a draft.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import type { ProcedureDefinition } from './definition.js';
import { findManagedProcedure } from './find-managed-procedure.js';
import { parseDefinition } from './parse-definition.js';
import { procedureMessages as pm } from './procedures.messages.js';
import { findNewestVersion, insertVersion, updateDraftDefinition } from './procedures.repository.js';

type Audit = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

/** A change to the definition: returns the new one (unchecked; checked here), or throws a validation error. */
export type DefinitionChange = (current: ProcedureDefinition) => unknown;

export async function editProcedureDraft(
  ctx: AppContext,
  actor: StaffActor,
  procedureId: string,
  change: DefinitionChange,
  audit: Audit & { what: string },
): Promise<{ version: number; definition: ProcedureDefinition }> {
  return ctx.db.transaction(async (tx) => {
    const p = await findManagedProcedure(tx, actor, procedureId, { lock: true });
    if (p.archivedAt) throw errors.conflict('procedure_archived', pm.text('archived'));
    const newest = await findNewestVersion(tx, procedureId);
    if (!newest) throw errors.notFound();
    // structuredClone: a change may mutate what it is given without touching the stored copy
    const definition = parseDefinition(change(structuredClone(newest.definition)));
    const now = ctx.clock.now();
    let version = newest.version;
    if (newest.publishedAt) {
      version = newest.version + 1;
      await insertVersion(tx, { procedureId, version, definition, createdBy: actor.id, now });
    } else await updateDraftDefinition(tx, procedureId, version, definition);
    await recordAudit(
      tx,
      {
        actor: audit.actor,
        clientIp: audit.clientIp,
        requestId: audit.requestId,
        action: 'procedure.update',
        departmentId: p.departmentId,
        recordType: 'procedure',
        recordId: procedureId,
        detail: { version, change: audit.what },
      },
      now,
    );
    return { version, definition };
  });
}
