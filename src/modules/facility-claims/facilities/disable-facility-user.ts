/** Disables a facility user (no more log-ins; no longer counted against the two per facility) and ends their sessions. Audited. */
import type { AppContext } from '../../../platform/context.js';
import { assertMay, auditFacilityChange, endUserAccess, lockFacilityUser, type Acting } from './facility-admin.js';

export async function disableFacilityUser(ctx: AppContext, by: Acting, facilityId: string, userId: string): Promise<{ loginId: string }> {
  assertMay(ctx, by, 'manage-facilities');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const user = await lockFacilityUser(tx, facilityId, userId);
    // Disabling twice changes nothing: no second record.
    if (user.status === 'disabled') return { loginId: user.login_id };
    await tx.query(`UPDATE fc_users SET status = 'disabled', updated_at = $2 WHERE id = $1`, [userId, now]);
    const ended = await endUserAccess(tx, userId, now);
    await auditFacilityChange(
      tx,
      ctx,
      by,
      {
        action: 'facility.user.disable',
        recordType: 'fc_user',
        recordId: userId,
        detail: { facilityId, sessionsEnded: ended.sessions, challengesSuperseded: ended.challenges },
      },
      now,
    );
    return { loginId: user.login_id };
  });
}
