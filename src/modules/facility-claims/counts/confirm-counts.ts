/**
 * A facility user confirms the month's imported counts (確認しました). The facility is the session's; a month
 * without counts for it is a 404, like another facility's. When the page sent the import it showed and the
 * counts were imported again since, the confirmation is refused (the person has not seen the new numbers).
 */
import type { FastifyRequest } from 'fastify';
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordAudit } from '../../audit/index.js';
import { facilityAuditContext, type FacilityActor } from '../shared/facility-session.js';
import { reviewDepartmentId } from '../shared/facility-profile.js';
import { countMessages as m } from './counts.messages.js';
import { monthDate } from './read-counts.js';

export async function confirmCounts(
  ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
  req: FastifyRequest,
  actor: FacilityActor,
  o: { month: string; importId?: string },
): Promise<{ status: 'confirmed'; importId: string }> {
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const r = await tx.query<{ import_id: string }>(
      'SELECT import_id FROM fc_count_reviews WHERE facility_id = $1 AND month = $2 FOR UPDATE',
      [actor.facilityId, monthDate(o.month)],
    );
    const review = r.rows[0];
    if (!review) throw errors.notFound();
    if (o.importId && o.importId !== review.import_id) throw errors.validation([{ field: 'importId', message: m.text('review.stale') }]);
    await tx.query(
      `UPDATE fc_count_reviews SET status = 'confirmed', updated_by_user = $3, updated_by_staff = NULL, updated_at = $4
        WHERE facility_id = $1 AND month = $2`,
      [actor.facilityId, monthDate(o.month), actor.userId, now],
    );
    await recordAudit(
      tx,
      {
        ...facilityAuditContext(req, actor),
        action: 'facility.counts.confirm',
        departmentId: await reviewDepartmentId(tx, ctx.config),
        recordType: 'fc_count_import',
        recordId: review.import_id,
        detail: { facilityId: actor.facilityId, month: o.month },
      },
      now,
    );
    return { status: 'confirmed' as const, importId: review.import_id };
  });
}
