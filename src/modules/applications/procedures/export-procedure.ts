/**
 * A procedure as a shared JSON file: the definition only (format madoguchi.procedure/1) — no
 * department, procedure id, staff or application data — so another city can import it. Audited.
 */
import type { StaffActor } from '../../../http/actor.js';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit, type AuditEvent } from '../../audit/index.js';
import { procedureDefinitionSchema } from './definition.js';
import { findManagedProcedure } from './find-managed-procedure.js';
import { procedureMessages as pm } from './procedures.messages.js';
import { findNewestVersion, findVersion } from './procedures.repository.js';

type Audit = Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>;

/** The file's contents and a name for it (`procedure-<id prefix>-v<version>.json`). */
export async function exportProcedure(
  ctx: AppContext,
  actor: StaffActor,
  procedureId: string,
  version: number | undefined,
  audit: Audit,
): Promise<{ filename: string; json: string }> {
  return ctx.db.transaction(async (tx) => {
    const p = await findManagedProcedure(tx, actor, procedureId);
    const v = version === undefined ? await findNewestVersion(tx, procedureId) : await findVersion(tx, procedureId, version);
    if (!v) throw errors.notFound(pm.text('noSuchVersion'));
    // parse: only the definition's own keys leave (a stored row never holds more, but the file is a contract)
    const definition = procedureDefinitionSchema.parse(v.definition);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'procedure.export',
        departmentId: p.departmentId,
        recordType: 'procedure',
        recordId: procedureId,
        detail: { version: v.version },
      },
      ctx.clock.now(),
    );
    return { filename: `procedure-${procedureId.slice(0, 8)}-v${v.version}.json`, json: `${JSON.stringify(definition, null, 2)}\n` };
  });
}
