/** City staff set a new password for a facility user (checked by the policy); the user's sessions and open log-ins end. Audited. */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { assertMay, auditFacilityChange, endUserAccess, lockFacilityUser, type Acting } from './facility-admin.js';
import { acceptedPasswordHash } from './facility-user-password.js';

export async function resetFacilityUserPassword(
  ctx: AppContext,
  by: Acting,
  facilityId: string,
  userId: string,
  password: string,
): Promise<{ loginId: string }> {
  assertMay(ctx, by, 'manage-facilities');
  const r = await ctx.db.query<{ login_id: string; display_name_enc: string }>(
    'SELECT login_id, display_name_enc FROM fc_users WHERE id = $1 AND facility_id = $2',
    [userId, facilityId],
  );
  const who = r.rows[0];
  if (!who) throw errors.notFound();
  // the policy refuses a password built from the log-in id or the name; hashing stays outside the transaction
  const hash = await acceptedPasswordHash(password, {
    loginId: who.login_id,
    displayName: ctx.crypto.decrypt(who.display_name_enc, FC_CRYPTO.userDisplayName),
  });
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const user = await lockFacilityUser(tx, facilityId, userId);
    await tx.query('UPDATE fc_users SET password_hash = $2, updated_at = $3 WHERE id = $1', [userId, hash, now]);
    const ended = await endUserAccess(tx, userId, now);
    await auditFacilityChange(
      tx,
      ctx,
      by,
      {
        action: 'facility.user.password_reset',
        recordType: 'fc_user',
        recordId: userId,
        detail: { facilityId, sessionsEnded: ended.sessions, challengesSuperseded: ended.challenges },
      },
      now,
    );
    return { loginId: user.login_id };
  });
}
