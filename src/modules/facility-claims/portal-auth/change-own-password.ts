/**
 * A facility user changes their own password: the current one checked (tries throttled per user, so a
 * borrowed session cannot guess it), the facility users' password rule (the staff policy), not the same as now; the user's other
 * sessions end and open log-in challenges are superseded. The registered e-mail address is never changed
 * here: refuseEmailChange answers 403 and records the attempt.
 */
import type { FastifyRequest } from 'fastify';
import { AppError, errors } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { verifyPassword } from '../../../platform/passwords.js';
import { hitThrottle } from '../../security/index.js';
import { acceptedPasswordHash } from '../facilities/facility-user-password.js';
import { facilityAuditContext, type FacilityActor } from '../shared/facility-session.js';
import { recordLoginAudit } from './login-audit.js';
import { portalAuthMessages as m } from './portal-auth.messages.js';

/** Wrong current passwords per user per 15 minutes before the change is refused for the rest of the window. */
const CURRENT_PASSWORD_TRIES = { limit: 5, windowSeconds: 900 };

export async function changeOwnPassword(
  ctx: AppContext,
  req: FastifyRequest,
  actor: FacilityActor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const now = ctx.clock.now();
  const r = await ctx.db.query<{ password_hash: string; login_id: string }>('SELECT password_hash, login_id FROM fc_users WHERE id = $1', [
    actor.userId,
  ]);
  const user = r.rows[0];
  if (!user) throw errors.unauthenticated();
  const triesKey = `fc-password-change:${actor.userId}`;
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    const hit = await hitThrottle(ctx.db, triesKey, CURRENT_PASSWORD_TRIES, now);
    if (!hit.allowed)
      throw new AppError('too_many_requests', 429, m.text('throttled', { seconds: hit.retryAfterSeconds }), {
        retryAfterSeconds: hit.retryAfterSeconds,
      });
    throw errors.validation([{ field: 'currentPassword', message: m.text('currentPasswordWrong') }]);
  }
  if (await verifyPassword(user.password_hash, input.newPassword))
    throw errors.validation([{ field: 'newPassword', message: m.text('passwordSame') }]);
  const hash = await acceptedPasswordHash(input.newPassword, { loginId: user.login_id }, 'newPassword');
  const a = facilityAuditContext(req, actor);
  await ctx.db.transaction(async (tx) => {
    const u = await tx.query('UPDATE fc_users SET password_hash = $2, updated_at = $3 WHERE id = $1 AND password_hash = $4', [
      actor.userId,
      hash,
      now,
      user.password_hash,
    ]);
    if (u.rowCount !== 1) throw errors.conflict('password_changed_concurrently', m.text('passwordChangedConcurrently'));
    const ended = await tx.query('DELETE FROM fc_sessions WHERE user_id = $1 AND token_hash <> $2', [actor.userId, actor.tokenHash]);
    await tx.query(`UPDATE fc_otp_challenges SET status = 'superseded', closed_at = $2 WHERE user_id = $1 AND status = 'open'`, [
      actor.userId,
      now,
    ]);
    await recordLoginAudit(ctx, tx, {
      actor: a.actor,
      clientIp: req.ip,
      requestId: req.id,
      action: 'facility.user.update',
      userId: actor.userId,
      detail: { change: 'password', by: 'self', otherSessionsEnded: ended.rowCount },
    });
  });
}

/** Any attempt by a facility user to change the registered address: 403, recorded. */
export async function refuseEmailChange(ctx: AppContext, req: FastifyRequest, actor: FacilityActor): Promise<never> {
  const a = facilityAuditContext(req, actor);
  await ctx.db.transaction((tx) =>
    recordLoginAudit(ctx, tx, {
      actor: a.actor,
      clientIp: req.ip,
      requestId: req.id,
      action: 'facility.account.email_refused',
      outcome: 'denied',
      userId: actor.userId,
      detail: {},
    }),
  );
  throw errors.forbidden(m.text('emailRefused'));
}
