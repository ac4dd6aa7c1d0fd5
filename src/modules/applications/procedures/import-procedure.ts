/**
 * Imports a shared procedure file (madoguchi.procedure/1) into one of the person's departments as a
 * new draft procedure. The file is checked like any edit (schema and cross-field rules); a refusal
 * lists every problem with its path in the file. Audited.
 */
import type { StaffActor } from '../../../http/actor.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { assertCan } from '../applications.policy.js';
import { parseDefinitionFile } from './parse-definition.js';
import { insertProcedure, insertVersion } from './procedures.repository.js';

type Audit = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

export async function importProcedure(
  ctx: AppContext,
  actor: StaffActor,
  departmentId: string,
  file: Buffer,
  audit: Audit,
): Promise<string> {
  assertCan(actor, 'manage-procedures', departmentId);
  const definition = parseDefinitionFile(file);
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    const id = await insertProcedure(tx, { departmentId, createdBy: actor.id, now });
    await insertVersion(tx, { procedureId: id, version: 1, definition, createdBy: actor.id, now });
    await recordAudit(tx, { ...audit, action: 'procedure.import', departmentId, recordType: 'procedure', recordId: id }, now);
    return id;
  });
}
