/**
 * Who may read a service's sensitive answers (要配慮個人情報): the roles of its department listed in
 * `rsv_services.sensitive_readers` (migration 0055), set by the department's administrators (404 for
 * another department's service, 403 for its other staff). Audited 'privacy.sensitive_readers_changed'
 * with the roles before and after, in the transaction of the change (the row is locked, so two
 * administrators saving at once record the true before); saving the same roles again writes nothing.
 */
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { AppContext } from '../../platform/context.js';
import { type AuditEvent, recordAudit } from '../audit/index.js';
import { assertCan, SENSITIVE_READER_ROLES, type SensitiveReaderRole } from './reservations.policy.js';
import { isUuid } from './services.repository.js';

export async function setServiceSensitiveReaders(
  ctx: AppContext,
  actor: Pick<StaffActor, 'memberships'>,
  serviceId: string,
  readers: readonly SensitiveReaderRole[],
  audit: Pick<AuditEvent, 'actor' | 'clientIp' | 'requestId'>,
): Promise<{ changed: boolean }> {
  // in a fixed order, so the same choice always compares (and is stored) the same
  const next = SENSITIVE_READER_ROLES.filter((r) => readers.includes(r));
  if (!isUuid(serviceId)) throw errors.notFound();
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ departmentId: string; readers: string[] }>(
      `SELECT department_id::text AS "departmentId", sensitive_readers AS readers FROM rsv_services
        WHERE id = $1 AND kind <> 'card_pickup' FOR UPDATE`,
      [serviceId],
    );
    const sv = r.rows[0];
    if (!sv) throw errors.notFound();
    assertCan(actor, 'manage-services', sv.departmentId);
    const before = SENSITIVE_READER_ROLES.filter((x) => sv.readers.includes(x));
    if (before.join() === next.join()) return { changed: false };
    await tx.query('UPDATE rsv_services SET sensitive_readers = $2::text[], updated_at = $3 WHERE id = $1', [
      serviceId,
      next,
      ctx.clock.now(),
    ]);
    await recordAudit(
      tx,
      {
        ...audit,
        action: 'privacy.sensitive_readers_changed',
        departmentId: sv.departmentId,
        recordType: 'reservation_service',
        recordId: serviceId,
        detail: { before, after: next },
      },
      ctx.clock.now(),
    );
    return { changed: true };
  });
}
