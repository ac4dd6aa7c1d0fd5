/** Test helpers for the staff module: departments, accounts and logged-in API clients. */
import type { Role } from '../../http/actor.js';
import type { TestApp } from '../../../test/helpers.js';
import { insertAccount } from './accounts.js';
import { findDepartmentByCode } from './staff.repository.js';

const cli = { actor: { type: 'system' as const, id: null, label: 'test' }, clientIp: null, requestId: null };
export const TEST_PASSWORD = 'violet harbour lantern 42';

export async function ensureDepartment(app: TestApp, code: string, name = `${code} 課`): Promise<string> {
  await app.ctx.db.query('INSERT INTO departments (code, name) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING', [code, name]);
  return (await findDepartmentByCode(app.ctx.db, code))!.id;
}

export async function makeStaff(
  app: TestApp,
  o: { loginId: string; dept: string; role?: Role; password?: string; mustChange?: boolean },
): Promise<string> {
  const departmentId = await ensureDepartment(app, o.dept);
  const { account } = await insertAccount(
    app.ctx,
    {
      loginId: o.loginId,
      displayName: `テスト ${o.loginId}`,
      departmentId,
      role: o.role ?? 'staff',
      password: o.password ?? TEST_PASSWORD,
      mustChangePassword: o.mustChange ?? false,
      createdBy: null,
    },
    cli,
  );
  return account.id;
}

export type Client = {
  cookie: string;
  csrf: string;
  call(
    method: string,
    url: string,
    body?: unknown,
    opts?: { csrf?: boolean },
  ): Promise<{ status: number; json: any; headers: Record<string, unknown> }>;
};

export async function logInClient(app: TestApp, loginId: string, password = TEST_PASSWORD, ip = '127.0.0.1'): Promise<Client> {
  const res = await app.server.inject({ method: 'POST', url: '/api/v1/staff/session', payload: { loginId, password }, remoteAddress: ip });
  if (res.statusCode !== 200) throw new Error(`log-in failed ${res.statusCode} ${res.body}`);
  const set = res.cookies.find((c) => c.name === 'madoguchi_staff');
  const client: Client = {
    cookie: `madoguchi_staff=${set!.value}`,
    csrf: res.json().csrfToken,
    async call(method, url, body, opts = {}) {
      const r = await app.server.inject({
        method: method as 'GET',
        url,
        headers: { cookie: client.cookie, ...(opts.csrf === false ? {} : { 'x-csrf-token': client.csrf }) },
        ...(body === undefined ? {} : { payload: body as object }),
        remoteAddress: ip,
      });
      let json: unknown;
      try {
        json = r.json();
      } catch {
        json = undefined;
      }
      return { status: r.statusCode, json, headers: r.headers };
    },
  };
  return client;
}
