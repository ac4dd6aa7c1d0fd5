/**
 * Department isolation, walked over EVERY staff route (API and pages) of the running app: a member
 * of one department gets no other department's data by any route — lists, detail, export, search
 * or id guessing. The foreign ids are gathered from the database itself, so new tables with a
 * department_id (or a service_id of a foreign department's service) are covered automatically.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listStaffRoutes } from '../src/http/server.js';
import { startTestApp, type TestApp } from './helpers.js';

type Session = { cookie: string; csrf: string };

async function login(app: TestApp, loginId: string): Promise<Session> {
  const r = await app.server.inject({
    method: 'POST',
    url: '/api/v1/staff/session',
    payload: { loginId, password: 'demo-password-2026' },
  });
  assert.equal(r.statusCode, 200, `log-in of ${loginId}: ${r.body}`);
  const setCookie = [r.headers['set-cookie']].flat().filter(Boolean) as string[];
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: r.json().csrfToken };
}

async function foreignRecords(app: TestApp, departmentId: string): Promise<{ ids: string[]; secrets: string[] }> {
  const q = app.ctx.db;
  const ids = new Set<string>();
  const secrets = new Set<string>();
  const tables = await q.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND column_name IN ('department_id', 'service_id', 'reservation_number')`,
  );
  const byTable = new Map<string, Set<string>>();
  for (const t of tables.rows) (byTable.get(t.table_name) ?? byTable.set(t.table_name, new Set()).get(t.table_name))!.add(t.column_name);
  const hasId = async (table: string) =>
    (await q.query(`SELECT 1 FROM information_schema.columns WHERE table_schema='public' AND table_name=$1 AND column_name='id'`, [table]))
      .rows.length > 0;
  const foreignServices = byTable.has('services')
    ? (await q.query<{ id: string }>('SELECT id::text FROM services WHERE department_id = $1', [departmentId])).rows.map((r) => r.id)
    : [];
  for (const [table, cols] of byTable) {
    if (table === 'audit_log' || table === 'staff_memberships' || table === 'staff_sessions') continue;
    const where: string[] = [];
    if (cols.has('department_id')) where.push(`department_id::text = $1`);
    if (cols.has('service_id') && foreignServices.length) where.push(`service_id::text = ANY($2)`);
    if (!where.length) continue;
    const select = [
      (await hasId(table)) ? 'id::text AS id' : 'NULL AS id',
      cols.has('reservation_number') ? 'reservation_number' : 'NULL AS reservation_number',
    ];
    const rows = await q.query<{ id: string | null; reservation_number: string | null }>(
      `SELECT ${select.join(', ')} FROM ${table} WHERE ${where.join(' OR ')} LIMIT 50`,
      where.some((w) => w.includes('$2')) ? [departmentId, foreignServices] : [departmentId],
    );
    for (const r of rows.rows) {
      if (r.id) ids.add(r.id);
      if (r.reservation_number) secrets.add(r.reservation_number);
    }
  }
  // Accounts that belong only to the foreign department.
  const members = await q.query<{ id: string }>(
    `SELECT s.id::text FROM staff s WHERE EXISTS (SELECT 1 FROM staff_memberships m WHERE m.staff_id = s.id AND m.department_id = $1)
       AND NOT EXISTS (SELECT 1 FROM staff_memberships m WHERE m.staff_id = s.id AND m.department_id <> $1)`,
    [departmentId],
  );
  for (const r of members.rows) ids.add(r.id);
  return { ids: [...ids], secrets: [...secrets] };
}

describe('department isolation on every staff route', () => {
  let app: TestApp;
  let outsider: Session;
  let foreign: { ids: string[]; secrets: string[] };
  let foreignDeptId: string;

  before(async () => {
    app = await startTestApp({ demo: true });
    const d = await app.ctx.db.query<{ id: string }>(`SELECT id FROM departments WHERE code = 'fukushi'`);
    foreignDeptId = d.rows[0]!.id;
    foreign = await foreignRecords(app, foreignDeptId);
    // demo-seikatsu is ordinary staff of 生活支援課 only.
    outsider = await login(app, 'demo-seikatsu');
  });
  after(() => app?.close());

  it('has foreign records and staff routes to walk', () => {
    assert.ok(foreign.ids.length > 0, 'the demo gives the welfare department records');
    assert.ok(listStaffRoutes(app.server).length >= 5);
  });

  it('never returns another department’s record, by list, search, export or id', async () => {
    const failures: string[] = [];
    const wide = 'from=2000-01-01&to=2099-12-31';
    for (const route of listStaffRoutes(app.server)) {
      const params = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1] as string);
      const targets = params.length === 0 ? [route.url] : foreign.ids.map((id) => route.url.replace(/:(\w+)/g, id));
      for (const target of targets.slice(0, 60)) {
        const url =
          route.method === 'GET'
            ? `${target}${target.includes('?') ? '&' : '?'}${wide}&department=${foreignDeptId}&departmentId=${foreignDeptId}`
            : target;
        const r = await app.server.inject({
          method: route.method as 'GET',
          url,
          headers: { cookie: outsider.cookie, 'x-csrf-token': outsider.csrf, accept: 'application/json' },
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: { departmentId: foreignDeptId } }),
        });
        // A route that ended the session (log-out) must not weaken the walk: log in again.
        if (r.statusCode === 401 || /logout|session/.test(route.url)) outsider = await login(app, 'demo-seikatsu');
        if (r.statusCode >= 500) failures.push(`${route.method} ${url}: ${r.statusCode}`);
        if (params.length > 0 && r.statusCode < 400) failures.push(`${route.method} ${url}: ${r.statusCode} for a foreign id`);
        const leaked = [...foreign.ids, ...foreign.secrets].filter((s) => r.body.includes(s));
        if (leaked.length) failures.push(`${route.method} ${url}: body contains foreign ${leaked.slice(0, 3).join(', ')}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('would notice a leak: the same walk as a member of that department does find its records', async () => {
    const insider = await login(app, 'demo-fukushi');
    let seen = 0;
    for (const route of listStaffRoutes(app.server).filter((r) => r.method === 'GET')) {
      const targets = route.url.includes(':') ? foreign.ids.slice(0, 10).map((id) => route.url.replace(/:(\w+)/g, id)) : [route.url];
      for (const target of targets) {
        const r = await app.server.inject({
          url: `${target}?from=2000-01-01&to=2099-12-31`,
          headers: { cookie: insider.cookie, accept: 'application/json' },
        });
        if ([...foreign.ids, ...foreign.secrets].some((s) => r.body.includes(s))) seen++;
      }
    }
    assert.ok(seen > 0, 'the walk can see department data when access is allowed');
  });
});
