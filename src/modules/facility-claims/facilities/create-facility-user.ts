/**
 * Registers a facility user from the facility's written notification: at most two active users per
 * facility (counted under the facility's row lock, so two registrations at once cannot make three),
 * a unique lower-case log-in id, the address and the name encrypted (the address also as a blind index,
 * for throttling per address), the password checked by the policy and hashed. The audit record keeps
 * the notification's date and reference, never the address or the name.
 */
import { errors, problemTypes } from '../../../http/errors.js';
import { parseOrThrow } from '../../../http/validation.js';
import type { AppContext } from '../../../platform/context.js';
import { isPgError } from '../../../platform/db.js';
import { jstDate } from '../../../platform/japan-time.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { facilitiesMessages } from './facilities.messages.js';
import { createUserBody, type CreateUserInput } from './facilities.schemas.js';
import { assertMay, auditFacilityChange, type Acting } from './facility-admin.js';
import { acceptedPasswordHash } from './facility-user-password.js';

export const MAX_ACTIVE_USERS = 2;

/** A notification date after today (Japan) is a typing mistake. */
export function assertNotFuture(ctx: Pick<AppContext, 'clock'>, notifiedOn: string | undefined): void {
  if (notifiedOn && notifiedOn > jstDate(ctx.clock.now()))
    throw errors.validation([{ field: 'notifiedOn', message: facilitiesMessages.text('notifiedOnFuture') }]);
}

export async function createFacilityUser(
  ctx: AppContext,
  by: Acting,
  facilityId: string,
  input: CreateUserInput,
): Promise<{ id: string; loginId: string }> {
  assertMay(ctx, by, 'manage-facilities');
  const u = parseOrThrow(createUserBody, input);
  assertNotFuture(ctx, u.notifiedOn);
  const passwordHash = await acceptedPasswordHash(u.password, { loginId: u.loginId, displayName: u.displayName });
  const now = ctx.clock.now();
  try {
    return await ctx.db.transaction(async (tx) => {
      const f = await tx.query('SELECT id FROM fc_facilities WHERE id = $1 FOR UPDATE', [facilityId]);
      if (f.rows.length === 0) throw errors.notFound();
      const active = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM fc_users WHERE facility_id = $1 AND status = 'active'`, [
        facilityId,
      ]);
      if ((active.rows[0]?.n ?? 0) >= MAX_ACTIVE_USERS)
        throw errors.conflict('facility_user_limit', problemTypes.facility_user_limit.title);
      const r = await tx.query<{ id: string }>(
        `INSERT INTO fc_users (facility_id, login_id, display_name_enc, email_enc, email_index, password_hash, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
        [
          facilityId,
          u.loginId,
          ctx.crypto.encrypt(u.displayName, FC_CRYPTO.userDisplayName),
          ctx.crypto.encrypt(u.email, FC_CRYPTO.userEmail),
          ctx.crypto.blindIndex(u.email, FC_CRYPTO.userEmailIndex),
          passwordHash,
          by.kind === 'staff' ? by.staff.id : null,
          now,
        ],
      );
      const id = r.rows[0]!.id;
      await auditFacilityChange(
        tx,
        ctx,
        by,
        {
          action: 'facility.user.create',
          recordType: 'fc_user',
          recordId: id,
          detail: { facilityId, notifiedOn: u.notifiedOn ?? null, notificationRef: u.notificationRef ?? null },
        },
        now,
      );
      return { id, loginId: u.loginId };
    });
  } catch (err) {
    if (isPgError(err, '23505')) throw errors.validation([{ field: 'loginId', message: facilitiesMessages.text('loginIdInUse') }]);
    throw err;
  }
}
