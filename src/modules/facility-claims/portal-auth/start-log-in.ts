/**
 * Facility log-in, step one: the log-in id and password. On success a one-time code is made, only its
 * keyed hash stored in a new challenge (older open challenges of the user are superseded), and a job that
 * mails it is enqueued in the same transaction; the answer is the challenge id.
 *
 * Defences (budgets in login-rules.ts):
 * - per user: each attempt is CLAIMED by one conditional UPDATE of fc_users before the password is checked
 *   (failed_logins + 1, only while not locked; the claim that reaches a multiple of LOCK_AFTER sets the
 *   escalating lock), so parallel guesses never exceed the limit; a right password resets the count.
 *   A locked user gets the same 401 as a wrong password (an unknown id is never "locked", so a distinct
 *   answer would tell which ids exist); the lock is an alert for the city, who can unlock.
 * - per (typed id, client address) and per client address: failures only, 429 beyond the limit. Nothing
 *   refuses an office for one user's lock: only failures count, and another user's right password works.
 * - per user and per registered address (blind index): code e-mails, 429 beyond the limit.
 * Unknown and disabled users answer exactly like a wrong password and take as long (verifyDummy).
 */
import { AppError } from '../../../http/errors.js';
import type { AppContext } from '../../../platform/context.js';
import { enqueue } from '../../../platform/jobs.js';
import { verifyDummy, verifyPassword } from '../../../platform/passwords.js';
import { hitThrottle, peekThrottle, recordSecurityEvent } from '../../security/index.js';
import { CODE_MAIL_QUEUE, codeMailContext } from './code-mail.job.js';
import { attemptActor, recordLoginAudit, typedLoginIdHash } from './login-audit.js';
import {
  CLIENT_FAILURE_LIMIT,
  CODE_MAILS_PER_ADDRESS,
  CODE_MAILS_PER_USER,
  CODE_MAILS_PER_USER_DAY,
  CODE_VALID_MINUTES,
  codeHash,
  LOCK_AFTER,
  LOCK_MINUTES,
  lockMinutesAt,
  newChallengeId,
  newCode,
  normaliseLoginId,
  PAIR_FAILURE_LIMIT,
} from './login-rules.js';
import { portalAuthMessages as m } from './portal-auth.messages.js';

export type LogInAttempt = { loginId: string; password: string; clientIp: string; requestId: string };

type UserRow = {
  id: string;
  login_id: string;
  password_hash: string;
  status: string;
  facility_active: boolean;
  email_index: string;
};

export const wrongCredentials = () => new AppError('invalid_credentials', 401, m.text('wrongCredentials'));
const throttled = (seconds: number, key: 'throttled' | 'tooManyCodes') =>
  new AppError('too_many_requests', 429, m.text(key, { seconds }), { retryAfterSeconds: seconds });

