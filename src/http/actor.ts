/**
 * Who is making a request. Authenticators are registered per app by the module that owns the
 * session (staff: src/modules/staff), so two apps in one process never share them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export type Role = 'sys-admin' | 'dept-admin' | 'staff' | 'payment_admin';

export type Membership = { departmentId: string; departmentCode: string; departmentName: string; role: Role };

export type StaffActor = {
  kind: 'staff';
  id: string;
  loginId: string;
  displayName: string;
  memberships: Membership[];
  /** The department the person is working in now (department switcher). */
  currentDepartmentId: string | null;
  isSysAdmin: boolean;
  sessionTokenHash: string;
  csrfToken: string;
  mustChangePassword: boolean;
  /** The second factor is required for this person but has not been passed in this session. */
  mfaPending: boolean;
  /** The second factor is required but not yet set up. */
  mfaSetupRequired: boolean;
  passwordRenewalDue: boolean;
};

export type AuthMode = 'staff';

/** incomplete: allow a session that still has to change its password or pass/set up MFA. */
export type Authenticator = (req: FastifyRequest, options: { incomplete: boolean }) => Promise<StaffActor>;

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffActor;
    lang: 'ja' | 'en';
  }
  interface FastifyContextConfig {
    /** Staff-only route (API or page): department isolation tests walk these. Set by defineApi/definePage only. */
    auth?: AuthMode;
    /** Which per-client request budget the route counts against (src/http/server.ts); default the general one. */
    rateLimit?: 'signed-notifications';
  }
  interface FastifyInstance {
    /** This app's authenticators (shared by reference with every encapsulated child scope). */
    authenticators: Map<AuthMode, Authenticator>;
  }
}

/** Gives an app its own authenticator table; buildServer calls it before any module registers. */
export function installAuthenticators(app: FastifyInstance): void {
  if (!app.hasDecorator('authenticators')) app.decorate('authenticators', new Map<AuthMode, Authenticator>());
}

export function registerAuthenticator(app: FastifyInstance, mode: AuthMode, fn: Authenticator): void {
  app.authenticators.set(mode, fn);
}

export async function authenticate(mode: AuthMode, req: FastifyRequest, incomplete = false): Promise<StaffActor> {
  const fn = req.server.authenticators?.get(mode);
  if (!fn) throw new Error(`No authenticator registered for ${mode} on this app`);
  const actor = await fn(req, { incomplete });
  req.staff = actor;
  return actor;
}
