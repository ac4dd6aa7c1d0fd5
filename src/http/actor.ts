/** Who is making a request. Set by the authenticators that modules register. */
import type { FastifyRequest } from 'fastify';

export type Role = 'sys-admin' | 'dept-admin' | 'staff';

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
    /** Staff-only route (API or page): department isolation tests walk these. */
    auth?: AuthMode;
  }
}

const authenticators = new Map<AuthMode, Authenticator>();

export function registerAuthenticator(mode: AuthMode, fn: Authenticator): void {
  authenticators.set(mode, fn);
}

export async function authenticate(mode: AuthMode, req: FastifyRequest, incomplete = false): Promise<StaffActor> {
  const fn = authenticators.get(mode);
  if (!fn) throw new Error(`No authenticator registered for ${mode}`);
  const actor = await fn(req, { incomplete });
  req.staff = actor;
  return actor;
}
