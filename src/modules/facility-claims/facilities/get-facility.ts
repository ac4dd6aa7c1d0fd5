/**
 * One facility with its users, for the city's childcare divisions: each user's log-in id, name
 * (decrypted), masked address, status, last log-in and lock. The address itself is never shown.
 */
import { errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import { assertMay, type Acting } from './facility-admin.js';
import { FACILITY_COLUMNS, toSummary, type FacilityRow, type FacilitySummary } from './list-facilities.js';
import { maskEmail } from './mask-email.js';

export type FacilityUserView = {
  id: string;
  loginId: string;
  displayName: string;
  emailMasked: string;
  status: 'active' | 'disabled';
  lastLoginAt: Date | null;
  lockedUntil: Date | null;
  isLocked: boolean;
};

export type FacilityDetail = FacilitySummary & { users: FacilityUserView[] };

export async function getFacility(ctx: AppContext, by: Acting, facilityId: string): Promise<FacilityDetail> {
  assertMay(ctx, by, 'view');
  const f = await ctx.db.query<FacilityRow>(`SELECT ${FACILITY_COLUMNS} FROM fc_facilities f WHERE f.id = $1`, [facilityId]);
  const row = f.rows[0];
  if (!row) throw errors.notFound();
  const now = ctx.clock.now();
  const u = await ctx.db.query<{
    id: string;
    login_id: string;
    display_name_enc: string;
    email_enc: string;
    status: 'active' | 'disabled';
    last_login_at: Date | null;
    locked_until: Date | null;
  }>(
    `SELECT id, login_id, display_name_enc, email_enc, status, last_login_at, locked_until
       FROM fc_users WHERE facility_id = $1 ORDER BY status, created_at, login_id`,
    [facilityId],
  );
  return {
    ...toSummary(row),
    users: u.rows.map((x) => ({
      id: x.id,
      loginId: x.login_id,
      displayName: ctx.crypto.decrypt(x.display_name_enc, FC_CRYPTO.userDisplayName),
      emailMasked: maskEmail(ctx.crypto.decrypt(x.email_enc, FC_CRYPTO.userEmail)),
      status: x.status,
      lastLoginAt: x.last_login_at,
      lockedUntil: x.locked_until,
      isLocked: x.locked_until !== null && x.locked_until > now,
    })),
  };
}
