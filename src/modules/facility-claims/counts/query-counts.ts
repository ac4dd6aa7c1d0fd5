/**
 * A facility user queries the month's counts (照会): a message to the city, which the enrolment division
 * answers. Any state may be queried (a number can look wrong after confirming); a new query replaces the
 * open one and clears the earlier answer. The message is never put in the audit record (only its length).
 */
import type { FastifyRequest } from 'fastify';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../audit/index.js';
import { facilityAuditContext, type FacilityActor } from '../shared/facility-session.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { monthDate } from './read-counts.js';

export async function queryCounts(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config' | 'crypto'>,
  req: FastifyRequest,
  actor: FacilityActor,
  o: { month: string; message: string },
): Promise<{ status: 'queried'; importId: string }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ import_id: string }>(
      `UPDATE fc_count_reviews SET status = 'queried', query_text_enc = $3, answer_text_enc = NULL, updated_by_user = $4, updated_by_staff = NULL,
              updated_at = $5
        WHERE facility_id = $1 AND month = $2 RETURNING import_id`,
      [actor.facilityId, monthDate(o.month), ctx.crypto.encrypt(o.message, FC_CRYPTO.countQuery), actor.userId, now],
    );
    const review = r.rows[0];
    if (!review) throw errors.notFound();
    await recordAudit(
      tx,
      {
        ...facilityAuditContext(req, actor),
        action: 'facility.counts.query',
        departmentId: await reviewDepartmentId(tx, ctx.config),
        recordType: 'fc_count_import',
        recordId: review.import_id,
        detail: { facilityId: actor.facilityId, month: o.month, length: o.message.length },
      },
      now,
    );
    return { status: 'queried' as const, importId: review.import_id };
  });
}
