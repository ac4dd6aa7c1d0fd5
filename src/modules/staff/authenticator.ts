/**
 * The 'staff' authenticator: session cookie → StaffActor. Enforces idle/absolute expiry, the CSRF
 * token on every state-changing request, and confines sessions that still must change the password
 * or pass/set up the second factor to the routes marked incompleteLogin. For HTML page requests
 * the refusals are redirects to the right step.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { registerAuthenticator, type StaffActor } from '../../http/actor.js';
import { sentCsrfToken, tokensMatch } from '../../http/csrf.js';
import { AppError, errors } from '../../http/errors.js';
import { LANG_COOKIE, type Lang, type Text } from '../../http/i18n.js';
import { wantsHtml } from '../../http/server.js';
import type { AppContext } from '../../platform/context.js';
import { isPasswordRenewalDue } from './lockout.js';
import { findStaffById, membershipsOf } from './staff.repository.js';
import { holdsPaymentAdminRole, isMfaRequired, isSystemAdmin, passwordRenewalDays } from './staff.policy.js';
import { loadSession, sessionTokenOf, touchSession } from './sessions.js';
import { staffErrors } from './staff-errors.messages.js';
import { stringField } from '../../http/request-fields.js';

const preferredLanguage = new WeakMap<StaffActor, Lang>();

function redirectOr(req: FastifyRequest, err: AppError, location: string): AppError {
  if (!wantsHtml(req) || (req.method !== 'GET' && req.method !== 'HEAD')) return err;
  return new AppError(err.code, 303, err.text, { headers: { Location: location } });
}

const incompleteTexts: Record<string, Text> = {
  mfa_required: staffErrors.text('mfaRequired'),
  password_change_required: staffErrors.text('passwordChangeRequired'),
  mfa_setup_required: staffErrors.text('mfaSetupRequired'),
};

/** Builds the actor for a session; exported for the log-in route's response. */
export async function actorForSession(ctx: AppContext, tokenHash: string): Promise<StaffActor | undefined> {
  const s = (
    await ctx.db.query<{
      staff_id: string;
      csrf_token: string;
      current_department_id: string | null;
      mfa_passed: boolean;
    }>('SELECT staff_id, csrf_token, current_department_id, mfa_passed FROM staff_sessions WHERE token_hash = $1', [tokenHash])
  ).rows[0];
  if (!s) return undefined;
  return buildActor(ctx, tokenHash, s);
}

async function buildActor(
  ctx: AppContext,
  tokenHash: string,
  s: { staff_id: string; csrf_token: string; current_department_id: string | null; mfa_passed: boolean },
): Promise<StaffActor | undefined> {
  const staff = await findStaffById(ctx.db, s.staff_id);
  if (!staff || staff.is_disabled) return undefined;
  const memberships = await membershipsOf(ctx.db, staff.id);
  const mfaEnabled = staff.totp_enabled_at !== null;
  const required = isMfaRequired(ctx.config, memberships);
  const current =
    s.current_department_id && memberships.some((m) => m.departmentId === s.current_department_id)
      ? s.current_department_id
      : (memberships[0]?.departmentId ?? null);
  const renewalDue = isPasswordRenewalDue(staff.password_changed_at, ctx.clock.now(), passwordRenewalDays(ctx.config, memberships));
  const actor: StaffActor = {
    kind: 'staff',
    id: staff.id,
    loginId: staff.login_id,
    displayName: staff.display_name,
    memberships,
    currentDepartmentId: current,
    isSysAdmin: false,
    sessionTokenHash: tokenHash,
    csrfToken: s.csrf_token,
    // For payment administrators the renewal is a rule, not a reminder: an old password confines the
    // session to the password change like an initial one (the councils' "renewed yearly").
    mustChangePassword: staff.must_change_password || (renewalDue && holdsPaymentAdminRole(memberships)),
    mfaPending: mfaEnabled && !s.mfa_passed,
    mfaSetupRequired: required && !mfaEnabled,
    passwordRenewalDue: renewalDue,
  };
  actor.isSysAdmin = isSystemAdmin(actor);
  preferredLanguage.set(actor, staff.preferred_language);
  return actor;
}

export function registerStaffAuthenticator(app: FastifyInstance, ctx: AppContext): void {
  registerAuthenticator(app, 'staff', async (req, { incomplete }) => {
    const now = ctx.clock.now();
    const token = sessionTokenOf(req, ctx.config);
    const next = encodeURIComponent(req.url);
    const session = token ? await loadSession(ctx.db, token, now, ctx.config.staff.sessionIdleMinutes) : undefined;
    if (!session) throw redirectOr(req, errors.unauthenticated(), `/staff/login?next=${next}`);
    const actor = await buildActor(ctx, session.token_hash, session);
    if (!actor) throw redirectOr(req, errors.unauthenticated(), '/staff/login');
    req.staff = actor;
    // The person's preferred language applies unless this request chose one (?lang= or the lang cookie).
    const q = stringField(req.query, 'lang');
    if (q !== 'ja' && q !== 'en' && !req.cookies?.[LANG_COOKIE]) req.lang = preferredLanguage.get(actor) ?? req.lang;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (!tokensMatch(sentCsrfToken(req), session.csrf_token)) throw errors.csrf();
    }
    await touchSession(ctx.db, session.token_hash, now);
    if (!incomplete) {
      const step = actor.mfaPending
        ? ['mfa_required', '/staff/mfa']
        : actor.mustChangePassword
          ? ['password_change_required', '/staff/password']
          : actor.mfaSetupRequired
            ? ['mfa_setup_required', '/staff/settings/mfa']
            : null;
      if (step) {
        const [code, location] = step as [string, string];
        throw redirectOr(req, new AppError(code, 403, incompleteTexts[code] as Text), location);
      }
    }
    return actor;
  });
}
