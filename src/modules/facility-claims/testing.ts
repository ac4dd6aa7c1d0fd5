/**
 * Test fixtures for facility claims (synthetic data only): facilities, facility users, a facility
 * session without the e-mailed code (for tests of the parts behind the log-in; portal-auth tests the
 * log-in itself), and city staff of the two childcare divisions.
 */
import crypto from 'node:crypto';
import type { TestApp } from '../../../test/helpers.js';
import type { AppContext } from '../../platform/context.js';
import { hashPassword } from '../../platform/passwords.js';
import { makeStaff } from '../staff/test-support.js';
import { FC_CRYPTO } from './shared/crypto-contexts.js';
import { FACILITY_COOKIE } from './shared/facility-session.js';
import type { FacilityType, RegionPercent } from './shared/types.js';

export const TEST_FACILITY_PASSWORD = 'maple orchard window 73';

export type TestFacility = { id: string; code: string };

export async function insertTestFacility(
  ctx: Pick<AppContext, 'db'>,
  o: Partial<{ code: string; name: string; type: FacilityType; regionPercent: RegionPercent; capacity1: number; capacity23: number }> = {},
): Promise<TestFacility> {
  const code = o.code ?? `T${crypto.randomInt(100000, 999999)}`;
  const r = await ctx.db.query<{ id: string }>(
    `INSERT INTO fc_facilities (code, name, type, operator_name, region_percent, capacity_1, capacity_23, address)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      code,
      o.name ?? `テスト保育園 ${code}`,
      o.type ?? 'hoikusho',
      '社会福祉法人テスト会',
      o.regionPercent ?? 16,
      o.capacity1 ?? 0,
      o.capacity23 ?? 90,
      '千葉県市川市八幡1-1-1',
    ],
  );
  return { id: r.rows[0]!.id, code };
}

export type TestFacilityUser = { id: string; loginId: string; email: string; password: string; facilityId: string };

export async function insertTestFacilityUser(
  ctx: Pick<AppContext, 'db' | 'crypto'>,
  o: { facilityId: string; loginId?: string; email?: string; password?: string },
): Promise<TestFacilityUser> {
  const loginId = o.loginId ?? `fu-${crypto.randomBytes(4).toString('hex')}`;
  const email = o.email ?? `${loginId}@example.jp`;
  const password = o.password ?? TEST_FACILITY_PASSWORD;
  const r = await ctx.db.query<{ id: string }>(
    `INSERT INTO fc_users (facility_id, login_id, display_name_enc, email_enc, email_index, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      o.facilityId,
      loginId,
      ctx.crypto.encrypt(`テスト 利用者 ${loginId}`, FC_CRYPTO.userDisplayName),
      ctx.crypto.encrypt(email, FC_CRYPTO.userEmail),
      ctx.crypto.blindIndex(email, FC_CRYPTO.userEmailIndex),
      await hashPassword(password),
    ],
  );
  return { id: r.rows[0]!.id, loginId, email, password, facilityId: o.facilityId };
}

export type FacilityClient = {
  cookie: string;
  csrf: string;
  call(
    method: string,
    url: string,
    body?: unknown,
    opts?: { csrf?: boolean },
  ): Promise<{ status: number; json: any; body: string; headers: Record<string, unknown> }>;
};

/** A session for the user opened directly in the database (the log-in itself is tested in portal-auth). */
export async function facilityClient(app: TestApp, user: Pick<TestFacilityUser, 'id' | 'facilityId'>): Promise<FacilityClient> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrf = crypto.randomBytes(24).toString('base64url');
  const now = app.ctx.clock.now();
  await app.ctx.db.query(
    `INSERT INTO fc_sessions (token_hash, user_id, facility_id, csrf_token, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $6)`,
    [crypto.createHash('sha256').update(token).digest('hex'), user.id, user.facilityId, csrf, now, new Date(now.getTime() + 3_600_000)],
  );
  const client: FacilityClient = {
    cookie: `${FACILITY_COOKIE}=${token}`,
    csrf,
    async call(method, url, body, opts = {}) {
      const r = await app.server.inject({
        method: method as 'GET',
        url,
        headers: { cookie: client.cookie, ...(opts.csrf === false ? {} : { 'x-csrf-token': client.csrf }) },
        ...(body === undefined ? {} : { payload: body as object }),
      });
      let json: unknown;
      try {
        json = r.json();
      } catch {
        json = undefined;
      }
      return { status: r.statusCode, json, body: r.body, headers: r.headers as Record<string, unknown> };
    },
  };
  return client;
}

/** A member of the facility childcare division (review) — dept-admin unless told otherwise. */
export function makeReviewStaff(app: TestApp, loginId: string, role: 'dept-admin' | 'staff' = 'dept-admin'): Promise<string> {
  return makeStaff(app, { loginId, dept: app.ctx.config.facility.reviewDepartmentCode, role });
}

/** A member of the enrolment division (imports child counts). */
export function makeEnrolmentStaff(app: TestApp, loginId: string, role: 'dept-admin' | 'staff' = 'staff'): Promise<string> {
  return makeStaff(app, { loginId, dept: app.ctx.config.facility.enrolmentDepartmentCode, role });
}
