/**
 * Facility log-in, step two: the e-mailed code for one challenge. Each try is claimed first by one
 * conditional UPDATE (`attempts < 5 AND status = 'open' AND expires_at > now`), committed on its own, so
 * parallel guesses can never make more than CODE_TRIES comparisons; the fifth wrong try kills the
 * challenge (a right code after that fails too). The hash comparison is constant-time. A right code
 * turns the challenge 'used' in the same transaction that opens the session, and only while the user
 * and the facility are still active: a code works once, for the log-in it was mailed for.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { recordSecurityEvent } from '../../security/index.js';
import { startFacilitySession, type FacilityActor } from '../shared/facility-session.js';
import { recordLoginAudit } from './login-audit.js';
import { CHALLENGE_ID_PATTERN, CODE_TRIES, codeHash, codeHashesMatch, normaliseCode } from './login-rules.js';
import { portalAuthMessages as m } from './portal-auth.messages.js';

export type CodeAttempt = { challengeId: string; code: string; clientIp: string; requestId: string };

export type CodeCheck = { result: 'ok'; actor: FacilityActor } | { result: 'wrong'; triesLeft: number } | { result: 'closed' };

/** The pinned answer of a refused code: 401 otp_failed (the text says how many tries are left, or to start again). */
export function codeError(c: Exclude<CodeCheck, { result: 'ok' }>): AppError {
  return new AppError('otp_failed', 401, c.result === 'wrong' ? m.text('codeWrong', { left: c.triesLeft }) : m.text('codeClosed'));
}

type ChallengeRow = { user_id: string; login_id: string; status: string; attempts: number; expires_at: Date };

export async function verifyFacilityCode(ctx: AppContext, reply: FastifyReply, input: CodeAttempt): Promise<CodeCheck> {
  const now = ctx.clock.now();
  const base = { clientIp: input.clientIp, requestId: input.requestId };
  const id = CHALLENGE_ID_PATTERN.test(input.challengeId) ? input.challengeId : undefined;
  const read = async () =>
    id
      ? (
          await ctx.db.query<ChallengeRow>(
            `SELECT c.user_id, u.login_id, c.status, c.attempts, c.expires_at FROM fc_otp_challenges c JOIN fc_users u ON u.id = c.user_id
              WHERE c.id = $1`,
            [id],
          )
        ).rows[0]
      : undefined;
  const refused = async (row: ChallengeRow | undefined, reason: string, detail: Record<string, unknown> = {}) => {
    await ctx.db.transaction((tx) =>
      recordLoginAudit(ctx, tx, {
        ...base,
        actor: row ? { type: 'facility', id: row.user_id, label: row.login_id } : { type: 'facility', id: null, label: null },
        action: 'facility.login.otp_failed',
        outcome: 'failure',
        userId: row?.user_id ?? null,
        detail: { reason, ...detail },
      }),
    );
  };
  const closedReason = (row: ChallengeRow | undefined) =>
    !row ? 'unknown_challenge' : row.status !== 'open' ? row.status : row.attempts >= CODE_TRIES ? 'dead' : 'expired';

  const code = normaliseCode(input.code);
  if (!code) {
    // Cannot be a code (not six digits): not a guess, so not counted.
    const row = await read();
    const open = row && row.status === 'open' && row.attempts < CODE_TRIES && new Date(row.expires_at).getTime() > now.getTime();
    await refused(row, open ? 'malformed' : closedReason(row));
    return open ? { result: 'wrong', triesLeft: CODE_TRIES - row.attempts } : { result: 'closed' };
  }

  const claim = id
    ? await ctx.db.query<{ user_id: string; login_id: string; code_hash: string; attempts: number }>(
        `UPDATE fc_otp_challenges c SET attempts = c.attempts + 1 FROM fc_users u
          WHERE c.id = $1 AND u.id = c.user_id AND c.status = 'open' AND c.attempts < $3 AND c.expires_at > $2
          RETURNING c.user_id, u.login_id, c.code_hash, c.attempts`,
        [id, now, CODE_TRIES],
      )
    : undefined;
  const tried = claim?.rows[0];
  if (!id || !tried) {
    const row = await read();
    await refused(row, closedReason(row));
    return { result: 'closed' };
  }

  if (!codeHashesMatch(tried.code_hash, codeHash(ctx.secrets.appSecret, id, code))) {
    const triesLeft = CODE_TRIES - tried.attempts;
    await ctx.db.transaction(async (tx) => {
      if (triesLeft === 0) {
        const dead = await tx.query(`UPDATE fc_otp_challenges SET status = 'dead', closed_at = $2 WHERE id = $1 AND status = 'open'`, [
          id,
          now,
        ]);
        if (dead.rowCount === 1)
          await recordSecurityEvent(
            tx,
            {
              kind: 'facility.otp_exhausted',
              severity: 'alert',
              clientIp: input.clientIp,
              subject: tried.user_id,
              detail: { tries: CODE_TRIES },
            },
            now,
          );
      }
      await recordLoginAudit(ctx, tx, {
        ...base,
        actor: { type: 'facility', id: tried.user_id, label: tried.login_id },
        action: 'facility.login.otp_failed',
        outcome: 'failure',
        userId: tried.user_id,
        detail: { reason: 'wrong_code', attempt: tried.attempts, dead: triesLeft === 0 },
      });
    });
    return triesLeft > 0 ? { result: 'wrong', triesLeft } : { result: 'closed' };
  }

  const actor = await ctx.db.transaction(async (tx) => {
    const used = await tx.query<{ id: string; facility_id: string; login_id: string }>(
      `UPDATE fc_otp_challenges c SET status = 'used', closed_at = $2
         FROM fc_users u JOIN fc_facilities f ON f.id = u.facility_id
        WHERE c.id = $1 AND c.status = 'open' AND c.expires_at > $2 AND u.id = c.user_id AND u.status = 'active' AND f.active
        RETURNING u.id, u.facility_id, u.login_id`,
      [id, now],
    );
    const user = used.rows[0];
    if (!user) return undefined;
    await tx.query('UPDATE fc_users SET last_login_at = $2 WHERE id = $1', [user.id, now]);
    const session = await startFacilitySession(ctx, reply, { id: user.id, facilityId: user.facility_id, loginId: user.login_id }, tx);
    await recordLoginAudit(ctx, tx, {
      ...base,
      actor: { type: 'facility', id: user.id, label: user.login_id },
      action: 'facility.login.success',
      userId: user.id,
      detail: { attempt: tried.attempts },
    });
    return session;
  });
  if (actor) return { result: 'ok', actor };
  // used by a parallel request, expired meanwhile, or the user or facility disabled since the password step
  const row = await read();
  await refused(row, row?.status === 'open' ? 'user_disabled' : closedReason(row));
  return { result: 'closed' };
}
