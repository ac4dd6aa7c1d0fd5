/** What the portal home and the account page show of the user and their facility (reads only). */
import type { AppContext } from '../../../platform/context.js';
import { FC_CRYPTO } from '../shared/crypto-contexts.js';
import type { FacilityActor } from '../shared/facility-session.js';
import { loadFacilityProfile } from '../shared/facility-profile.js';
import type { FacilityProfile } from '../shared/types.js';
import { maskEmail } from '../facilities/mask-email.js';

export type PortalAccount = {
  loginId: string;
  facility: FacilityProfile;
  maskedEmail: string;
  /** The log-in before this session's (time and client address), from the used challenges; null for the first. */
  previousLogin: { at: Date; clientIp: string | null } | null;
};

export async function readPortalAccount(ctx: AppContext, actor: FacilityActor): Promise<PortalAccount> {
  const facility = await loadFacilityProfile(ctx.db, actor.facilityId);
  const u = await ctx.db.query<{ email_enc: string }>('SELECT email_enc FROM fc_users WHERE id = $1', [actor.userId]);
  if (!facility || !u.rows[0]) throw new Error('facility session without its user or facility');
  const prev = await ctx.db.query<{ closed_at: Date; client_ip: string | null }>(
    `SELECT c.closed_at, c.client_ip FROM fc_otp_challenges c
      WHERE c.user_id = $1 AND c.status = 'used'
        AND c.closed_at < coalesce((SELECT s.created_at FROM fc_sessions s WHERE s.token_hash = $2), 'infinity'::timestamptz)
      ORDER BY c.closed_at DESC LIMIT 1`,
    [actor.userId, actor.tokenHash],
  );
  const p = prev.rows[0];
  return {
    loginId: actor.loginId,
    facility,
    maskedEmail: maskEmail(ctx.crypto.decrypt(u.rows[0].email_enc, FC_CRYPTO.userEmail)),
    previousLogin: p ? { at: new Date(p.closed_at), clientIp: p.client_ip } : null,
  };
}
