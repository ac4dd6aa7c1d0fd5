/**
 * Changes a facility user's address, from the facility's new written notification (city staff only:
 * no facility route can change it). Everything the old address could still be used for ends: the
 * user's sessions and their open log-in challenges (status 'superseded'). Audited with the
 * notification's date and reference.
 */
import { errors } from '../../../http/errors.js';
import { parseOrThrow } from '../../../http/validation.js';
import type { AppContext } from '../../../platform/context.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { assertNotFuture } from './create-facility-user.js';
import { facilitiesMessages } from './facilities.messages.js';
import { changeEmailBody, type ChangeEmailInput } from './facilities.schemas.js';
import { assertMay, auditFacilityChange, endUserAccess, lockFacilityUser, type Acting } from './facility-admin.js';

export async function changeFacilityUserEmail(
  ctx: AppContext,
  by: Acting,
  facilityId: string,
  userId: string,
  input: ChangeEmailInput,
): Promise<{ loginId: string; sessionsEnded: number }> {
  assertMay(ctx, by, 'manage-facilities');
  const c = parseOrThrow(changeEmailBody, input);
  assertNotFuture(ctx, c.notifiedOn);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const user = await lockFacilityUser(tx, facilityId, userId);
    const index = ctx.crypto.blindIndex(c.email, FC_CRYPTO.userEmailIndex);
    if (index === user.email_index) throw errors.validation([{ field: 'email', message: facilitiesMessages.text('sameEmail') }]);
    await tx.query('UPDATE fc_users SET email_enc = $2, email_index = $3, updated_at = $4 WHERE id = $1', [
      userId,
      ctx.crypto.encrypt(c.email, FC_CRYPTO.userEmail),
      index,
      now,
    ]);
    const ended = await endUserAccess(tx, userId, now);
    await auditFacilityChange(
      tx,
      ctx,
      by,
      {
        action: 'facility.user.update',
        recordType: 'fc_user',
        recordId: userId,
        detail: {
          facilityId,
          change: 'email',
          notifiedOn: c.notifiedOn,
          notificationRef: c.notificationRef ?? null,
          sessionsEnded: ended.sessions,
          challengesSuperseded: ended.challenges,
        },
      },
      now,
    );
    return { loginId: user.login_id, sessionsEnded: ended.sessions };
  });
}
