/** Clears a facility user's log-in lockout (failed attempts and the lock's end). Audited. */
import type { AppContext } from '../../../platform/context.js';
import { assertMay, auditFacilityChange, lockFacilityUser, type Acting } from './facility-admin.js';

export async function unlockFacilityUser(ctx: AppContext, by: Acting, facilityId: string, userId: string): Promise<{ loginId: string }> {
  assertMay(ctx, by, 'manage-facilities');
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const user = await lockFacilityUser(tx, facilityId, userId);
    await tx.query('UPDATE fc_users SET failed_logins = 0, locked_until = NULL, updated_at = $2 WHERE id = $1', [userId, now]);
    await auditFacilityChange(
      tx,
      ctx,
      by,
      { action: 'facility.user.unlock', recordType: 'fc_user', recordId: userId, detail: { facilityId } },
      now,
    );
    return { loginId: user.login_id };
  });
}