export async function startFacilityLogIn(ctx: AppContext, input: LogInAttempt): Promise<{ challengeId: string }> {
  const now = ctx.clock.now();
  const loginId = normaliseLoginId(input.loginId).slice(0, 100);
  const ip = input.clientIp;
  const base = { clientIp: ip, requestId: input.requestId };
  const pairKey = `fc-login-fail:pair:${typedLoginIdHash(ctx, loginId)}:${ip}`;
  const clientKey = `fc-login-fail:client:${ip}`;

  const r = await ctx.db.query<UserRow>(
    `SELECT u.id, u.login_id, u.password_hash, u.status, f.active AS facility_active, u.email_index
       FROM fc_users u JOIN fc_facilities f ON f.id = u.facility_id WHERE u.login_id = $1`,
    [loginId],
  );
  const user = r.rows[0];
  const actor = attemptActor(ctx, loginId, user);
  const userId = user?.id ?? null;
  const failed = (reason: string, detail: Record<string, unknown> = {}) =>
    ctx.db.transaction((tx) =>
      recordLoginAudit(ctx, tx, {
        ...base,
        actor,
        action: 'facility.login.failed',
        outcome: reason === 'throttled' ? 'denied' : 'failure',
        userId,
        detail: { reason, ...detail },
      }),
    );

  // Failures per (typed id, address) and per address: refused before anything is checked.
  for (const [key, limit, scope] of [
    [pairKey, PAIR_FAILURE_LIMIT, 'user-address'],
    [clientKey, CLIENT_FAILURE_LIMIT, 'address'],
  ] as const) {
    if ((await peekThrottle(ctx.db, key, limit, now)) < limit.limit) continue;
    const hit = await hitThrottle(ctx.db, key, limit, now); // an attacker hammering a refused key keeps it refused
    await failed('throttled', { scope });
    throw throttled(hit.retryAfterSeconds, 'throttled');
  }

  const noteFailure = async () => {
    for (const [key, limit, scope] of [
      [pairKey, PAIR_FAILURE_LIMIT, 'user-address'],
      [clientKey, CLIENT_FAILURE_LIMIT, 'address'],
    ] as const) {
      const hit = await hitThrottle(ctx.db, key, limit, now);
      if (hit.count === limit.limit)
        await recordSecurityEvent(
          ctx.db,
          {
            kind: 'facility.login_throttled',
            severity: 'warning',
            clientIp: ip,
            subject: scope === 'address' ? null : (userId ?? typedLoginIdHash(ctx, loginId)),
            detail: { scope, failures: hit.count, windowSeconds: limit.windowSeconds },
          },
          now,
        );
    }
  };

  if (user?.status !== 'active' || !user.facility_active) {
    await verifyDummy(input.password);
    await noteFailure();
    await failed(user ? 'disabled' : 'unknown_login_id');
    throw wrongCredentials();
  }

  const claim = await ctx.db.query<{ failed_logins: number; locked_until: Date | null }>(
    `UPDATE fc_users SET failed_logins = failed_logins + 1,
       locked_until = CASE WHEN (failed_logins + 1) % $3 = 0
         THEN $2::timestamptz + make_interval(mins => ($4::int[])[least((failed_logins + 1) / $3, cardinality($4::int[]))])
         ELSE NULL END
     WHERE id = $1 AND status = 'active' AND (locked_until IS NULL OR locked_until <= $2)
     RETURNING failed_logins, locked_until`,
    [user.id, now, LOCK_AFTER, [...LOCK_MINUTES]],
  );
  const claimed = claim.rows[0];
  if (!claimed) {
    await verifyDummy(input.password);
    await noteFailure();
    await failed('locked');
    throw wrongCredentials();
  }

  if (!(await verifyPassword(user.password_hash, input.password))) {
    await noteFailure();
    await ctx.db.transaction(async (tx) => {
      const lockedUntil = claimed.locked_until ? new Date(claimed.locked_until) : null;
      if (lockedUntil) {
        await recordSecurityEvent(
          tx,
          {
            kind: 'facility.user_locked',
            severity: 'alert',
            clientIp: ip,
            subject: user.id,
            detail: {
              failedLogins: claimed.failed_logins,
              lockMinutes: lockMinutesAt(claimed.failed_logins),
              lockedUntil: lockedUntil.toISOString(),
            },
          },
          now,
        );
      }
      await recordLoginAudit(ctx, tx, {
        ...base,
        actor,
        action: 'facility.login.failed',
        outcome: 'failure',
        userId: user.id,
        detail: { reason: 'wrong_password', failedLogins: claimed.failed_logins, locked: lockedUntil !== null },
      });
    });
    throw wrongCredentials();
  }

  // The password is right: its claim (and any lock it set) is undone.
  await ctx.db.query('UPDATE fc_users SET failed_logins = 0, locked_until = NULL WHERE id = $1', [user.id]);

  for (const [key, limit] of [
    [`fc-code-mail:user:${user.id}`, CODE_MAILS_PER_USER],
    [`fc-code-mail:user-day:${user.id}`, CODE_MAILS_PER_USER_DAY],
    [`fc-code-mail:address:${user.email_index}`, CODE_MAILS_PER_ADDRESS],
  ] as const) {
    const hit = await hitThrottle(ctx.db, key, limit, now);
    if (hit.allowed) continue;
    await ctx.db.transaction(async (tx) => {
      if (hit.count === limit.limit + 1)
        await recordSecurityEvent(
          tx,
          {
            kind: 'facility.otp_throttled',
            severity: 'warning',
            clientIp: ip,
            subject: user.id,
            detail: { scope: key.split(':')[1], mails: limit.limit, windowSeconds: limit.windowSeconds },
          },
          now,
        );
      await recordLoginAudit(ctx, tx, {
        ...base,
        actor,
        action: 'facility.login.password',
        outcome: 'denied',
        userId: user.id,
        detail: { reason: 'code_mails_throttled', scope: key.split(':')[1] },
      });
    });
    throw throttled(hit.retryAfterSeconds, 'tooManyCodes');
  }

  const challengeId = newChallengeId();
  const code = newCode();
  await ctx.db.transaction(async (tx) => {
    const superseded = await tx.query(
      `UPDATE fc_otp_challenges SET status = 'superseded', closed_at = $2 WHERE user_id = $1 AND status = 'open'`,
      [user.id, now],
    );
    await tx.query(
      `INSERT INTO fc_otp_challenges (id, user_id, code_hash, client_ip, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        challengeId,
        user.id,
        codeHash(ctx.secrets.appSecret, challengeId, code),
        ip,
        now,
        new Date(now.getTime() + CODE_VALID_MINUTES * 60_000),
      ],
    );
    await enqueue(
      tx,
      CODE_MAIL_QUEUE,
      { challengeId, codeEnc: ctx.crypto.encrypt(code, codeMailContext(challengeId)) },
      { runAt: now, dedupeKey: `challenge:${challengeId}`, maxAttempts: 4 },
    );
    await recordLoginAudit(ctx, tx, {
      ...base,
      actor,
      action: 'facility.login.password',
      userId: user.id,
      detail: { codeMailed: true, supersededChallenges: superseded.rowCount },
    });
  });
  return { challengeId };
}
